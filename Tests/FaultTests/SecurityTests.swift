import XCTest
@_spi(Bench) @testable import Booking
import TestSupport

/// A shared SSH server: data group-accessible only, doctor's warnings, and an audit log naming clerk and Unix user.
final class SecurityTests: XCTestCase {
    override class func tearDown() { TempFolder.removeAll() }

    func mode(_ path: String) -> Int {
        var st = stat()
        XCTAssertEqual(stat(path, &st), 0, path)
        return Int(st.st_mode & 0o7777)
    }

    func testInitMakesTheFolderAndFilesGroupAccessibleOnly() throws {
        let path = try TempFolder.make("perm") + "/var/data/boxoffice.sqlite"
        let r = try CLI.run(["init"], env: ["BOXOFFICE_DB": path, "REDIS_URL": FuzzCorpusTests.noRedis, "BOXOFFICE_CLERK": "ops"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let folder = (path as NSString).deletingLastPathComponent
        XCTAssertEqual(String(mode(folder), radix: 8), "2770")
        XCTAssertEqual(String(mode(path), radix: 8), "660")
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            XCTAssertEqual(mode(path + suffix) & 0o007, 0, "\(suffix) is open to every user")
        }
    }

    func testDoctorWarnsOfWorldReadableDataAndAnOpenRedis() throws {
        let open = try PrivateRedis(permissions: "777")
        let fixture = try Fixture(redisURL: open.url)
        chmod(fixture.databasePath, 0o644)
        let r = try fixture.cli(["doctor"])
        let text = r.stdout + r.stderr
        XCTAssertTrue(text.contains("\(fixture.databasePath) is accessible to every user (mode 644)"), text)
        XCTAssertTrue(text.contains("is open to every user (mode 777)"), text)
        // And quiet about both when they are as init and redis-start.sh make them.
        let closed = try PrivateRedis(permissions: "770")
        chmod(fixture.databasePath, 0o660)
        chmod(fixture.folder, 0o2770)
        let ok = try fixture.cli(["doctor"], ["REDIS_URL": closed.url])
        let quiet = ok.stdout + ok.stderr
        XCTAssertFalse(quiet.contains("every user"), quiet)
        XCTAssertTrue(quiet.contains("round trip"), quiet)
    }

    func testAuditRecordsTheClerkAndTheUnixUserBehindIt() throws {
        let redis = try PrivateRedis()
        let fixture = try Fixture(redisURL: redis.url)
        XCTAssertEqual(try fixture.cli(fixture.bookArgs(["A1"]), clerk: "alice").status, 0)
        XCTAssertEqual(try fixture.cli(fixture.bookArgs(["A2"]) + ["--clerk", "carol"], clerk: "alice").status, 0)
        let r = try fixture.cli(["audit", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let entries = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]], r.stdout)
        let books = entries.filter { $0["action"] as? String == "book" }
        XCTAssertEqual(books.compactMap { $0["clerk"] as? String }.sorted(), ["alice", "carol"])
        let user = Clerk.unixUserName()
        for entry in books {
            XCTAssertEqual((entry["unixUser"] ?? entry["unix_user"]) as? String, user, "\(entry)")
        }
        // --holds: the holds and releases Redis keeps, merged in by time.
        XCTAssertEqual(try fixture.cli(["reserve", fixture.theaterName, "A3"], clerk: "dora").status, 0)
        XCTAssertEqual(try fixture.cli(["release", fixture.theaterName, "A3"], clerk: "dora").status, 0)
        let withHolds = try fixture.cli(["audit", "--json", "--holds"])
        XCTAssertEqual(withHolds.status, 0, withHolds.stderr)
        let merged = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(withHolds.stdout.utf8)) as? [[String: Any]])
        let doras = merged.filter { $0["clerk"] as? String == "dora" }
        XCTAssertEqual(doras.compactMap { $0["action"] as? String }, ["hold", "release"], "\(doras)")
        XCTAssertEqual(doras.first?["seats"] as? String, "A3")
        XCTAssertEqual(merged.count, entries.count + 2 + 2 * books.count, "each booking's lease and its release are listed too")
        redis.stop()
        let offline = try fixture.cli(["audit", "--holds"])
        XCTAssertEqual(offline.status, 0, offline.stderr)
        XCTAssertTrue(offline.stderr.contains("warning: Holds are not listed"), offline.stderr)
        XCTAssertTrue(offline.stdout.contains("carol"), offline.stdout)
        // --since: entries from a time on only.
        let later = try fixture.cli(["audit", "--json", "--since", "2999-01-01 00:00"])
        XCTAssertEqual(later.status, 0, later.stderr)
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(later.stdout.utf8)) as? [Any])?.count, 0, later.stdout)
        let bad = try fixture.cli(["audit", "--since", "yesterday\u{1b}[2J"])
        XCTAssertEqual(bad.status, 1, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("--since must be"), bad.stderr)
        XCTAssertFalse(terminalUnsafe(bad.stderrBytes))
    }
}
