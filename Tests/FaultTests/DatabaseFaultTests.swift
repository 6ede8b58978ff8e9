import GRDB
import XCTest
@_spi(Bench) @testable import Booking
import TestSupport

/// The database under contention and failure: many writers, a missing file, a read-only or full disk, kill -9.
final class DatabaseFaultTests: XCTestCase {
    override class func tearDown() { TempFolder.removeAll() }

    var redis: PrivateRedis!

    override func setUpWithError() throws { redis = try PrivateRedis() }
    override func tearDown() { redis?.stop() }

    func testThirtyProcessesBookingAtOnceNeverSeeDatabaseIsLocked() throws {
        let fixture = try Fixture(redisURL: redis.url)
        let seats = (try fixture.box("setup").layout(theaterID: 1)).map(\.label)
        XCTAssertGreaterThanOrEqual(seats.count, 31)
        // 30 clerks booking 30 different seats, and 30 clerks racing for one seat, all at once.
        var distinct: [Spawned] = [], same: [Spawned] = []
        for i in 0..<30 {
            distinct.append(try Spawned(CLI.path, fixture.bookArgs([seats[i]]).map { Array($0.utf8) }, env: fixture.env(clerk: "d\(i)")))
            same.append(try Spawned(CLI.path, fixture.bookArgs([seats[30]]).map { Array($0.utf8) }, env: fixture.env(clerk: "s\(i)")))
        }
        for (i, p) in distinct.enumerated() {
            let r = p.wait()
            XCTAssertEqual(r.status, 0, "\(seats[i]): \(r.stderr)")
        }
        let raced = same.map { $0.wait() }
        XCTAssertEqual(raced.filter { $0.status == 0 }.count, 1, raced.map(\.stderr).joined(separator: "\n"))
        for r in raced where r.status != 0 {
            XCTAssertEqual(r.status, 2, r.stderr)
            XCTAssertTrue(r.stderr.contains("Seat \(seats[30]) is") , r.stderr)
        }
        for r in (distinct.map { $0.wait() } + raced) {
            XCTAssertFalse(r.stderr.lowercased().contains("locked"), r.stderr)
            XCTAssertFalse(r.stderr.contains("stayed busy"), r.stderr)
        }
        XCTAssertEqual(try Fixture.orders(fixture.databasePath).count, 31)
    }

