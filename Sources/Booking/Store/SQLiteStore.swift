import CSQLite
import Foundation
import GRDB
import Synchronization

/// How many SQLite connections a process keeps. `.pool`: a writer and concurrent readers (the seat picker, the
/// harnesses). `.single`: one connection, for a command that runs a few statements and exits — GRDB's pool makes
/// every opening of a database whose WAL file is missing (the last process to close it removes it) commit a dummy
/// CREATE/DROP TABLE with three fsyncs, taking the write lock, even for `boxoffice theaters`.
public enum DatabaseConnections: Sendable { case pool, single }

/// The booking store: the record of theaters, seats, performances, orders and the audit log, in one SQLite file.
/// WAL, `synchronous=FULL` (an acknowledged booking survives power loss), `BEGIN IMMEDIATE` for every write
/// (GRDB's `write`), and a busy timeout long enough that contention waits instead of failing.
@_spi(Bench) public final class SQLiteStore: Sendable {
    public static let busyTimeout: TimeInterval = 8
    /// A command truncates the WAL after a commit that leaves this many frames (about six bookings, 400 KB): the next
    /// process to open the database alone reads it whole (1,300 frames cost `boxoffice seats` about 4 ms of CPU).
    static let walFramesBeforeCheckpoint: Int32 = 100
    /// SQLite set up for this process once, before its first connection (CSQLite/shim.h says what and why).
    private static let leanProcess: Void = { _ = boxoffice_sqlite_lean_process() }()

    public let path: String
    let pool: any DatabaseWriter
    /// A connection of its own for `changeCounter()`, opened on first use (only the HTTP server asks).
    private let watcher = Mutex<DatabaseQueue?>(nil)
    /// Bookings share transactions (the HTTP server, booking for many callers at once); nil: each commits alone.
    let groupCommit: GroupCommit?
    /// Where this open copied the database before upgrading its schema (nil when it needed no upgrade).
    public let upgradeBackup: String?

