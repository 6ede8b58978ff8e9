import Booking
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

    /// Raw one-row INSERT commits through the SQLite C API: WAL, synchronous=FULL, `BEGIN IMMEDIATE` … `COMMIT`,
    /// a prepared statement, for `seconds`, on a new file in `folder` (the database's own file system).
    static func sqliteCommits(folder: String, seconds: Double) throws -> (perSecond: Double, latencies: Latencies) {
        let path = folder + "/raw-commit-\(UInt32.random(in: 0...UInt32.max)).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) } }
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK, let db else {
            throw BenchError("cannot open \(path)")
        }
        defer { sqlite3_close_v2(db) }
        func exec(_ sql: String) throws {
            guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
                throw BenchError("\(sql): \(String(cString: sqlite3_errmsg(db)))")
            }
        }
        try exec("PRAGMA journal_mode = WAL")
        try exec("PRAGMA synchronous = FULL")
        try exec("CREATE TABLE t (id INTEGER PRIMARY KEY, performance_id INTEGER NOT NULL, seat_id INTEGER NOT NULL, created_at INTEGER NOT NULL)")
        var check: OpaquePointer?
        sqlite3_prepare_v2(db, "PRAGMA synchronous", -1, &check, nil)
        sqlite3_step(check)
        let level = sqlite3_column_int(check, 0)
        sqlite3_finalize(check)
        guard level == 2 else { throw BenchError("synchronous is \(level), not FULL") }
        var insert: OpaquePointer?
        guard sqlite3_prepare_v2(db, "INSERT INTO t (performance_id, seat_id, created_at) VALUES (?, ?, ?)", -1, &insert, nil) == SQLITE_OK else {
            throw BenchError("prepare: \(String(cString: sqlite3_errmsg(db)))")
        }
        defer { sqlite3_finalize(insert) }
        var lat = Latencies()
        var n: Int64 = 0
        let start = monotonicNs()
        let end = start + UInt64(seconds * 1e9)
        var now = start
        while now < end {
            try exec("BEGIN IMMEDIATE")
            sqlite3_bind_int64(insert, 1, 1)
            sqlite3_bind_int64(insert, 2, n)
            sqlite3_bind_int64(insert, 3, realtimeNs() / 1_000_000)
            guard sqlite3_step(insert) == SQLITE_DONE else { throw BenchError("insert: \(String(cString: sqlite3_errmsg(db)))") }
            sqlite3_reset(insert)
            try exec("COMMIT")
            n += 1
            let t = monotonicNs()
            lat.record(ns: t - now)
            now = t
        }
        return (Double(n) / (Double(now - start) / 1e9), lat)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ text: String) { description = text }
}
