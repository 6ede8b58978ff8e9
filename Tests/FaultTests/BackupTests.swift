import Foundation
import TestSupport
import GRDB
import Synchronization
import XCTest
@_spi(Bench) @testable import Booking

/// `backup` while clerks keep selling, and `restore` only when nobody has the database open.
final class BackupTests: XCTestCase {
    override class func tearDown() { TempFolder.removeAll() }

    var redis: PrivateRedis!
    override func setUpWithError() throws { redis = try PrivateRedis() }
    override func tearDown() { redis?.stop() }

    func testBackupWhileBookingHoldsEveryBookingCommittedBeforeItStarted() throws {
        let fixture = try Fixture(redisURL: redis.url)
        let seller = try fixture.box("seller")
        let performance = fixture.performanceID
        let seats = ["A", "B", "C", "D"].flatMap { row in (1...10).map { "\(row)\($0)" } }
        // A clerk selling without pause (each sale cancelled again, so the seats last): references as acknowledged.
        let acknowledged = Mutex<[String]>([]), stop = Atomic<Bool>(false), failure = Mutex<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            var i = 0
            while !stop.load(ordering: .relaxed) {
                do {
                    let order = try seller.book(performanceID: performance, labels: [seats[i % seats.count]]).order
                    acknowledged.withLock { $0.append(order.reference) }
                    _ = try seller.cancel(reference: order.reference)
                } catch {
                    failure.withLock { $0 = "\(error)" }
                    break
                }
                i += 1
            }
            done.signal()
        }
        XCTAssertTrue(eventually(within: 60) { acknowledged.withLock { $0.count } >= 20 }, "the seller did not get going")
        let before = acknowledged.withLock { $0 }
        let copy = try TempFolder.make("backup") + "/copy.sqlite"
        let backup = try fixture.cli(["backup", copy])
        let duringOrAfter = acknowledged.withLock { $0.count } - before.count
        stop.store(true, ordering: .relaxed)
        done.wait()
        XCTAssertNil(failure.withLock { $0 })
        XCTAssertEqual(backup.status, 0, backup.stderr)
        let all = Set(acknowledged.withLock { $0 })
        let queue = try DatabaseQueue(path: copy, configuration: { var c = Configuration(); c.readonly = true; return c }())
        let inCopy = try queue.read { db in
            XCTAssertEqual(try String.fetchAll(db, sql: "PRAGMA integrity_check"), ["ok"])
            return Set(try String.fetchAll(db, sql: "SELECT reference FROM orders"))
        }
        XCTAssertTrue(Set(before).isSubset(of: inCopy), "missing from the backup: \(Set(before).subtracting(inCopy))")
        XCTAssertTrue(inCopy.isSubset(of: all), "the backup has bookings nobody was told of")
        print("backup: \(before.count) bookings before it started, \(inCopy.count) in the copy, \(duringOrAfter) more while the backup process ran")
    }

    func testRestoreIsRefusedWhileAnotherProcessHasTheDatabaseOpen() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else { throw XCTSkip("no sqlite3 program to hold the database open") }
        let fixture = try Fixture(redisURL: redis.url)
        let first = try fixture.cli(fixture.bookArgs(["A1"]))
        XCTAssertEqual(first.status, 0, first.stderr)
        let copy = try TempFolder.make("restore") + "/copy.sqlite"
        XCTAssertEqual(try fixture.cli(["backup", copy]).status, 0)
        XCTAssertEqual(try fixture.cli(fixture.bookArgs(["A2"])).status, 0)

        // Another process with the database open: sqlite3 reading, waiting for more input on a pipe.
        let fifo = try TempFolder.make("fifo") + "/in"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let writer = open(fifo, O_RDWR)
        XCTAssertGreaterThanOrEqual(writer, 0)
        let other = try Spawned("/usr/bin/sqlite3", [Array(fixture.databasePath.utf8)], env: [:], stdin: fifo)
        _ = "SELECT COUNT(*) FROM orders;\n".withCString { write(writer, $0, strlen($0)) }
        XCTAssertTrue(eventually { Restore.openedBy(fixture.databasePath) == other.pid }, "sqlite3 never opened the database")

        let refused = try fixture.cli(["restore", copy])
        XCTAssertEqual(refused.status, 3, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("is open in another boxoffice (process \(other.pid))"), refused.stderr)
        XCTAssertEqual(try Fixture.orders(fixture.databasePath).count, 2, "a refused restore changed the database")

        _ = ".quit\n".withCString { write(writer, $0, strlen($0)) }
        close(writer)
        XCTAssertEqual(other.wait().status, 0)
        let restored = try fixture.cli(["restore", copy])
        XCTAssertEqual(restored.status, 0, restored.stderr)
        let orders = try Fixture.orders(fixture.databasePath)
        XCTAssertEqual(orders.values.map(\.labels), [["A1"]], "the restored database is not the backup")
        let audit = try fixture.cli(["audit", "--json"])
        XCTAssertTrue(audit.stdout.contains("\"restore\""), audit.stdout)
    }

    // MARK: restore keeps the old database whole

    /// A writer that commits and is then killed (SIGKILL) before any checkpoint: its last commit lives only in the
    /// database's `-wal`. Every customer name becomes `name`; sqlite3 confirms the commit before it is killed.
    func commitOnlyToTheWAL(_ fixture: Fixture, name: String) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else { throw XCTSkip("no sqlite3 program to write and be killed") }
        let fifo = try TempFolder.make("writer") + "/in"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let input = open(fifo, O_RDWR)
        defer { close(input) }
        let writer = try Spawned("/usr/bin/sqlite3", [Array(fixture.databasePath.utf8)], env: [:], stdin: fifo)
        let sql = "PRAGMA wal_autocheckpoint = 0;\nUPDATE orders SET customer_name = '\(name)';\nSELECT 'committed';\n"
        _ = sql.withCString { write(input, $0, strlen($0)) }
        XCTAssertTrue(eventually { (try? String(contentsOfFile: writer.outPath, encoding: .utf8))?.contains("committed") ?? false },
                      "sqlite3 never committed")
        kill(writer.pid, SIGKILL)
        XCTAssertEqual(writer.wait().signal, SIGKILL)
        // The commit is in the -wal and not in the main file: a copy of the main file alone does not have it.
        let walSize = (try FileManager.default.attributesOfItem(atPath: fixture.databasePath + "-wal")[.size] as? Int) ?? 0
        XCTAssertGreaterThan(walSize, 0, "the killed writer left no -wal")
        let mainOnly = try TempFolder.make("main-only") + "/main.sqlite"
        try FileManager.default.copyItem(atPath: fixture.databasePath, toPath: mainOnly)
        XCTAssertFalse(try customerNames(mainOnly).contains(name), "the commit reached the main file: the test proves nothing")
    }

    func customerNames(_ path: String) throws -> Set<String> {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { Set(try String.fetchAll($0, sql: "SELECT customer_name FROM orders WHERE customer_name IS NOT NULL")) }
    }

    func testRestoreKeepsTheOldDatabasesCommitsThatAreOnlyInItsWAL() throws {
        let fixture = try Fixture(redisURL: redis.url)
        XCTAssertEqual(try fixture.cli(fixture.bookArgs(["A1"])).status, 0)
        let copy = try TempFolder.make("restore") + "/copy.sqlite"
        XCTAssertEqual(try fixture.cli(["backup", copy]).status, 0)
        try commitOnlyToTheWAL(fixture, name: "Only In The WAL")

        let restored = try fixture.cli(["restore", copy])
        XCTAssertEqual(restored.status, 0, restored.stderr)
        XCTAssertEqual(try customerNames(fixture.databasePath), ["Customer"], "the restored database is not the backup")
        let folder = (fixture.databasePath as NSString).deletingLastPathComponent
        let aside = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasPrefix("boxoffice.sqlite.before-restore-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }
        XCTAssertEqual(aside.count, 1, "the old database was not kept: \(aside)")
        let old = folder + "/" + (aside.first ?? "")
        XCTAssertEqual(try customerNames(old), ["Only In The WAL"], "the old database lost its last commit")
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.databasePath + ".restoring"))
    }

    func testRestoreThatCannotMoveTheOldDatabaseAsideChangesNothing() throws {
        let fixture = try Fixture(redisURL: redis.url)
        XCTAssertEqual(try fixture.cli(fixture.bookArgs(["A1"])).status, 0)
        let copy = try TempFolder.make("restore") + "/copy.sqlite"
        XCTAssertEqual(try fixture.cli(["backup", copy]).status, 0)
        XCTAssertEqual(try fixture.cli(fixture.bookArgs(["A2"])).status, 0)
        try commitOnlyToTheWAL(fixture, name: "Last Customer")
        let before = try Fixture.dump(fixture.databasePath)
        // The place the old database would move to is taken (a folder with a file in it), for every second the
        // restore could stamp it with: moving it aside fails.
        let start = Int(Date().timeIntervalSince1970)
        for stamp in (start - 2)...(start + 60) {
            let taken = "\(fixture.databasePath).before-restore-\(stamp)"
            try FileManager.default.createDirectory(atPath: taken, withIntermediateDirectories: false)
            XCTAssertTrue(FileManager.default.createFile(atPath: taken + "/keep", contents: Data()))
        }
        let refused = try fixture.cli(["restore", copy])
        XCTAssertEqual(refused.status, 3, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("nothing was restored"), refused.stderr)
        XCTAssertEqual(try Fixture.dump(fixture.databasePath), before, "a failed restore changed the database")
        XCTAssertTrue(try customerNames(fixture.databasePath).contains("Last Customer"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: fixture.databasePath + ".restoring"))
    }

    func testRestoreIntoAnUnwritableFolderChangesNothing() throws {
        let fixture = try Fixture(redisURL: redis.url)
        XCTAssertEqual(try fixture.cli(fixture.bookArgs(["A1"])).status, 0)
        let copy = try TempFolder.make("restore") + "/copy.sqlite"
        XCTAssertEqual(try fixture.cli(["backup", copy]).status, 0)
        XCTAssertEqual(try fixture.cli(fixture.bookArgs(["A2"])).status, 0)
        let before = try Fixture.dump(fixture.databasePath)
        // Root writes through permission bits; an immutable folder stops even root (ext4, xfs, btrfs).
        let folder = (fixture.databasePath as NSString).deletingLastPathComponent
        let lock = try Spawned("/usr/bin/chattr", arguments: ["+i", folder], env: [:]).wait()
        guard lock.status == 0 else { throw XCTSkip("cannot make \(folder) immutable here: \(lock.stderr)") }
        defer { _ = try? Spawned("/usr/bin/chattr", arguments: ["-i", folder], env: [:]).wait() }
        let refused = try fixture.cli(["restore", copy])
        XCTAssertNotEqual(refused.status, 0, refused.stdout)
        XCTAssertTrue(refused.stderr.contains("nothing was restored"), refused.stderr)
        _ = try Spawned("/usr/bin/chattr", arguments: ["-i", folder], env: [:]).wait()
        XCTAssertEqual(try Fixture.dump(fixture.databasePath), before, "a failed restore changed the database")
    }

    /// A backup into a folder that does not exist is the clerk's typo, not the booking database failing: it says which
    /// folder, exits 1, and writes nothing (it said "The booking database cannot be used", exit 3).
    func testBackupIntoAMissingFolderNamesTheFolderNotTheDatabase() throws {
        let fixture = try Fixture(redisURL: redis.url)
        let folder = try TempFolder.make("backup") + "/no-such-folder"
        let refused = try fixture.cli(["backup", folder + "/copy.sqlite"])
        XCTAssertEqual(refused.status, 1, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("no-such-folder"), refused.stderr)
        XCTAssertFalse(refused.stderr.contains("booking database"), refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder))
    }
}
