import Booking
import Foundation
import TestSupport
import XCTest

/// Held-back seats against a real SQLite file and Redis: withheld, sold only with their code, back on sale at
/// `until` by themselves, skipped by best available.
final class HoldbackTests: XCTestCase {
    func testHeldBackSeatsSellOnlyWithTheirCode() throws {
        let venue = try TestVenue()
        defer { venue.remove() }
        let manager = try venue.box("manager"), clerk = try venue.box("alice")
        let held = try manager.holdBack(performanceID: venue.performanceID, labels: ["A5", "a6"], code: "PRESS")
        XCTAssertEqual(held.map(\.label), ["A5", "A6"])
        let map = try clerk.snapshot(performanceID: venue.performanceID)
        XCTAssertEqual(map.states[try XCTUnwrap(map.index(ofLabel: "A5"))], .heldBack(code: "PRESS", until: nil))
        XCTAssertEqual(map.states[try XCTUnwrap(map.index(ofLabel: "A5"))].name, "held_back")

        XCTAssertThrowsError(try clerk.book(performanceID: venue.performanceID, labels: ["A4", "A5"])) { error in
            XCTAssertEqual(error as? BookingError, .heldBack(label: "A5", code: "PRESS"))
            XCTAssertEqual((error as? BookingError)?.kind, .conflict)
            XCTAssertTrue("\(error)".contains("PRESS"), "the refusal names the code: \(error)")
        }
        XCTAssertThrowsError(try clerk.hold(performanceID: venue.performanceID, labels: ["A5"])) { error in
            XCTAssertEqual(error as? BookingError, .heldBack(label: "A5", code: "PRESS"))
        }
        XCTAssertThrowsError(try clerk.book(performanceID: venue.performanceID, labels: ["A5"], holdbackCode: "HOUSE"))
        XCTAssertEqual(try clerk.snapshot(performanceID: venue.performanceID).counts.booked, 0, "nothing was sold")

        let sold = try clerk.book(performanceID: venue.performanceID, labels: ["A5"], customerName: "Critic", holdbackCode: "press")
        XCTAssertEqual(sold.order.seats.map(\.label), ["A5"])
        let after = try clerk.snapshot(performanceID: venue.performanceID)
        XCTAssertEqual(after.states[try XCTUnwrap(after.index(ofLabel: "A5"))], .booked(reference: sold.order.reference))

        // Released: on sale again to anyone; releasing it twice is refused and changes nothing.
        _ = try manager.releaseHoldback(performanceID: venue.performanceID, labels: ["A6"])
        XCTAssertThrowsError(try manager.releaseHoldback(performanceID: venue.performanceID, labels: ["A6"]))
        _ = try clerk.book(performanceID: venue.performanceID, labels: ["A6"])
    }

    /// The picker holds a held-back seat with its code, then books it: while held it shows held (as the hold's event
    /// drew it on every map), the map still knows it is held back, and released it is held back again, not free.
    func testAHeldBackSeatHeldWithItsCodeShowsHeldAndReturnsToHeldBack() throws {
        let venue = try TestVenue()
        defer { venue.remove() }
        let manager = try venue.box("manager"), clerk = try venue.box("alice")
        _ = try manager.holdBack(performanceID: venue.performanceID, labels: ["A5"], code: "PRESS")
        XCTAssertThrowsError(try clerk.hold(performanceID: venue.performanceID, labels: ["A5"], holdbackCode: "CRITIC")) { error in
            XCTAssertEqual(error as? BookingError, .heldBack(label: "A5", code: "PRESS"))
        }
        _ = try clerk.hold(performanceID: venue.performanceID, labels: ["A5"], holdbackCode: " press ")
        let map = try clerk.snapshot(performanceID: venue.performanceID)
        let i = try XCTUnwrap(map.index(ofLabel: "A5"))
        guard case .held(let who, _, _) = map.states[i] else { return XCTFail("A5 should show held, not \(map.states[i])") }
        XCTAssertEqual(who, "alice")
        XCTAssertEqual(map.holdbacks[i], .init(code: "PRESS", until: nil))
        XCTAssertEqual(map.stateWhenLetGo(i), .heldBack(code: "PRESS", until: nil))
        // Another clerk still cannot hold or book it without the code.
        let bob = try venue.box("bob")
        XCTAssertThrowsError(try bob.book(performanceID: venue.performanceID, labels: ["A5"]))
        try clerk.release(performanceID: venue.performanceID, labels: ["A5"])
        let after = try clerk.snapshot(performanceID: venue.performanceID)
        XCTAssertEqual(after.states[i], .heldBack(code: "PRESS", until: nil))
        XCTAssertTrue(SeatMap.Holdback.codeMatches("PRESS", " press "), "any case, spaces around ignored")
        XCTAssertFalse(SeatMap.Holdback.codeMatches("PRESS", nil))
    }