    func testMissingDatabaseIsAClearExit3() throws {
        let fixture = try Fixture(redisURL: redis.url)
        let missing = try TempFolder.make("missing") + "/gone.sqlite"
        for args in [fixture.bookArgs(["A1"]), ["seats", fixture.theaterName], ["reserve", fixture.theaterName, "A1"]] {
            let r = try fixture.cli(args, ["BOXOFFICE_DB": missing])
            XCTAssertEqual(r.status, 3, r.stderr)
            XCTAssertTrue(r.stderr.contains("there is no database at \(missing)") && r.stderr.contains("boxoffice init"), r.stderr)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing), "a command other than init must not create the database")
    }

    func testThirtyInitsAtOnceOnAFreshFileMakeOneSchema() throws {
        let folder = try TempFolder.make("init")
        let path = folder + "/data/boxoffice.sqlite"
        let env = ["BOXOFFICE_DB": path, "REDIS_URL": redis.url, "BOXOFFICE_CLERK": "ops", "SWIFT_BACKTRACE": "enable=no"]
        let runs = try (0..<30).map { _ in try Spawned(CLI.path, [Array("init".utf8)], env: env) }.map { $0.wait() }
        for r in runs { XCTAssertEqual(r.status, 0, r.stderr) }
        let queue = try DatabaseQueue(path: path)
        try queue.read { db in
            XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA user_version"), Schema.version)
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            // Other features' steps add tables of their own: the core's and the migrator's record must be there.
            XCTAssertTrue(Set(tables).isSuperset(of: ["audit", "booked_seat", "grdb_migrations", "orders", "performance",
                                                      "performance_block", "price_band", "seat", "theater"]), "\(tables)")
            XCTAssertEqual(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"), Schema.steps.map(\.name), "each step applied once")
            XCTAssertEqual(try String.fetchOne(db, sql: "PRAGMA journal_mode"), "wal")
            XCTAssertEqual(try String.fetchAll(db, sql: "PRAGMA integrity_check"), ["ok"])
        }
    }

    /// kill -9 at random moments of `boxoffice book`: afterwards every booking is whole (all three seats, all active)
    /// or absent, and the file is intact.
    func testKillNineLeavesAWholeBookingOrNone() throws {
        let fixture = try Fixture(redisURL: redis.url)
        var rng = SystemRandomNumberGenerator()
        var killed = 0, finished = 0
        let canceller = try fixture.box("canceller")
        for round in 0..<4 {
            var processes: [Spawned] = []
            for i in 0..<8 {
                let labels = ["A\(i + 1)", "B\(i + 1)", "C\(i + 1)"]
                processes.append(try Spawned(CLI.path, fixture.bookArgs(labels, name: "K\(round)-\(i)").map { Array($0.utf8) },
                                             env: fixture.env(clerk: "k\(round)-\(i)")))
            }
            for p in processes {
                usleep(UInt32.random(in: 0...60_000, using: &rng))  // a random moment, not a synchronisation
                kill(p.pid, SIGKILL)
            }
            for p in processes {
                let r = p.wait()
                if r.signal == SIGKILL { killed += 1 } else { finished += 1 }
            }
            // Free the seats for the next round.
            for (reference, order) in try Fixture.orders(fixture.databasePath) where !order.cancelled {
                _ = try canceller.cancel(reference: reference)
            }
        }
        XCTAssertGreaterThan(killed, 0, "no booking process was killed; the test proved nothing")
        let queue = try DatabaseQueue(path: fixture.databasePath)
        try queue.read { db in
            XCTAssertEqual(try String.fetchAll(db, sql: "PRAGMA integrity_check"), ["ok"])
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM booked_seat WHERE order_id NOT IN (SELECT id FROM orders)"), 0)
        }
        for (reference, order) in try Fixture.orders(fixture.databasePath) {
            XCTAssertEqual(order.labels.count, 3, "booking \(reference) is not whole: \(order.labels)")
            XCTAssertEqual(order.active, [Bool](repeating: !order.cancelled, count: 3), "booking \(reference)")
        }
        print("kill -9: \(killed) killed, \(finished) finished first")
    }

    // MARK: A read-only or full disk, made with a small tmpfs (root only)

    func mountTmpfs(megabytes: Int) throws -> String {
        let point = try TempFolder.make("mount")
        let r = try Spawned("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", point].map { Array($0.utf8) }, env: [:]).wait()
        guard r.status == 0 else {
            throw XCTSkip("cannot mount a tmpfs here (\(r.stderr.trimmingCharacters(in: .whitespacesAndNewlines))); a read-only or full disk cannot be simulated")
        }
        addTeardownBlock { _ = try? Spawned("/bin/umount", [Array(point.utf8)], env: [:]).wait() }
        return point
    }

    func testReadOnlyDiskIsAClearMessageAndNoPartialBooking() throws {
        let point = try mountTmpfs(megabytes: 4)
        let fixture = try Fixture(redisURL: redis.url, folder: point + "/data")
        XCTAssertEqual(try fixture.cli(fixture.bookArgs(["A1"])).status, 0)
        let before = try Fixture.dump(fixture.databasePath)
        let ro = try Spawned("/bin/mount", ["-o", "remount,ro", point].map { Array($0.utf8) }, env: [:]).wait()
        guard ro.status == 0 else { throw XCTSkip("cannot remount read-only: \(ro.stderr)") }
        let r = try fixture.cli(fixture.bookArgs(["A2", "A3"]))
        XCTAssertEqual(r.status, 3, r.stderr)
        XCTAssertTrue(r.stderr.contains("read-only; nothing was changed"), r.stderr)
        XCTAssertFalse(r.stderr.contains("Fatal error"), r.stderr)
        _ = try Spawned("/bin/mount", ["-o", "remount,rw", point].map { Array($0.utf8) }, env: [:]).wait()
        XCTAssertEqual(try Fixture.dump(fixture.databasePath), before)
    }

    func testFullDiskIsAClearMessageAndNoPartialBooking() throws {
        let point = try mountTmpfs(megabytes: 4)
        let fixture = try Fixture(redisURL: redis.url, folder: point + "/data")
        XCTAssertEqual(try fixture.cli(fixture.bookArgs(["A1"])).status, 0)
        // Keep one connection open, so the WAL and its index stay (the full disk then meets a WAL append).
        let open = try fixture.box("watcher")
        _ = try open.snapshot(performanceID: fixture.performanceID)
        let before = try Fixture.dump(fixture.databasePath)
        fill(point + "/filler")
        var refusals = 0
        for seat in ["B1", "B2", "B3", "B4", "B5", "B6"] {
            let r = try fixture.cli(fixture.bookArgs([seat, "C" + seat.dropFirst()]))
            if r.status == 0 { continue }  // a page the WAL already had may still take a small booking
            refusals += 1
            XCTAssertEqual(r.status, 3, r.stderr)
            XCTAssertTrue(r.stderr.contains("is full; nothing was changed"), r.stderr)
        }
        XCTAssertGreaterThan(refusals, 0, "the full disk refused nothing")
        try FileManager.default.removeItem(atPath: point + "/filler")
        for (reference, order) in try Fixture.orders(fixture.databasePath) {
            // The booking made before the disk filled has one seat; any made after, two: whole or absent.
            XCTAssertTrue(order.labels.count == (order.labels.first == "A1" ? 1 : 2), "booking \(reference) is not whole: \(order.labels)")
            XCTAssertFalse(order.active.contains(false), "booking \(reference)")
        }
        XCTAssertEqual(try Fixture.dump(fixture.databasePath)["theater"], before["theater"])
    }

    private func fill(_ path: String) {
        let fd = open(path, O_WRONLY | O_CREAT, 0o600)
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0, count: 4096)
        while chunk.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
    }
}

