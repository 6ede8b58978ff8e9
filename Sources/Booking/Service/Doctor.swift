import Foundation

/// Health checks an operator runs with `boxoffice doctor`: each finding says what is wrong and what to do.
public enum Doctor {
    public struct Finding: Sendable {
        public var ok: Bool
        public var text: String
    }

    public static func check(settings: Settings, configuration: Config? = nil) -> [Finding] {
        var findings: [Finding] = []
        let db = settings.databasePath
        let folder = (db as NSString).deletingLastPathComponent
        if let configuration { findings += check(configuration: configuration, settings: settings) }
        if !FileManager.default.fileExists(atPath: db) {
            // A missing folder is reported by the configuration check, with where the setting came from.
            if configuration == nil || FileManager.default.fileExists(atPath: folder) { findings.append(.init(ok: false, text: "no database at \(db): run `boxoffice init` (or `make run`), or set BOXOFFICE_DB.")) }
        } else {
            findings.append(.init(ok: true, text: "database \(db)"))
            do {
                let store = try SQLiteStore(path: db, create: false)
                findings.append(.init(ok: store.schemaVersion == Schema.version, text: "schema version \(store.schemaVersion) (this boxoffice: \(Schema.version))"))
                let wal = store.journalMode.lowercased() == "wal"
                findings.append(.init(ok: wal, text: wal ? "journal mode WAL" : "journal mode is \(store.journalMode), not WAL: run `boxoffice init`."))
                let sync = store.synchronousLevel
                findings.append(.init(ok: sync == 2, text: sync == 2 ? "synchronous=FULL" : "synchronous is \(sync), not FULL (2)."))
            } catch {
                findings.append(.init(ok: false, text: "database cannot be opened: \(error)"))
            }
            for path in [folder, db] {
                if let mode = permissions(path), mode & 0o007 != 0 {
                    findings.append(.init(ok: false, text: "\(path) is accessible to every user (mode \(String(mode, radix: 8))): run `chmod o-rwx \(path)`."))
                }
            }
        }
        let holds = RedisHolds(endpoint: settings.redis, namespace: settings.redisNamespace)
        do {
            var samples: [Duration] = []
            for _ in 0..<20 { samples.append(try holds.ping()) }
            let info = try holds.info("server")
            let median = samples.sorted()[samples.count / 2]
            let micros = median.components.attoseconds / 1_000_000_000_000 + median.components.seconds * 1_000_000
            findings.append(.init(ok: true, text: "Redis \(settings.redis) version \(info["redis_version"] ?? "?"), round trip \(micros) µs"))
            if case .unix(let path) = settings.redis.address, let mode = permissions(path), mode & 0o007 != 0 {
                findings.append(.init(ok: false, text: "the Redis socket \(path) is open to every user (mode \(String(mode, radix: 8))): set unixsocketperm 770."))
            }
            if case .tcp(let host, _) = settings.redis.address, settings.redis.password == nil,
               !["127.0.0.1", "localhost", "::1"].contains(host) {
                findings.append(.init(ok: false, text: "Redis at \(host) is reached without a password: set one (REDIS_URL or REDIS_PASSWORD_FILE)."))
            }
            if let config = try? holds.command(["CONFIG", "GET", "protected-mode"]).array, config.count == 2,
               config[1].string == "no", case .tcp = settings.redis.address, settings.redis.password == nil {
                findings.append(.init(ok: false, text: "Redis runs with protected-mode off and no password: anyone who can reach it can change holds."))
            }
        } catch {
            findings.append(.init(ok: false, text: "Redis \(settings.redis) cannot be reached (\(error)): holds are offline; start it (`make redis-up`) or fix REDIS_URL."))
        }
        return findings
    }

    /// A configuration that points nowhere: a database folder or a Redis socket that does not exist, a name no
    /// setting has. Each finding names the file and line the setting came from.
    public static func check(configuration: Config, settings: Settings) -> [Finding] {
        var findings: [Finding] = []
        let read = configuration.files.filter(\.read).map(\.path)
        findings.append(.init(ok: true, text: "configuration: " + (read.isEmpty ? "no file read" : read.joined(separator: ", ")) + " (`boxoffice config` shows every setting)"))
        func from(_ name: String) -> String {
            let source = configuration.lookup(name).source
            return source == .builtIn ? "the default" : "\(name) from \(source)"
        }
        let folder = (settings.databasePath as NSString).deletingLastPathComponent
        if !FileManager.default.fileExists(atPath: folder) {
            findings.append(.init(ok: false, text: "the database folder \(folder) does not exist (\(from("BOXOFFICE_DB"))): fix the setting, or run `boxoffice init` to create it."))
        }
        if case .unix(let path) = settings.redis.address, !FileManager.default.fileExists(atPath: path) {
            findings.append(.init(ok: false, text: "there is no Redis socket at \(path) (\(from("REDIS_URL"))): start the box office's Redis (`systemctl start boxoffice-redis`, or `make redis-up` in a checkout) or fix the setting."))
        }
        for unknown in configuration.unknownNames {
            findings.append(.init(ok: false, text: "\(unknown.name) (\(unknown.source)) is not a setting of boxoffice: a typo? `boxoffice config` lists them."))
        }
        return findings
    }

    static func permissions(_ path: String) -> Int? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Int(st.st_mode & 0o7777)
    }
}