    /// Opens the database. With `create: false` a missing file is an error a clerk can act on, not a new empty file.
    /// A new database is always opened as a pool, which puts it in WAL mode.
    /// `batchHolds`: with group commit, each batch leases its bookings' seats in one go and settles them after the commit.
    public init(path: String, create: Bool, connections: DatabaseConnections = .pool, groupCommit: Bool = false,
                batchHolds: (any BatchHolds)? = nil) throws {
        Self.leanProcess
        self.path = path
        if let refusal = DatabaseAccess.refusal(path: path, create: create) { throw refusal }
        if !create && !FileManager.default.fileExists(atPath: path) {
            throw BookingError.databaseUnavailable("there is no database at \(path). Run `boxoffice init` (or `make run`) first, or set BOXOFFICE_DB.")
        }
        var config = Configuration()
        config.busyMode = .timeout(Self.busyTimeout)
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // A group commit's bookings each run in a savepoint, and every one rewrites pages the batch's earlier
            // bookings made dirty: SQLite copies those into a sub-journal, which past 64 KiB spilled to a temporary
            // file (an open, an unlink and about twenty pwrites per booking, strace'd under wrk). In memory, that is
            // a memcpy; the temporary tables and indexes of the reports' queries are small.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // A command's connection keeps the WAL when it closes, and truncates it after a commit once it has grown
            // (CSQLite/shim.h says why: a booking paid three fsyncs more than its commit). The picker and the server
            // keep SQLite's own checkpoints: while they run, the WAL's index stays alive between commands.
            if connections == .single && !create, let handle = db.sqliteConnection {
                guard boxoffice_sqlite_no_checkpoint_on_close(handle) == 0 else {
                    throw BookingError.databaseUnavailable("SQLite refused to keep its WAL on close (\(path)).")
                }
                boxoffice_sqlite_truncate_wal_after(handle, Self.walFramesBeforeCheckpoint, Int32(Self.busyTimeout * 1000))
            }
        }
        var backup: String?
        do {
            if connections == .single && !create {
                pool = try DatabaseQueue(path: path, configuration: config)
            } else {
                pool = try DatabasePool(path: path, configuration: config)
            }
            // DatabasePool sets its writer back to synchronous=NORMAL after prepareDatabase: set it again, and check.
            try pool.writeWithoutTransaction { db in
                if connections == .single, try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                    try db.execute(sql: "PRAGMA journal_mode = WAL")
                }
                try db.execute(sql: "PRAGMA synchronous = FULL")
                let level = try Int.fetchOne(db, sql: "PRAGMA synchronous")
                guard level == 2 else {
                    throw BookingError.databaseUnavailable("SQLite would not set synchronous=FULL (it is \(level ?? -1)).")
                }
            }
            // Only a database that needs migrating takes a lock: opening one that is up to date must not wait behind
            // another clerk's transaction (a process stopped mid-commit blocked every clerk from even reading the seat
            // map, in the stress run).
            // An existing database of an older schema is copied first (UpgradeBackup), then upgraded.
            backup = try Schema.migrate(pool, path: path)
        } catch {
            throw Self.translate(error, path: path)
        }
        upgradeBackup = backup
        self.groupCommit = groupCommit ? GroupCommit(pool: pool, path: path, holds: batchHolds) : nil
    }

    /// Writes the WAL into the main file and closes every connection, leaving one self-contained file (a restored
    /// copy about to be renamed into place: a `-wal` left under its old name would be lost).
    func closeWhole() throws {
        do {
            try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            try pool.close()
        } catch {
            throw Self.translate(error, path: path)
        }
        for suffix in ["-wal", "-shm"] {
            let size = (try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? Int) ?? nil
            if suffix == "-wal", let size, size > 0 {
                throw BookingError.databaseUnavailable("\(path)-wal still holds transactions after a checkpoint.")
            }
            unlink(path + suffix)
        }
    }

    /// Runs a write in `BEGIN IMMEDIATE`, translating SQLite's failures into plain words.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch { throw Self.translate(error, path: path) }
    }

    /// Whether bookings go through group commit, whose batches lease their seats (`BatchLease`).
    public var leasesInBatches: Bool { groupCommit != nil }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch { throw Self.translate(error, path: path) }
    }

    /// A read of ONE statement, without the BEGIN/COMMIT that `read` wraps around it: a single SQL statement reads one
    /// consistent snapshot by itself (SQLite's implicit transaction), so the wrapper isolated nothing and cost about a
    /// third of a small read's CPU. Never give it a body that runs two statements that must agree.
    func readOneStatement<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.unsafeRead(body) } catch { throw Self.translate(error, path: path) }
    }

    public var synchronousLevel: Int {
        (try? pool.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") } ?? -1) ?? -1
    }

    public var journalMode: String {
        (try? pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } ?? "?") ?? "?"
    }

    /// How many of this boxoffice's schema steps the database has.
    public var schemaVersion: Int {
        (try? pool.read(Schema.appliedCount)) ?? 0
    }

    /// Changes when any other connection commits: lets a map notice bookings while Redis is down.
    /// Only comparable on one connection, so it is always read on the writer (the pool's readers rotate).
    public func dataVersion() throws -> Int {
        do {
            return try pool.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// A number that changes whenever any connection, this process's own included, commits (SQLite's `data_version`
    /// read on a connection that never writes): a cache of what the database says is stale when it moves.
    public func changeCounter() throws -> Int {
        try onWatcher { try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }
    }

    /// A quick read on the watcher, the read-only connection `changeCounter` uses, for the HTTP server's reads that run
    /// on every request and must see every commit at once (an API key revoked by a clerk): one indexed statement,
    /// answered on the caller's own thread instead of a hop to the server's blocking pool and a pooled reader's
    /// transaction. Reads only; nothing long (the connection is shared under a lock).
    func onWatcher<T: Sendable>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try watcher.withLock { queue in
                if queue == nil {
                    var config = Configuration()
                    config.readonly = true
                    config.busyMode = .timeout(Self.busyTimeout)
                    queue = try DatabaseQueue(path: path, configuration: config)
                }
                return try queue!.inDatabase(body)
            }
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// A consistent copy of the live database while clerks keep selling.
    public func backup(to destination: String) throws {
        if FileManager.default.fileExists(atPath: destination) {
            throw BookingError.invalidInput("\(destination) already exists; choose a new file name.")
        }
        // The destination is the clerk's to get right: a folder missing or closed to them is said as such (exit 1), not
        // as the booking database failing to open, which SQLite's "cannot open" would read as.
        let folder = (destination as NSString).deletingLastPathComponent.isEmpty ? "." : (destination as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue {
            throw BookingError.invalidInput("Cannot write the backup \(destination): there is no folder \(folder). Nothing was written.")
        }
        if !FileManager.default.isWritableFile(atPath: folder) {
            throw BookingError.invalidInput("Cannot write the backup \(destination): you may not write to the folder \(folder). Nothing was written.")
        }
        do {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "VACUUM INTO ?", arguments: [destination])
            }
        } catch {
            throw Self.translate(error, path: destination)
        }
    }

    static func diskIsFull(_ path: String) -> Bool {
        var fs = statvfs()
        return statvfs((path as NSString).deletingLastPathComponent, &fs) == 0 && fs.f_bavail == 0
    }

    static func translate(_ error: Error, path: String) -> Error {
        if error is BookingError { return error }
        guard let db = error as? DatabaseError else { return error }
        switch db.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return BookingError.databaseBusy
        case .SQLITE_READONLY:
            return BookingError.databaseUnavailable("\(path) is read-only; nothing was changed. Check the disk and the file's permissions.")
        case .SQLITE_FULL:
            return BookingError.databaseUnavailable("the disk holding \(path) is full; nothing was changed. Free some space and try again.")
        case .SQLITE_CANTOPEN:
            return BookingError.databaseUnavailable("\(path) cannot be opened. Check that its folder exists and that you may write to it.")
        case .SQLITE_IOERR where Self.diskIsFull(path):
            // A full disk often shows as an I/O error (the WAL index cannot grow), not SQLITE_FULL: say what it is.
            return BookingError.databaseUnavailable("the disk holding \(path) is full; nothing was changed. Free some space and try again.")
        case .SQLITE_IOERR:
            return BookingError.databaseUnavailable("a disk error on \(path); nothing was changed (\(db.message ?? "I/O error")).")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return BookingError.databaseUnavailable("\(path) is not a usable boxoffice database (\(db.message ?? "corrupt")). Restore it from a backup.")
        case .SQLITE_PERM, .SQLITE_AUTH:
            return BookingError.databaseUnavailable("permission denied on \(path).")
        default:
            return BookingError.databaseUnavailable("\(db.message ?? "SQLite error \(db.resultCode.rawValue)") (\(path)).")
        }
    }
}

extension Date {
    var millis: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }
    init(millis: Int64) { self.init(timeIntervalSince1970: Double(millis) / 1000) }
}
