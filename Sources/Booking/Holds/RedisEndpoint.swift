import Foundation

/// Where Redis is, from `REDIS_URL`: `redis://[:password@]host:port/db` or `unix:///path/to/socket`.
/// A password may also come from the file named by `REDIS_PASSWORD_FILE`, so it never appears on a command line.
public struct RedisEndpoint: Sendable, Hashable, CustomStringConvertible {
    public enum Address: Sendable, Hashable {
        case tcp(host: String, port: Int)
        case unix(path: String)
    }

    public var address: Address
    public var password: String?
    public var database: Int

    public init(address: Address, password: String? = nil, database: Int = 0) {
        self.address = address
        self.password = password
        self.database = database
    }

    public init(url: String, passwordFile: String? = nil) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else {
            throw BookingError.invalidInput("REDIS_URL \"\(SafeText.display(url, limit: 80))\" is not a URL such as redis://localhost:6379/0 or unix:///path/to/redis.sock.")
        }
        switch scheme {
        case "unix":
            let path = components.path
            guard !path.isEmpty else { throw BookingError.invalidInput("REDIS_URL \(url) names no socket path.") }
            address = .unix(path: path)
            database = 0
            if let db = components.queryItems?.first(where: { $0.name == "db" })?.value, let n = Int(db) { database = n }
        case "redis":
            address = .tcp(host: components.host ?? "127.0.0.1", port: components.port ?? 6379)
            let db = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            database = Int(db) ?? 0
        default:
            throw BookingError.invalidInput("REDIS_URL must start with redis:// or unix://, not \(scheme)://.")
        }
        password = components.password.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding }
        if password == nil, let passwordFile {
            guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                throw BookingError.invalidInput("REDIS_PASSWORD_FILE \(passwordFile) cannot be read.")
            }
            password = text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// For messages: never shows the password.
    public var description: String {
        switch address {
        case .tcp(let host, let port): "redis://\(host):\(port)/\(database)"
        case .unix(let path): "unix://\(path)"
        }
    }
}
