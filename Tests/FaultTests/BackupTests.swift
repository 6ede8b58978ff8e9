import Foundation
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
}
