import Foundation

/// The settings in force for one command, layered: `/etc/boxoffice/boxoffice.conf`, then the user's
/// `~/.config/boxoffice/boxoffice.conf`, then the environment, each overriding the one before. `BOXOFFICE_CONFIG=<file>`
/// reads that one file instead of the two; `BOXOFFICE_CONFIG=none` reads no file (the Makefile and the tests set it, so
/// a checkout on a venue's server never touches the venue's data). Each value remembers where it came from, for
/// `boxoffice config` and `doctor`.
public struct Config: Sendable {
    public static let systemFile = "/etc/boxoffice/boxoffice.conf"
    public static let selector = "BOXOFFICE_CONFIG"

    /// The variables boxoffice reads, in the order `boxoffice config` lists them, with the default in words.
    public static let known: [(name: String, fallback: String)] = [
        ("BOXOFFICE_DB", Settings.defaultDatabase),
        ("REDIS_URL", "unix://" + Settings.defaultRedisSocket),
        ("REDIS_PASSWORD_FILE", "none"),
        ("RESERVATION_TIMEOUT", String(Int(HoldTiming.defaultTTLSeconds))),
        ("BOXOFFICE_CLERK", "the login name"),
        ("BOXOFFICE_REDIS_PREFIX", Settings.defaultRedisNamespace),
        ("BOXOFFICE_LOG_LEVEL", "warning"),
        ("BOXOFFICE_CURRENCY", "GBP (stored by init; a database keeps its own)"),
        ("BOXOFFICE_PRINTER", "none: the picker's p saves tickets as PDF files"),
        ("BOXOFFICE_BACKUP_KEEP", "14 (nightly backups kept by boxoffice-backup.timer)"),
    ]

    public enum Source: Equatable, Sendable, CustomStringConvertible {
        case file(path: String, line: Int)
        case environment
        case builtIn

        public var description: String {
            switch self {
            case .file(let path, let line): "\(path):\(line)"
            case .environment: "environment"
            case .builtIn: "default"
            }
        }
    }

    public struct Value: Equatable, Sendable {
        public var value: String
        public var source: Source
        public init(value: String, source: Source) { self.value = value; self.source = source }
    }

    /// A configuration file that was looked for, and whether it was there.
    public struct File: Equatable, Sendable {
        public var path: String
        public var read: Bool
        public init(path: String, read: Bool) { self.path = path; self.read = read }
    }

    public var files: [File]
    /// Every variable set by a file or (for the names boxoffice knows) the environment.
    public var values: [String: Value]
    /// What the process environment holds, for everything not set in a file (PATH, TERM, HOME…).
    private var processEnvironment: [String: String]

    /// The merged environment the rest of boxoffice reads: files first, the process environment over them.
    public var environment: [String: String] {
        var merged = processEnvironment
        for (name, v) in values { merged[name] = v.value }
        return merged
    }

    /// Reads the files named by the rules above. `read` is the seam that keeps this testable without touching /etc.
    public static func load(environment env: [String: String] = Config.processEnvironment(),
                            read: (String) throws -> String? = Config.readFile) throws -> Config {
        var paths: [(path: String, required: Bool)] = []
        switch env[selector] {
        case "none": break
        case let chosen? where !chosen.isEmpty: paths = [(chosen, true)]
        default:
            paths = [(systemFile, false)]
            if let home = userConfigFolder(env) { paths.append((home + "/boxoffice/boxoffice.conf", false)) }
        }
        var files: [File] = []
        var values: [String: Value] = [:]
        for (path, required) in paths {
            guard let text = try read(path) else {
                if required {
                    throw BookingError.invalidInput("\(selector) names \(path), which does not exist; give a file, or \(selector)=none.")
                }
                files.append(File(path: path, read: false))
                continue
            }
            files.append(File(path: path, read: true))
            do {
                for a in try EnvironmentFile.parse(text) { values[a.key] = Value(value: a.value, source: .file(path: path, line: a.line)) }
            } catch {
                throw BookingError.invalidInput("The configuration file \(path), \(error). Nothing was done.")
            }
        }
        // An empty environment variable counts as unset, as it always has: it does not blank out a file's value.
        for (name, _) in known {
            if let v = env[name], !v.isEmpty { values[name] = Value(value: v, source: .environment) }
        }
        return Config(files: files, values: values, processEnvironment: env)
    }

    /// The configuration of this process, read once.
    public static func current() throws -> Config {
        switch cached {
        case .read(let config): return config
        case .failed(let error): throw error
        }
    }
    private static let cached: Loaded = {
        do { return .read(try load()) } catch { return .failed(error as? BookingError ?? .invalidInput("The configuration cannot be read: \(error)")) }
    }()

    /// `Result<Config, BookingError>` without the generic type: Swift checks a generic type's constraints the first
    /// time a process makes it (here `BookingError: Error`), and a first check scans every conformance in the binary.
    private enum Loaded: Sendable {
        case read(Config)
        case failed(BookingError)
    }

    /// The merged environment of this process; if a file cannot be read, the process environment (the command that
    /// reads settings then reports the file's problem itself).
    public static var currentEnvironment: [String: String] {
        (try? current().environment) ?? processEnvironment()
    }

    /// The process environment as ProcessInfo.environment gives it (each `NAME=value` split at its first `=`, the last
    /// of a repeated name kept), read from `environ` directly: Foundation's copy broke every entry into characters to
    /// find its `=`, 0.8 M instructions at every start (3 % of a `book`). ConfigurationTests compares the two.
    public static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var entry = environ
        if Int(bitPattern: entry) == 0 { return result }  // clearenv(3) leaves no environment at all
        while let text = entry.pointee {
            let bytes = UnsafeRawBufferPointer(start: text, count: strlen(text))
            if let equals = bytes.firstIndex(of: UInt8(ascii: "=")) {
                result[String(decoding: bytes[..<equals], as: UTF8.self)] = String(decoding: bytes[(equals + 1)...], as: UTF8.self)
            }
            entry += 1
        }
        return result
    }

    /// The value in force for a name and where it came from (`builtIn` when nothing set it).
    public func lookup(_ name: String) -> Value {
        values[name].flatMap { $0.value.isEmpty ? nil : $0 } ?? Value(value: "", source: .builtIn)
    }

    /// Names set in a file that boxoffice does not read: most likely a typo.
    public var unknownNames: [(name: String, source: Source)] {
        let names = Set(Self.known.map(\.name))
        return values.filter { !names.contains($0.key) }.map { ($0.key, $0.value.source) }.sorted { $0.name < $1.name }
    }

    static func userConfigFolder(_ env: [String: String]) -> String? {
        if let xdg = env["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg }
        if let home = env["HOME"], !home.isEmpty { return home + "/.config" }
        if let pw = getpwuid(geteuid()), let dir = pw.pointee.pw_dir { return String(cString: dir) + "/.config" }
        return nil
    }

    /// A file's text, or nil when it does not exist. One that exists but cannot be read is an error with its name.
    public static func readFile(_ path: String) throws -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BookingError.invalidInput("The configuration file \(path) cannot be read (check its permissions).")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw BookingError.invalidInput("The configuration file \(path) is not UTF-8 text.")
        }
        return text
    }
}
