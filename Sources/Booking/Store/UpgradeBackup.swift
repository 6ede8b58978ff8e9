import Foundation
import GRDB

/// Before an existing database is upgraded to a newer schema (by `boxoffice init` in a package upgrade, or by the
/// first command a clerk runs with the new binary, whichever comes first), a copy of it as it was, beside it in
/// `backups/`. An upgrade that goes wrong must never cost a booking: no copy, no upgrade.
enum UpgradeBackup {
    static func copy(_ pool: any DatabaseWriter, path: String, from version: Int, now: Date = Date()) throws -> String {
        let folder = (path as NSString).deletingLastPathComponent + "/backups"
        let stamp = ISO8601DateFormatter.string(from: now, timeZone: .gmt, formatOptions: [.withYear, .withMonth, .withDay, .withTime])
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let copy = "\(folder)/\(name)-schema\(version)-\(stamp)-\(getpid()).sqlite"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            chmod(folder, 0o2770)
            try pool.writeWithoutTransaction { try $0.execute(sql: "VACUUM INTO ?", arguments: [copy]) }
            chmod(copy, 0o660)
        } catch {
            throw BookingError.databaseUnavailable("\(path) needs upgrading from schema version \(version) to \(Schema.version), and a copy must be made first, but \(copy) could not be written (\(error)). Nothing was changed.")
        }
        return copy
    }
}
