import Booking
import Foundation
import XCTest

/// `venue import` and `venue export` against a real SQLite file (and the throwaway Redis bookings use).
final class VenueImportTests: XCTestCase {
    private func write(_ text: String, _ venue: TestVenue, name: String = "plan.csv") throws -> String {
        let path = venue.folder.appendingPathComponent(name).path
        try? FileManager.default.removeItem(atPath: path)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func testCSVExportImportedAgainChangesNothingAtAll() throws {
        let venue = try TestVenue(empty: true)
        defer { venue.remove() }
        let box = try venue.box("manager")
        let first = try box.importVenue(path: try write(PlanCSVTests.example, venue))
        XCTAssertTrue(first.created)
        XCTAssertEqual(first.seats, 22)
        let theater = try box.resolveTheater(String(first.theaterID))
        let before = try box.layout(theaterID: theater.id)
        let exported = try box.exportVenue(theater: theater, format: .csv)
        let again = try box.importVenue(path: try write(String(decoding: exported, as: UTF8.self), venue, name: "export.csv"))
        XCTAssertFalse(again.changedAnything, "\(again)")
        XCTAssertEqual(again.theaterID, first.theaterID)
        XCTAssertEqual(try box.layout(theaterID: theater.id), before, "every seat the same: id, label, place, band, marks")
        XCTAssertEqual(try box.exportVenue(theater: theater, format: .csv), exported)
        let restricted = before.filter(\.restrictedView).map(\.label)
        XCTAssertEqual(restricted, ["CA1", "CA6"])
    }

    func testReimportNeverRemovesASeatALiveBookingHas() throws {
        let venue = try TestVenue(empty: true)
        defer { venue.remove() }
        let box = try venue.box("manager")
        let plan = "venue,Re-import House\nband,P,Premium,45.00\nsection,Stalls\nrow,A,P,1,2,3,4\n"
        let created = try box.importVenue(path: try write(plan, venue))
        let theater = try box.resolveTheater(String(created.theaterID))
        let performance = try box.addPerformance(theater: theater, title: "Live", startsAt: Date().addingTimeInterval(86_400))
        let order = try box.book(performanceID: performance.id, labels: ["A4"], customerName: "Ada").order

        // A plan without A4: refused, naming the seat and the booking; nothing changed.
        let without = "venue,Re-import House\nband,P,Premium,50.00\nsection,Stalls\nrow,A,P,1,2,3,,5\n"
        XCTAssertThrowsError(try box.importVenue(path: try write(without, venue))) { error in
            guard case BookingError.planRemovesBookedSeats(let seats) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(seats.map(\.label), ["A4"])
            XCTAssertEqual(seats.map(\.reference), [order.reference])
            XCTAssertEqual((error as? BookingError)?.kind, .conflict)
            XCTAssertTrue("\(error)".contains("seat A4: booking \(order.reference)"), "\(error)")
        }
        XCTAssertEqual(try box.layout(theaterID: theater.id).map(\.label), ["A1", "A2", "A3", "A4"])
        XCTAssertEqual(try box.layout(theaterID: theater.id).map(\.priceCents), [4500, 4500, 4500, 4500], "the new price was not applied either")

        // Moving the booked seat and repricing its band is fine: the booking keeps its seat.
        let moved = "venue,Re-import House\nband,P,Premium,50.00\nsection,Stalls\nrow,A,P,1,2,3,,4,5\n"
        let change = try box.importVenue(path: try write(moved, venue))
        XCTAssertEqual(change.seatsAdded, 1)
        XCTAssertEqual(change.seatsChanged, 1)
        XCTAssertEqual(change.bandsChanged, 1)
        let a4 = try XCTUnwrap(try box.layout(theaterID: theater.id).first { $0.label == "A4" })
        XCTAssertEqual(a4.x, 4)
        XCTAssertEqual(a4.priceCents, 5000)
        XCTAssertEqual(try box.order(reference: order.reference).seats.map(\.label), ["A4"])
        XCTAssertEqual(try box.order(reference: order.reference).totalCents, 4500, "a booking keeps the price it was sold at")
        let map = try box.snapshot(performanceID: performance.id)
        XCTAssertEqual(map.states[try XCTUnwrap(map.index(ofLabel: "A4"))], .booked(reference: order.reference))

        // Once the booking is cancelled, the seat can go: retired, not deleted; the booking's history still names it.
        _ = try box.cancel(reference: order.reference)
        let removed = try box.importVenue(path: try write(without, venue))
        XCTAssertEqual(removed.seatsRetired, 1)
        XCTAssertEqual(try box.layout(theaterID: theater.id).map(\.label), ["A1", "A2", "A3", "A5"])
        XCTAssertEqual(try box.resolveTheater(String(theater.id)).seatCount, 4)
        XCTAssertEqual(try box.order(reference: order.reference).seats.map(\.label), ["A4"])

        // Bringing it back revives the same seat.
        let back = try box.importVenue(path: try write(moved, venue))
        XCTAssertEqual(back.seatsAdded, 0)
        XCTAssertEqual(try box.layout(theaterID: theater.id).first { $0.label == "A4" }?.id, a4.id)
    }

    func testPretixReimportMatchesSeatsByGuid() throws {
        let venue = try TestVenue(empty: true)
        defer { venue.remove() }
        let box = try venue.box("manager")
        let prices = ["Front=45.00", "Back=30.00"]
        let created = try box.importVenue(path: try write(PretixPlanTests.plan, venue, name: "plan.json"), options: .init(prices: prices))
        XCTAssertEqual(created.seats, 7)
        let theater = try box.resolveTheater("Hall")
        let performance = try box.addPerformance(theater: theater, title: "Live", startsAt: Date().addingTimeInterval(86_400))
        let a1 = try XCTUnwrap(try box.layout(theaterID: theater.id).first { $0.label == "A1" })
        let order = try box.book(performanceID: performance.id, labels: ["A1"]).order

        // The row is renamed in pretix: the seat with guid g-a1 is now AA1, with its booking.
        let renamed = PretixPlanTests.plan.replacingOccurrences(of: "\"row_number\": \"A\"", with: "\"row_number\": \"AA\"")
        let change = try box.importVenue(path: try write(renamed, venue, name: "plan.json"), options: .init(prices: prices))
        XCTAssertEqual(change.seatsAdded, 0)
        XCTAssertEqual(change.seatsRetired, 0)
        XCTAssertEqual(change.seatsChanged, 4)
        let aa1 = try XCTUnwrap(try box.layout(theaterID: theater.id).first { $0.label == "AA1" })
        XCTAssertEqual(aa1.id, a1.id)
        XCTAssertEqual(try box.order(reference: order.reference).seats.map(\.label), ["AA1"])
    }

    func testAFaultyPlanChangesNothing() throws {
        let venue = try TestVenue(empty: true)
        defer { venue.remove() }
        let box = try venue.box("manager")
        XCTAssertThrowsError(try box.importVenue(path: try write("venue,V\nband,P,Premium,4.5\nsection,S\nrow,A,P,1\n", venue))) { error in
            guard case BookingError.invalidPlan(let plan) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(plan.problems.map(\.description), ["plan.csv:2:4: the price \"4.5\" is not an amount (digits, then optionally . and two decimals, such as 45.00)"])
        }
        XCTAssertEqual(try box.theaters().count, 0)
    }
}
