@_spi(Bench) import Booking
import Foundation
import GRDBSQLite

/// This machine's own limits, measured in the same run as what is compared with them.
enum Baselines {
    /// `PING` round trips on the very connection boxoffice uses for holds (hiredis, blocking, REDIS_URL).
    static func redisPing(_ holds: RedisHolds, iterations: Int) throws -> Latencies {
        for _ in 0..<500 { _ = try holds.ping() }
        var lat = Latencies()
        for _ in 0..<iterations {
            let start = monotonicNs()
            _ = try holds.command(["PING"])
            lat.record(ns: monotonicNs() - start)
        }
        return lat
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ text: String) { description = text }
}

/// Raw one-row INSERT commits through the SQLite C API: WAL, synchronous=FULL, `BEGIN IMMEDIATE` … `COMMIT`, a prepared
/// statement, on a new file in the benchmark's folder (the database's own file system). The disk of a shared machine
/// changes speed from one second to the next, so the bench runs this in short slices between the booking slices
/// it is compared with, and adds them up.
final class RawCommits {
    private let path: String
    private let db: OpaquePointer
    private let insert: OpaquePointer
    private(set) var latencies = Latencies()
    private(set) var commits = 0
    private(set) var elapsedNs: UInt64 = 0
    private(set) var cpuUs = 0.0

    var perSecond: Double { elapsedNs == 0 ? 0 : Double(commits) / (Double(elapsedNs) / 1e9) }

    init(folder: String) throws {
        path = folder + "/raw-commits.sqlite"
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK, let handle else {
            throw BenchError("cannot open \(path)")
        }
        db = handle
        for sql in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
                    "CREATE TABLE t (id INTEGER PRIMARY KEY, performance_id INTEGER NOT NULL, seat_id INTEGER NOT NULL, created_at INTEGER NOT NULL)"] {
            guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw BenchError("\(sql): \(String(cString: sqlite3_errmsg(db)))") }
        }
        var check: OpaquePointer?
        sqlite3_prepare_v2(db, "PRAGMA synchronous", -1, &check, nil)
        sqlite3_step(check)
        let level = sqlite3_column_int(check, 0)
        sqlite3_finalize(check)
        guard level == 2 else { throw BenchError("synchronous is \(level), not FULL") }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, "INSERT INTO t (performance_id, seat_id, created_at) VALUES (?, ?, ?)", -1, &statement, nil) == SQLITE_OK,
              let statement else {
            throw BenchError("prepare: \(String(cString: sqlite3_errmsg(db)))")
        }
        insert = statement
    }

    deinit {
        sqlite3_finalize(insert)
        sqlite3_close_v2(db)
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
    }

    private func exec(_ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw BenchError("\(sql): \(String(cString: sqlite3_errmsg(db)))") }
    }

    /// Commits one row at a time for `seconds`.
    func run(seconds: Double) throws {
        let cpu = processCPUus()
        defer { cpuUs += processCPUus() - cpu }
        let start = monotonicNs()
        let end = start + UInt64(seconds * 1e9)
        var now = start
        while now < end {
            try exec("BEGIN IMMEDIATE")
            sqlite3_bind_int64(insert, 1, 1)
            sqlite3_bind_int64(insert, 2, Int64(commits))
            sqlite3_bind_int64(insert, 3, realtimeNs() / 1_000_000)
            guard sqlite3_step(insert) == SQLITE_DONE else { throw BenchError("insert: \(String(cString: sqlite3_errmsg(db)))") }
            sqlite3_reset(insert)
            try exec("COMMIT")
            commits += 1
            let t = monotonicNs()
            latencies.record(ns: t - now)
            now = t
        }
        elapsedNs += now - start
    }
}
