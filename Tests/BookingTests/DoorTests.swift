@testable import Booking
import Foundation
import GRDB
import Synchronization
import XCTest

/// Ticket codes in the database and the door, against a real SQLite file (and the throwaway Redis of `make test`).
final class DoorTests: XCTestCase {
    var venue: TestVenue!
    override func setUpWithError() throws { venue = try TestVenue() }
    override func tearDown() { venue?.remove() }

    private func paidBooking(_ seats: [String], clerk: String = "alice") throws -> Order {
        try venue.box(clerk).book(performanceID: venue.performanceID, labels: seats, customerName: "Ann",
                                  terms: SaleTerms(payments: [PaymentRequest(method: .card, amountCents: nil)])).order
    }

    private func codes(_ order: Order) -> [String] { order.tickets.filter { $0.status == .active }.compactMap(\.code) }

    func testEveryTicketIsBornWithAValidCodeOfItsOwn() throws {
        let a = try paidBooking(["A1", "A2", "A3"]), b = try paidBooking(["B1"])
        let all = codes(a) + codes(b)
        XCTAssertEqual(all.count, 4)
        XCTAssertEqual(Set(all).count, 4)
        for code in all { XCTAssertEqual(try TicketCode.parse(code).value, code) }
        XCTAssertEqual(codes(try venue.box("x").order(reference: a.reference)), codes(a), "find reads the same codes")
    }

    func testTheDoorAdmitsOnceAndThenSaysWhenAndByWhichDoor() throws {
        let code = codes(try paidBooking(["A1"]))[0]
        guard case .admitted(let t) = try venue.box("door1").checkin(code.lowercased(), performanceID: venue.performanceID) else {
            return XCTFail("first scan admits")
        }
        XCTAssertEqual(t.seat, "A1")
        XCTAssertEqual(t.type, "Adult")
        let second = try venue.box("door2").checkin(code, performanceID: nil)
        guard case .alreadyAdmitted(_, _, let by) = second else { return XCTFail("\(second)") }
        XCTAssertEqual(by, "door1")
        XCTAssertTrue(second.line().contains("already admitted at "), second.line())
        XCTAssertEqual(second.kind, .conflict)
        let log = try venue.box("x").auditLog(since: nil, includingHolds: false).entries.filter { $0.action == "admit" }
        XCTAssertEqual(log.count, 1)
        XCTAssertEqual(log.first?.clerk, "door1")
    }

    /// Eight doors (threads, each with its own connection) scan one code at the same moment: one admits.
    func testEightDoorsAtOnceAdmitExactlyOnce() throws {
        let code = codes(try paidBooking(["B5"]))[0]
        let doors = try (0..<8).map { try venue.box("door\($0)") }
        let outcomes = Mutex<[CheckinOutcome]>([])
        let performance = venue.performanceID
        DispatchQueue.concurrentPerform(iterations: doors.count) { i in
            let outcome = try? doors[i].checkin(code, performanceID: performance)
            outcomes.withLock { $0.append(outcome ?? .refused(.unknownCode(try! TicketCode.parse(code)))) }
        }
        let all = outcomes.withLock { $0 }
        XCTAssertEqual(all.filter { if case .admitted = $0 { true } else { false } }.count, 1, "\(all)")
        XCTAssertEqual(all.filter { if case .alreadyAdmitted = $0 { true } else { false } }.count, 7, "\(all)")
        XCTAssertEqual(try venue.box("x").doorCount(performanceID: venue.performanceID).count.admitted, 1)
    }

