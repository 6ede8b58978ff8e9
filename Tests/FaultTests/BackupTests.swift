import GRDB
import XCTest
@testable import Booking

/// `backup` while clerks keep selling, and `restore` only when nobody has the database open.
final class BackupTests: XCTestCase {
    var redis: PrivateRedis!
    override func setUpWithError() throws { redis = try PrivateRedis() }
    override func tearDown() { redis?.stop() }

    func testBackupWhileBookingHoldsEveryBookingCommittedBeforeItStarted() throws {
        let fixture = try Fixture(redisURL: redis.url)
        let seats = ["A", "B", "C", "D"].flatMap { row in (1...10).map { "\(row)\($0)" } }
        // A clerk booking seat after seat, printing each reference as it is acknowledged.
        let script = seats.map { "'\(CLI.path)' " + fixture.bookArgs([$0]).map { "'\($0)'" }.joined(separator: " ") }.joined(separator: "\n")
        let seller = try Spawned("/bin/bash", [Array("-c".utf8), Array(script.utf8)], env: fixture.env())
        let references = { () -> [String] in
            let out = (try? String(contentsOfFile: seller.outPath, encoding: .utf8)) ?? ""
            return out.split(separator: "\n").compactMap { $0.components(separatedBy: "booking reference ").last.map { String($0) } }
        }
        XCTAssertTrue(eventually(within: 60) { references().count >= 8 }, "the seller did not get going")
        let before = references()
        let copy = try TempFolder.make("backup") + "/copy.sqlite"
        let backup = try fixture.cli(["backup", copy])
        let after = references()
        XCTAssertEqual(backup.status, 0, backup.stderr)
        XCTAssertEqual(seller.wait().status, 0, seller.result?.stderr ?? "")
        let queue = try DatabaseQueue(path: copy, configuration: { var c = Configuration(); c.readonly = true; return c }())
        let inCopy = try queue.read { db in
            XCTAssertEqual(try String.fetchAll(db, sql: "PRAGMA integrity_check"), ["ok"])
            return Set(try String.fetchAll(db, sql: "SELECT reference FROM orders"))
        }
        XCTAssertTrue(Set(before).isSubset(of: inCopy), "missing from the backup: \(Set(before).subtracting(inCopy))")
        XCTAssertTrue(inCopy.isSubset(of: Set(after)), "the backup has bookings nobody was told of")
        XCTAssertEqual(try Fixture.orders(fixture.databasePath).count, seats.count)
        print("backup: \(before.count) bookings before it started, \(inCopy.count) in the copy, \(after.count) when it ended")
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