    func testABookedSeatCannotBeHeldBack() throws {
        let venue = try TestVenue()
        defer { venue.remove() }
        let box = try venue.box("manager")
        let order = try box.book(performanceID: venue.performanceID, labels: ["B2"]).order
        XCTAssertThrowsError(try box.holdBack(performanceID: venue.performanceID, labels: ["B1", "B2"], code: "HOUSE")) { error in
            guard case BookingError.alreadyBooked(let label, let reference, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual([label, reference], ["B2", order.reference])
        }
        let map = try box.snapshot(performanceID: venue.performanceID)
        XCTAssertEqual(map.states[try XCTUnwrap(map.index(ofLabel: "B1"))], .free, "all or none")
    }

    func testHeldBackSeatsReturnToSaleAtUntil() throws {
        let venue = try TestVenue()
        defer { venue.remove() }
        let box = try venue.box("manager")
        let until = Date().addingTimeInterval(1.5)
        _ = try box.holdBack(performanceID: venue.performanceID, labels: ["C1"], code: "HOUSE", until: until)
        let index = try XCTUnwrap(try box.snapshot(performanceID: venue.performanceID).index(ofLabel: "C1"))
        guard case .heldBack = try box.snapshot(performanceID: venue.performanceID).states[index] else { return XCTFail("held back first") }
        // Time, not an event, returns the seat: nothing runs at `until`; the hold-back is simply no longer read.
        XCTAssertTrue(try eventually(within: 10) { try box.snapshot(performanceID: venue.performanceID).states[index] == .free })
        _ = try box.book(performanceID: venue.performanceID, labels: ["C1"])
    }

    func testBestAvailableSkipsHeldBackSeats() throws {
        let venue = try TestVenue()
        defer { venue.remove() }
        let box = try venue.box("alice")
        // Row B (the middle) held back whole: best available must look elsewhere.
        _ = try box.holdBack(performanceID: venue.performanceID, labels: (1...10).map { "B\($0)" }, code: "HOUSE")
        for _ in 0..<4 {
            let outcome = try box.holdBestAvailable(performanceID: venue.performanceID, count: 2)
            XCTAssertFalse(outcome.labels.contains { $0.hasPrefix("B") }, "\(outcome.labels)")
        }
    }

    func testCLIBookWithoutTheCodeIsAConflictNamingIt() throws {
        let venue = try TestVenue()
        defer { venue.remove() }
        var env = venue.environment
        env["BOXOFFICE_CLERK"] = "alice"
        let theater = String(venue.theaterID), performance = String(venue.performanceID)
        let held = try CLI.run(["holdback", theater, "A1", "A2", "--performance", performance, "--code", "HOUSE"], env: env)
        XCTAssertEqual(held.status, 0, held.stderr)
        let seats = try CLI.run(["seats", theater, "--json"], env: env)
        let list = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(seats.stdout.utf8)) as? [[String: Any]])
        let a1 = try XCTUnwrap(list.first { $0["seat_number"] as? String == "A1" })
        XCTAssertEqual(a1["state"] as? String, "held_back")
        XCTAssertEqual(a1["holdback_code"] as? String, "HOUSE")
        XCTAssertEqual(a1["band"] as? String, "P")
        XCTAssertEqual(a1["restricted_view"] as? Bool, false)
        XCTAssertEqual(a1["map_column"] as? Int, 1)
        XCTAssertEqual(a1["map_line"] as? Int, 0)
        let refused = try CLI.run(["book", theater, "A1"], env: env)
        XCTAssertEqual(refused.status, 2, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("HOUSE"), refused.stderr)
        let sold = try CLI.run(["book", theater, "A1", "--holdback-code", "HOUSE"], env: env)
        XCTAssertEqual(sold.status, 0, sold.stderr)
        let released = try CLI.run(["release-holdback", theater, "A2", "--performance", performance], env: env)
        XCTAssertEqual(released.status, 0, released.stderr)
    }
}
