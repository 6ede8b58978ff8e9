import XCTest
@_spi(Bench) @testable import Booking
import TestSupport

/// Redis goes away (killed, restarted empty, unreachable): SQLite still decides every booking.
final class RedisFaultTests: XCTestCase {
    override class func tearDown() { TempFolder.removeAll() }

    var redis: PrivateRedis!
    var fixture: Fixture!

    override func setUpWithError() throws {
        redis = try PrivateRedis()
        fixture = try Fixture(redisURL: redis.url)
    }

    override func tearDown() {
        redis?.stop()
    }

    func testBookingWithRedisKilledStillDecidedBySQLite() throws {
        redis.stop()
        let alice = try fixture.box("alice"), bob = try fixture.box("bob")
        let first = try alice.book(performanceID: fixture.performanceID, labels: ["A1", "A2"], customerName: "Ada")
        XCTAssertEqual(first.order.seats.map(\.label).sorted(), ["A1", "A2"])
        XCTAssertFalse(first.warnings.isEmpty, "a booking without holds must say so")
        XCTAssertTrue(first.warnings[0].contains("Holds are offline"), first.warnings[0])
        XCTAssertThrowsError(try bob.book(performanceID: fixture.performanceID, labels: ["A2", "A3"])) { error in
            guard case BookingError.alreadyBooked(let label, let reference, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(label, "A2")
            XCTAssertEqual(reference, first.order.reference)
        }
        // The command line: booked with a warning on stderr (exit 0); the same seat again is a conflict (exit 2).
        let booked = try fixture.cli(fixture.bookArgs(["B1"]))
        XCTAssertEqual(booked.status, 0, booked.stderr)
        XCTAssertTrue(booked.stderr.contains("warning: Holds are offline"), booked.stderr)
        let again = try fixture.cli(fixture.bookArgs(["B1"]), clerk: "bob")
        XCTAssertEqual(again.status, 2, again.stderr)
        XCTAssertTrue(again.stderr.contains("Seat B1 is already booked"), again.stderr)
    }

    func testReserveWithRedisKilledExits3WithAClearMessage() throws {
        redis.stop()
        let result = try fixture.cli(["reserve", fixture.theaterName, "A1"])
        XCTAssertEqual(result.status, 3, result.stderr)
        XCTAssertTrue(result.stderr.contains("Holds are offline: Redis cannot be reached"), result.stderr)
        XCTAssertFalse(result.stderr.contains("Fatal error"), result.stderr)
    }

    func testReserveWithRedisUnreachableExits3() throws {
        let nowhere = try TempFolder.make("nowhere") + "/no-redis.sock"
        let result = try fixture.cli(["reserve", fixture.theaterName, "A1"], ["REDIS_URL": "unix://" + nowhere])
        XCTAssertEqual(result.status, 3, result.stderr)
        XCTAssertTrue(result.stderr.contains("Holds are offline") && result.stderr.contains(nowhere), result.stderr)
        let tcp = try fixture.cli(["reserve", fixture.theaterName, "A1"], ["REDIS_URL": "redis://127.0.0.1:1"])
        XCTAssertEqual(tcp.status, 3, tcp.stderr)
        XCTAssertTrue(tcp.stderr.contains("Holds are offline"), tcp.stderr)
    }

    func testRestartedEmptyForgetsHoldsAndReloadsScripts() throws {
        let alice = try fixture.box("alice"), bob = try fixture.box("bob")
        _ = try alice.hold(performanceID: fixture.performanceID, labels: ["C1"])
        XCTAssertThrowsError(try bob.hold(performanceID: fixture.performanceID, labels: ["C1"]))
        try redis.restartEmpty()
        // The same objects keep working: the dead connection is replaced, the lost script cache reloaded.
        XCTAssertTrue(eventually { (try? bob.hold(performanceID: self.fixture.performanceID, labels: ["C1"])) != nil },
                      "bob could not hold C1 after Redis restarted empty")
        // Alice's connection died with the old Redis: her next reads reconnect (after a short back-off) and see bob's hold.
        XCTAssertTrue(try eventually {
            let map = try alice.snapshot(performanceID: self.fixture.performanceID)
            return map.holdsOnline && map.state(of: "C1") == .held(clerk: "bob")
        })
        // Alice's booking now meets bob's hold: refused clearly, nothing booked.
        XCTAssertThrowsError(try alice.book(performanceID: fixture.performanceID, labels: ["C1"])) { error in
            XCTAssertEqual((error as? BookingError)?.kind, .conflict, "\(error)")
        }
        XCTAssertTrue(try Fixture.orders(fixture.databasePath).isEmpty)
    }

    func testNoScriptAfterScriptFlushIsReloaded() throws {
        let alice = try fixture.box("alice")
        _ = try alice.hold(performanceID: fixture.performanceID, labels: ["D1"])  // first run: its text (EVAL)
        _ = try alice.hold(performanceID: fixture.performanceID, labels: ["D2"])  // then loaded, and called by name
        XCTAssertTrue(try redis.cli("SCRIPT", "FLUSH").contains("OK"))
        XCTAssertTrue(try redis.cli("SCRIPT", "EXISTS", "0000000000000000000000000000000000000000").contains("0"))
        // Same connection, empty script cache: EVALSHA answers NOSCRIPT, and the script is loaded again.
        _ = try alice.hold(performanceID: fixture.performanceID, labels: ["D3"])
        XCTAssertEqual(try alice.snapshot(performanceID: fixture.performanceID).state(of: "D3"), .held(clerk: "alice"))
        _ = try alice.release(performanceID: fixture.performanceID, labels: ["D1", "D2", "D3"])
        XCTAssertEqual(try alice.snapshot(performanceID: fixture.performanceID).state(of: "D3"), .free)
    }

    func testExpiredHoldReadsAsFreeWithoutKeyspaceEvents() throws {
        XCTAssertFalse(try redis.cli("CONFIG", "GET", "notify-keyspace-events").contains("E"), "test assumes no expiry events")
        let alice = try fixture.box("alice"), bob = try fixture.box("bob")
        _ = try alice.hold(performanceID: fixture.performanceID, labels: ["A5"], ttlMs: 300)
        XCTAssertEqual(try bob.snapshot(performanceID: fixture.performanceID).state(of: "A5"), .held(clerk: "alice"))
        XCTAssertTrue(try eventually(within: 5) { try bob.snapshot(performanceID: self.fixture.performanceID).state(of: "A5") == .free })
        _ = try bob.hold(performanceID: fixture.performanceID, labels: ["A5"])
    }

    func testHoldLostWhileTypingBooksWhenFreeAndFailsClearlyWhenTaken() throws {
        let alice = try fixture.box("alice"), bob = try fixture.box("bob")
        _ = try alice.hold(performanceID: fixture.performanceID, labels: ["B1", "B2", "B3"], ttlMs: 200)
        XCTAssertTrue(try eventually(within: 5) { try alice.snapshot(performanceID: self.fixture.performanceID).state(of: "B3") == .free })
        // Still free: the booking succeeds although the hold ran out.
        let booked = try fixture.cli(fixture.bookArgs(["B1"]))
        XCTAssertEqual(booked.status, 0, booked.stderr)
        XCTAssertTrue(booked.stdout.contains("booking reference"), booked.stdout)
        // Taken by another clerk's hold meanwhile: exit 2 naming the seat and the clerk.
        _ = try bob.hold(performanceID: fixture.performanceID, labels: ["B2"])
        let held = try fixture.cli(fixture.bookArgs(["B2"]))
        XCTAssertEqual(held.status, 2, held.stderr)
        XCTAssertTrue(held.stderr.contains("Seat B2 is held by bob"), held.stderr)
        // Taken by another clerk's booking meanwhile: exit 2 naming the booking.
        let bobs = try bob.book(performanceID: fixture.performanceID, labels: ["B3"])
        let sold = try fixture.cli(fixture.bookArgs(["B3"]))
        XCTAssertEqual(sold.status, 2, sold.stderr)
        XCTAssertTrue(sold.stderr.contains("Seat B3 is already booked (booking \(bobs.order.reference)"), sold.stderr)
        XCTAssertEqual(Set(try Fixture.orders(fixture.databasePath).keys).count, 2)
    }

    /// The check a booking makes inside its transaction, just before commit (found by the stress harness: a booking
    /// whose lease vanished with a Redis restart, or that went ahead while Redis looked offline, committed over
    /// another clerk's new hold).
    func testBookingConfirmsHoldsJustBeforeCommit() throws {
        let alice = try fixture.box("alice"), bob = try fixture.box("bob")
        _ = try bob.hold(performanceID: fixture.performanceID, labels: ["C1"])
        XCTAssertThrowsError(try alice.confirmHolds(performanceID: fixture.performanceID, labels: ["C1"], leased: false)) { error in
            guard case BookingError.heldByOther("C1", "bob", _) = error else { return XCTFail("\(error)") }
        }
        // A lease that is gone (Redis restarted empty) is refused: nothing may commit on a lost lease.
        XCTAssertThrowsError(try alice.confirmHolds(performanceID: fixture.performanceID, labels: ["C2"], leased: true)) { error in
            XCTAssertEqual(error as? BookingError, .holdLapsed(labels: ["C2"]))
        }
        _ = try alice.hold(performanceID: fixture.performanceID, labels: ["C2"])
        XCTAssertNoThrow(try alice.confirmHolds(performanceID: fixture.performanceID, labels: ["C2"], leased: true))
        redis.stop()
        XCTAssertNoThrow(try alice.confirmHolds(performanceID: fixture.performanceID, labels: ["C3"], leased: false),
                         "without holds (Redis down) the database alone decides")
        XCTAssertThrowsError(try alice.confirmHolds(performanceID: fixture.performanceID, labels: ["C2"], leased: true))
    }
}

extension SeatMap {
    enum Simple: Equatable { case free, held(clerk: String), booked, blocked }
    func state(of label: String) -> Simple? {
        guard let i = seats.firstIndex(where: { $0.label == label }) else { return nil }
        switch states[i] {
        case .free: return .free
        case .held(let clerk, _, _): return .held(clerk: clerk)
        case .booked: return .booked
        case .blocked, .heldBack: return .blocked
        }
    }
}
