import Foundation

/// The settings in force: the configuration files and the environment (`Config`). Unset, the database and Redis
/// are the ones `make run` starts under ./var/, so the CLI run in the same folder works on the same data.
public struct Settings: Sendable {
    public static let defaultDatabase = "var/boxoffice.sqlite"
    public static let defaultRedisSocket = "var/redis.sock"
    public static let defaultRedisNamespace = "bo"

    public var databasePath: String
    public var redis: RedisEndpoint
    public var reservationTimeoutMs: Int
    /// Prefix of every Redis key, so that several box offices (or test runs) can share one Redis.
    public var redisNamespace: String

    public init(databasePath: String, redis: RedisEndpoint, reservationTimeoutMs: Int,
                redisNamespace: String = defaultRedisNamespace) {
        self.databasePath = databasePath
        self.redis = redis
        self.reservationTimeoutMs = reservationTimeoutMs
        self.redisNamespace = redisNamespace
    }

    /// From the given variables, or (nil) from this process's configuration files and environment.
    public static func fromEnvironment(_ given: [String: String]? = nil) throws -> Settings {
        let env = try given ?? Config.current().environment
        let cwd = FileManager.default.currentDirectoryPath
        func absolute(_ path: String) -> String { path.hasPrefix("/") ? path : cwd + "/" + path }
        let database = absolute(env["BOXOFFICE_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultDatabase)
        let redis: RedisEndpoint
        if let url = env["REDIS_URL"], !url.isEmpty {
            redis = try RedisEndpoint(url: url, passwordFile: env["REDIS_PASSWORD_FILE"])
        } else {
            redis = RedisEndpoint(address: .unix(path: absolute(defaultRedisSocket)))
        }
        var seconds = HoldTiming.defaultTTLSeconds
        if let text = env["RESERVATION_TIMEOUT"], !text.isEmpty {
            seconds = try parseTTL(text, source: "RESERVATION_TIMEOUT")
        }
        var namespace = defaultRedisNamespace
        if let prefix = env["BOXOFFICE_REDIS_PREFIX"], !prefix.isEmpty {
            guard prefix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }), prefix.count <= 40 else {
                throw BookingError.invalidInput("BOXOFFICE_REDIS_PREFIX may hold only letters, digits, '-', '_' and '.' (at most 40).")
            }
            namespace = prefix
        }
        return Settings(databasePath: database, redis: redis, reservationTimeoutMs: Int(seconds * 1000), redisNamespace: namespace)
    }

    /// A hold's time in seconds: positive, at most `HoldTiming.maxTTLSeconds`. Fractions are fine (`0.5`).
    public static func parseTTL(_ text: String, source: String) throws -> Double {
        guard let seconds = Double(text.trimmingCharacters(in: .whitespaces)), seconds.isFinite else {
            throw BookingError.invalidInput("\(source) must be a number of seconds, not \"\(SafeText.display(text, limit: 20))\".")
        }
        guard seconds > 0, seconds <= HoldTiming.maxTTLSeconds else {
            throw BookingError.invalidInput("\(source) must be more than 0 and at most \(Int(HoldTiming.maxTTLSeconds)) seconds (it is \(text)).")
        }
        return seconds
    }
}

extension Clerk {
    public static let maxNameLength = 40

    /// The clerk acting in this process: `--clerk`, else `BOXOFFICE_CLERK`, else the login name.
    public static func current(named explicit: String?, env: [String: String] = Config.currentEnvironment) throws -> Clerk {
        let user = unixUserName()
        let name = explicit ?? env["BOXOFFICE_CLERK"].flatMap { $0.isEmpty ? nil : $0 } ?? user
        let trimmed = SafeText.trimmingSpaces(name)
        if trimmed.isEmpty { throw BookingError.invalidInput("The clerk name is empty.") }
        if let problem = SafeText.problem(in: trimmed, field: "clerk name", maxLength: maxNameLength) {
            throw BookingError.invalidInput(problem)
        }
        return Clerk(name: trimmed, unixUser: user, session: newSession())
    }

    /// Read once: the HTTP server names the Unix user on every request, and getpwuid(3) reads /etc/passwd each time
    /// (and is not thread-safe). A process's user does not change.
    public static func unixUserName() -> String { cachedUnixUserName }

    private static let cachedUnixUserName: String = {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "uid\(geteuid())"
    }()

    static func newSession() -> String {
        // gethostname(2), not ProcessInfo.hostName, which resolves the name through NSS (nscd, /etc/hosts, DNS).
        var buffer = [CChar](repeating: 0, count: 256)
        let name = gethostname(&buffer, buffer.count - 1) == 0 ? String(cString: buffer) : ""
        let host = name.split(separator: ".").first.map(String.init) ?? "host"
        return "\(host):\(getpid()):\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
    }
}