    func testRefusals() throws {
        let box = try venue.box("door1")
        // A wrong check character is refused before the database is asked.
        let good = codes(try paidBooking(["A4"]))[0]
        let typo = String(good.dropLast()) + (good.last == "0" ? "1" : "0")
        guard case .refused(.badCode(_, .checkFailed)) = try box.checkin(typo, performanceID: nil) else { return XCTFail("typo") }
        // Unknown (but well-formed) code.
        let stranger = TicketCode.random()
        XCTAssertEqual(try box.checkin(stranger.value, performanceID: nil), .refused(.unknownCode(stranger)))
        // Another performance than the one given.
        let other = try venue.box("setup").addPerformance(theater: try box.resolveTheater(String(venue.theaterID)),
                                                          title: "Matinee", startsAt: Date().addingTimeInterval(3 * 86_400))
        guard case .refused(.otherPerformance(_, let expected)) = try box.checkin(good, performanceID: other.id) else { return XCTFail("other") }
        XCTAssertEqual(expected, other.id)
        // Unpaid: collect payment first; once paid, admitted.
        let unpaid = try venue.box("alice").book(performanceID: venue.performanceID, labels: ["A5"]).order
        let unpaidOutcome = try box.checkin(codes(unpaid)[0], performanceID: nil)
        XCTAssertTrue(unpaidOutcome.line().contains("collect payment first"), unpaidOutcome.line())
        XCTAssertTrue(unpaidOutcome.line().contains("£50.00"), unpaidOutcome.line())
        XCTAssertEqual(unpaidOutcome.kind, .badInput)
        _ = try venue.box("alice").pay(reference: unpaid.reference, payments: [PaymentRequest(method: .cash, amountCents: nil)],
                                       details: PaymentDetails())
        guard case .admitted = try box.checkin(codes(unpaid)[0], performanceID: nil) else { return XCTFail("paid now") }
        // Cancelled.
        let cancelled = try paidBooking(["A6"])
        _ = try venue.box("alice").cancel(reference: cancelled.reference, labels: nil)
        guard case .refused(.cancelled) = try box.checkin(codes(cancelled)[0], performanceID: nil) else { return XCTFail("cancelled") }
        // Exchanged: the old code stops working, the new ticket has a new code that works.
        let moved = try paidBooking(["A7"])
        let oldCode = codes(moved)[0]
        let after = try venue.box("alice").exchange(reference: moved.reference, fromLabels: ["A7"], toLabels: ["A8"],
                                                    toPerformanceID: nil).result.order
        let newCode = try XCTUnwrap(codes(after).first)
        XCTAssertNotEqual(newCode, oldCode)
        guard case .refused(.exchanged) = try box.checkin(oldCode, performanceID: nil) else { return XCTFail("exchanged") }
        guard case .admitted(let t) = try box.checkin(newCode, performanceID: nil) else { return XCTFail("new code") }
        XCTAssertEqual(t.seat, "A8")
        // An unknown performance is bad input, said once.
        XCTAssertThrowsError(try box.checkin(good, performanceID: 9_999)) { XCTAssertEqual(($0 as? BookingError)?.kind, .notFound) }
    }

    func testDoorCountFollowsAdmissions() throws {
        let order = try paidBooking(["C1", "C2", "C3"])
        let box = try venue.box("door1")
        XCTAssertEqual(try box.doorCount(performanceID: venue.performanceID).count.toCome, 3)
        _ = try box.checkin(codes(order)[0], performanceID: nil)
        _ = try venue.box("door2").checkin(codes(order)[1], performanceID: nil)
        let count = try box.doorCount(performanceID: venue.performanceID).count
        XCTAssertEqual(count.sold, 3)
        XCTAssertEqual(count.admitted, 2)
        XCTAssertEqual(count.toCome, 1)
        XCTAssertEqual(count.doors.map(\.name), ["door1", "door2"])
        let lines = DoorView.lines(try box.doorCount(performanceID: venue.performanceID).performance, count)
        XCTAssertTrue(lines.contains { $0.contains("Still to come") && $0.hasSuffix(" 1") }, "\(lines)")
    }

    func testPrintsAndReprintsAreCountedInTheAuditLog() throws {
        let order = try paidBooking(["B2", "B3"])
        let box = try venue.box("alice")
        let (_, tickets) = try box.printableTickets(reference: order.reference)
        XCTAssertEqual(tickets.map(\.seat), ["B2", "B3"])
        XCTAssertEqual(tickets.map(\.code.value), codes(order))
        XCTAssertEqual(tickets.first?.price, "£30.00")
        XCTAssertNil(tickets.first?.note)
        XCTAssertEqual(try box.recordPrint(order, format: "text"), 1)
        XCTAssertEqual(try box.recordPrint(order, format: "pdf"), 2)
        let prints = try box.auditLog(since: nil, includingHolds: false).entries.filter { $0.action == "print tickets" }
        XCTAssertEqual(prints.map(\.detail), ["print of 2 tickets, text", "reprint 1 of 2 tickets, pdf"])
        _ = try box.cancel(reference: order.reference, labels: nil)
        XCTAssertThrowsError(try box.printableTickets(reference: order.reference))
    }

    func testTheSchemaStepGivesOlderTicketsCodes() throws {
        _ = try paidBooking(["C5", "C6"])
        let queue = try DatabaseQueue(path: venue.settings.databasePath)
        try queue.write { db in
            try db.execute(sql: "UPDATE booked_seat SET code = NULL")
            try DoorSchema.backfill(db)
        }
        let stored = try queue.read { try String.fetchAll($0, sql: "SELECT code FROM booked_seat") }
        XCTAssertEqual(stored.count, 2)
        XCTAssertEqual(Set(stored).count, 2)
        for code in stored { XCTAssertNoThrow(try TicketCode.parse(code)) }
    }
}
