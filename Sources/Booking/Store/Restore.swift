import Foundation
import GRDB

/// Replacing the live database with a backup, only when no process has it open.
public enum Restore {
    public static func run(backup: String, over database: String, clerk: Clerk) throws {
        guard FileManager.default.fileExists(atPath: backup) else {
            throw BookingError.invalidInput("There is no backup at \(backup).")
        }
        // The backup must be a boxoffice database this version understands.
        do {
            var config = Configuration()
            config.readonly = true
            let queue = try DatabaseQueue(path: backup, configuration: config)
            let version = try queue.read { try Int.fetchOne($0, sql: "PRAGMA user_version") ?? 0 }
            let tables = try queue.read { try Set(String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")) }
            // A backup made before the migrator has only `user_version`; a later one has both (the migrator's record
            // says whether a newer boxoffice made it).
            let newer = try queue.read { db in if case .newer = try Schema.state(db) { return true } else { return false } }
            guard version >= 1, !newer, tables.isSuperset(of: ["theater", "seat", "orders", "booked_seat"]) else {
                throw BookingError.invalidInput("\(backup) is not a boxoffice backup this version can restore.")
            }
        } catch let error as BookingError {
            throw error
        } catch {
            throw BookingError.invalidInput("\(backup) is not a readable SQLite database (\(error)).")
        }
        if let pid = openedBy(database) {
            throw BookingError.databaseUnavailable("\(database) is open in another boxoffice (process \(pid)). Ask every clerk to quit first; nothing was restored.")
        }
        let fm = FileManager.default
        if fm.fileExists(atPath: database) {
            let stamp = Int(Date().timeIntervalSince1970)
            try? fm.moveItem(atPath: database, toPath: "\(database).before-restore-\(stamp)")
        }
        for suffix in ["-wal", "-shm"] { try? fm.removeItem(atPath: database + suffix) }
        let temporary = database + ".restoring"
        try? fm.removeItem(atPath: temporary)
        try fm.copyItem(atPath: backup, toPath: temporary)
        guard rename(temporary, database) == 0 else {
            throw BookingError.databaseUnavailable("could not move the restored copy into place (errno \(errno)).")
        }
        DataFolder.restrict(database: database)
        let box = try SQLiteStore(path: database, create: false)
        try box.write { try SQLiteStore.audit($0, actor: clerk, action: "restore", detail: backup) }
    }

    /// Every SQLite connection in WAL mode holds a shared lock on byte 128 of the `-shm` file (the "DMS" lock)
    /// for as long as it is open. A would-be write lock there tells whether anyone, of any user, has it open.
    static func openedBy(_ database: String) -> pid_t? {
        let shm = database + "-shm"
        let fd = open(shm, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 128
        lock.l_len = 1
        guard fcntl(fd, F_GETLK, &lock) == 0 else { return nil }
        return lock.l_type == Int16(F_UNLCK) ? nil : lock.l_pid
    }
}
