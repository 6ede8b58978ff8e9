import Booking
import Foundation

/// What `boxoffice config` prints (also as JSON): the files looked for, and each setting with its source.
struct ConfigReport: Encodable {
    struct File: Encodable { var path: String; var read: Bool }
    struct Setting: Encodable {
        var name: String
        /// As written, except a Redis password, which is never printed.
        var value: String
        /// What the setting means once read, e.g. the absolute path a relative BOXOFFICE_DB names.
        var inEffect: String?
        /// `default`, `environment`, or `FILE:LINE`.
        var source: String
    }

    var files: [File]
    var settings: [Setting]
    var unknown: [Setting]

    init(_ config: Config, settings resolved: Settings) {
        files = config.files.map { File(path: $0.path, read: $0.read) }
        settings = Config.known.map { name, fallback in
            let v = config.lookup(name)
            let shown = v.source == .builtIn ? fallback : (name == "REDIS_URL" ? Self.redactingPassword(v.value) : v.value)
            var inEffect: String?
            switch name {
            case "BOXOFFICE_DB": inEffect = resolved.databasePath
            case "REDIS_URL": inEffect = "\(resolved.redis)"
            default: break
            }
            return Setting(name: name, value: shown, inEffect: inEffect == shown ? nil : inEffect, source: "\(v.source)")
        }
        unknown = config.unknownNames.map { Setting(name: $0.name, value: "", source: "\($0.source)") }
    }

    /// `redis://:secret@host` → `redis://:***@host`: configuration output is pasted into tickets and chats.
    static func redactingPassword(_ url: String) -> String {
        url.replacingOccurrences(of: "(//[^/@]*:)[^/@]*@", with: "$1***@", options: .regularExpression)
    }
}