/// Another process holding the write lock (a clerk's process stopped in the middle of a commit): reading goes on,
/// writing waits its turn and then fails with a plain message, never "database is locked".
final class WriteLockTests: XCTestCase {
    override class func tearDown() { TempFolder.removeAll() }

    func testAHeldWriteLockLetsClerksReadAndTellsWritersPlainly() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else { throw XCTSkip("no sqlite3 program to hold the write lock") }
        let redis = try PrivateRedis()
        let fixture = try Fixture(redisURL: redis.url)
        let fifo = try TempFolder.make("lock") + "/in"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let writer = open(fifo, O_RDWR)
        defer { close(writer) }
        let holder = try Spawned("/usr/bin/sqlite3", [Array(fixture.databasePath.utf8)], env: [:], stdin: fifo)
        // A box office at work has a non-empty WAL (GRDB writes one at open when there is none, which would wait too).
        _ = "CREATE TABLE lock_probe (x); DROP TABLE lock_probe; BEGIN IMMEDIATE; CREATE TABLE lock_probe (x); SELECT 'locked';\n".withCString { write(writer, $0, strlen($0)) }
        XCTAssertTrue(eventually { (try? String(contentsOfFile: holder.outPath, encoding: .utf8))?.contains("locked") ?? false })

        let seats = try fixture.cli(["seats", fixture.theaterName])
        XCTAssertEqual(seats.status, 0, "reading the seat map must not wait for the write lock: \(seats.stderr)")
        let book = try fixture.cli(fixture.bookArgs(["A1"]))
        XCTAssertEqual(book.status, 3, book.stderr)
        XCTAssertTrue(book.stderr.contains("stayed busy for too long; nothing was changed"), book.stderr)
        XCTAssertFalse(book.stderr.lowercased().contains("locked"), book.stderr)

        _ = "ROLLBACK;\n.quit\n".withCString { write(writer, $0, strlen($0)) }
        XCTAssertEqual(holder.wait().status, 0)
        XCTAssertEqual(try fixture.cli(fixture.bookArgs(["A1"])).status, 0)
        XCTAssertEqual(try Fixture.orders(fixture.databasePath).count, 1)
    }
}
