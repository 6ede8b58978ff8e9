import Foundation
import GRDB

/// Replacing the live database with a backup, only when no process has it open.
///
/// The old database is kept whole beside the new one (`<db>.before-restore-<unix time>`): a writer that died
/// without a checkpoint leaves committed bookings only in the `-wal` file, so the old database is checkpointed
/// first and whatever `-wal`/`-shm` remains moves with it. Every step that can fail runs before the live file is
/// touched, or is undone: a restore that stops leaves the database as it was.
public enum Restore {
    public static func run(backup: String, over database: String, clerk: Clerk, now: Date = Date()) throws {
        try check(backup: backup)
        if let pid = openedBy(database) {
            throw BookingError.databaseUnavailable("\(database) is open in another boxoffice (process \(pid)). Ask every clerk to quit first; nothing was restored.")
        }
        // 1. The restored copy, made whole (upgraded, audited, checkpointed) beside the database before anything else.
        let temporary = database + ".restoring"
        for suffix in ["", "-wal", "-shm"] { unlink(temporary + suffix) }
        do {
            try FileManager.default.copyItem(atPath: backup, toPath: temporary)
            let copy = try SQLiteStore(path: temporary, create: false)
            try copy.write { try SQLiteStore.audit($0, actor: clerk, action: "restore", detail: backup) }
            try copy.closeWhole()
        } catch {
            for suffix in ["", "-wal", "-shm"] { unlink(temporary + suffix) }
            throw failed("could not prepare the restored copy at \(temporary)", error, database: database)
        }
        // 2. The old database, whole: its WAL written into the main file, then moved aside with any companion files.
        let aside = asidePath(for: database, now: now)
        var moved: [(from: String, to: String)] = []
        func undo() {
            for m in moved.reversed() { rename(m.to, m.from) }
            for suffix in ["", "-wal", "-shm"] { unlink(temporary + suffix) }
        }
        if FileManager.default.fileExists(atPath: database) {
            do {
                try checkpoint(database)
            } catch let error as DatabaseError where [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode) {
                // A damaged database (often why one restores) cannot be checkpointed: it moves aside with its -wal as is.
            } catch {
                undo()
                throw failed("could not write \(database)'s journal (-wal) into it before moving it aside", error, database: database)
            }
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: database + suffix) {
                if FileManager.default.fileExists(atPath: aside + suffix) {
                    undo()
                    throw BookingError.databaseUnavailable("\(aside + suffix) already exists; nothing was restored. Try again in a second.")
                }
                guard rename(database + suffix, aside + suffix) == 0 else {
                    let why = String(cString: strerror(errno))
                    undo()
                    throw BookingError.databaseUnavailable("could not move \(database + suffix) aside to \(aside + suffix) (\(why)); nothing was restored.")
                }
                moved.append((database + suffix, aside + suffix))
            }
        }
        // 3. The restored copy into place.
        guard rename(temporary, database) == 0 else {
            let why = String(cString: strerror(errno))
            undo()
            throw BookingError.databaseUnavailable("could not move the restored copy into place (\(why)); nothing was restored.")
        }
        DataFolder.restrict(database: database)
    }

    /// Where a restore at `now` moves the old database.
    public static func asidePath(for database: String, now: Date) -> String {
        "\(database).before-restore-\(Int(now.timeIntervalSince1970))"
    }

    /// The backup must be a boxoffice database this version understands.
    private static func check(backup: String) throws {
        guard FileManager.default.fileExists(atPath: backup) else {
            throw BookingError.invalidInput("There is no backup at \(backup).")
        }
        do {
            var config = Configuration()
            config.readonly = true
            let queue = try DatabaseQueue(path: backup, configuration: config)
            let version = try queue.read { try Int.fetchOne($0, sql: "PRAGMA user_version") ?? 0 }
            let tables = try queue.read { try Set(String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")) }
            // A backup made before the migrator has only `user_version`; a later one has both (the migrator's record
            // says whether a newer boxoffice made it).
            let newer = try queue.read { db in if case .newer = try Schema.state(db) { return true } else { return false } }
            try queue.close()
            guard version >= 1, !newer, tables.isSuperset(of: ["theater", "seat", "orders", "booked_seat"]) else {
                throw BookingError.invalidInput("\(backup) is not a boxoffice backup this version can restore.")
            }
        } catch let error as BookingError {
            throw error
        } catch {
            throw BookingError.invalidInput("\(backup) is not a readable SQLite database (\(error)).")
        }
    }

    /// Writes every committed transaction still in the `-wal` file into the main file (opening the database also
    /// recovers a WAL left by a writer that was killed). Refuses when the checkpoint cannot complete.
    private static func checkpoint(_ database: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(SQLiteStore.busyTimeout)
        let queue = try DatabaseQueue(path: database, configuration: config)
        let row = try queue.writeWithoutTransaction { try Row.fetchOne($0, sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try queue.close()
        if let busy: Int = row?[0], busy != 0 {
            throw BookingError.databaseBusy
        }
    }

    private static func failed(_ what: String, _ error: Error, database: String) -> BookingError {
        let why = (error as? BookingError)?.description ?? (error as? DatabaseError)?.message ?? "\(error)"
        return .databaseUnavailable("\(what): \(why); nothing was restored.")
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
