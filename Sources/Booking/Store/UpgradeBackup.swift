import Foundation
import GRDB

/// Before `boxoffice init` upgrades an existing database to a newer schema (a package upgrade runs it), a copy of the
/// database as it was, beside it in `backups/`: an upgrade that goes wrong must never cost a booking.
public enum UpgradeBackup {
    /// The copy's path when one was made; nil when there is no database yet or it is already up to date.
    public static func beforeUpgrading(databaseAt path: String, now: Date = Date()) throws -> (path: String, from: Int, to: Int)? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(SQLiteStore.busyTimeout)
        do {
            // Read-only, and not through SQLiteStore: opening a SQLiteStore would already migrate it.
            let queue = try DatabaseQueue(path: path, configuration: config)
            let version = try queue.read { try Int.fetchOne($0, sql: "PRAGMA user_version") ?? 0 }
            guard version > 0, version < Schema.version else { return nil }
            let folder = (path as NSString).deletingLastPathComponent + "/backups"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            chmod(folder, 0o2770)
            let stamp = ISO8601DateFormatter.string(from: now, timeZone: .gmt, formatOptions: [.withYear, .withMonth, .withDay, .withTime])
            let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            let copy = "\(folder)/\(name)-schema\(version)-\(stamp).sqlite"
            try queue.writeWithoutTransaction { try $0.execute(sql: "VACUUM INTO ?", arguments: [copy]) }
            chmod(copy, 0o660)
            return (copy, version, Schema.version)
        } catch {
            throw SQLiteStore.translate(error, path: path)
        }
    }
}
