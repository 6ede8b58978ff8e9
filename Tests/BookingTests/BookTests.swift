@_spi(Bench) @testable import Booking
import XCTest

final class BookTests: XCTestCase {
    var venue: TestVenue!
    override func setUpWithError() throws { venue = try TestVenue() }
    override func tearDown() { venue?.remove() }

    func testHolderBooksOthersAreRefused() throws {
        let alice = try venue.box("alice"), bob = try venue.box("bob")
        _ = try alice.hold(performanceID: venue.performanceID, labels: ["B4", "B5"])
        XCTAssertThrowsError(try bob.book(performanceID: venue.performanceID, labels: ["B5"])) { error in
            guard case BookingError.heldByOther(let label, let clerk, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual([label, clerk], ["B5", "alice"])
        }
        let outcome = try alice.book(performanceID: venue.performanceID, labels: ["B4", "B5"], customerName: "Ann Smith")
        XCTAssertEqual(outcome.order.seats.map(\.label), ["B4", "B5"])
        XCTAssertEqual(outcome.order.totalCents, 6000)
        XCTAssertEqual(outcome.order.customerName, "Ann Smith")
        XCTAssertEqual(outcome.order.reference.count, 6)
        XCTAssertTrue(outcome.order.reference.allSatisfy { BookingReference.alphabet.contains($0) })
        let map = try bob.snapshot(performanceID: venue.performanceID)
        XCTAssertEqual(map.states[map.index(ofLabel: "B4")!], .booked(reference: outcome.order.reference))
        XCTAssertEqual(map.counts.held, 0, "booking removes the holder's holds")
    }

    /// A booking's order is built from what its transaction wrote, not read back: it must be the order a read finds,
    /// field for field (tickets in map order, ids and codes, types, payments, deadline), alone and in a group commit.
    func testTheBookedOrderIsTheOneTheDatabaseHolds() throws {
        let alice = try venue.box("alice")
        let server = try BoxOffice(settings: venue.settings, clerk: TestVenue.clerk("web"), groupCommit: true)
        let cases: [(BoxOffice, [String], SaleTerms)] = [
            (alice, ["A3", "A1", "B2"], SaleTerms()),
            (alice, ["C2", "C1"], SaleTerms(typeBySeat: [("C1", "complimentary")], payments: [.init(method: .card, amountCents: nil)],
                                          details: PaymentDetails(reference: "T-9"))),
            (alice, ["B9"], SaleTerms(unpaidUntil: Date().addingTimeInterval(3600))),
            (server, ["A10", "A7"], SaleTerms()),
            (server, ["B7"], SaleTerms(payments: [.init(method: .cash, amountCents: nil)], details: PaymentDetails(tenderedCents: 5000))),
        ]
        for (box, labels, terms) in cases {
            let booked = try box.book(performanceID: venue.performanceID, labels: labels, customerName: "Ann", customerContact: "ann@example.org",
                                      idempotencyKey: "k-\(labels[0])", terms: terms).order
            XCTAssertEqual(booked, try alice.order(reference: booked.reference), "\(labels)")
            XCTAssertFalse(booked.tickets.contains { $0.code == nil || $0.ticketID == 0 }, "\(labels)")
        }
    }

    func testSameKeyReplaysTheBookingUnchanged() throws {
        let alice = try venue.box("alice")
        let first = try alice.book(performanceID: venue.performanceID, labels: ["C5"], idempotencyKey: "phone-42")
        let again = try venue.box("alice").book(performanceID: venue.performanceID, labels: ["c5"], idempotencyKey: "phone-42")
        XCTAssertFalse(first.replay)
        XCTAssertTrue(again.replay)
        XCTAssertEqual(again.order, first.order)
        XCTAssertThrowsError(try alice.book(performanceID: venue.performanceID, labels: ["C6"], idempotencyKey: "phone-42")) { error in
            XCTAssertEqual(error as? BookingError, .idempotencyKeyReused(key: "phone-42", reference: first.order.reference))
            XCTAssertEqual((error as? BookingError)?.kind, .badInput)
        }
        XCTAssertEqual(try alice.snapshot(performanceID: venue.performanceID).counts.booked, 1)
    }

    func testSameKeyWithOtherTicketTypesIsRefusedNotReplayed() throws {
        let alice = try venue.box("alice")
        let first = try alice.book(performanceID: venue.performanceID, labels: ["C7"], customerName: "Ann",
                                   idempotencyKey: "web-7", terms: SaleTerms(typeForAll: "Adult"))
        XCTAssertTrue(try alice.book(performanceID: venue.performanceID, labels: ["C7"], customerName: "Ann",
                                     idempotencyKey: "web-7", terms: SaleTerms(typeForAll: "adult")).replay)
        for (name, type) in [("Ann", "Complimentary"), ("Bo", "complimentary")] {
            XCTAssertThrowsError(try alice.book(performanceID: venue.performanceID, labels: ["C7"], customerName: name,
                                                idempotencyKey: "web-7", terms: SaleTerms(typeForAll: type)), "\(name) \(type)") { error in
                XCTAssertEqual(error as? BookingError, .idempotencyKeyReused(key: "web-7", reference: first.order.reference))
            }
        }
        let order = try XCTUnwrap(alice.find(first.order.reference).first)
        XCTAssertEqual(order.tickets.map(\.typeName), ["Adult"])
        XCTAssertEqual(order.customerName, "Ann")
    }

    func testBookingABookedSeatNamesTheBookingAndWhen() throws {
        let first = try venue.box("alice").book(performanceID: venue.performanceID, labels: ["A7"]).order
        XCTAssertThrowsError(try venue.box("bob").book(performanceID: venue.performanceID, labels: ["A8", "A7"])) { error in
            guard case BookingError.alreadyBooked(let label, let ref, let at) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(label, "A7")
            XCTAssertEqual(ref, first.reference)
            XCTAssertEqual(at.timeIntervalSince1970, first.createdAt.timeIntervalSince1970, accuracy: 0.01)
            XCTAssertTrue((error as! BookingError).description.contains(first.reference))
        }
        let map = try venue.box("carol").snapshot(performanceID: venue.performanceID)
        XCTAssertEqual(map.states[map.index(ofLabel: "A8")!], .free, "all or nothing: A8 stays free")
    }

    func testCancelFreesTheSeats() throws {
        let alice = try venue.box("alice")
        let order = try alice.book(performanceID: venue.performanceID, labels: ["A1", "A2"]).order
        let cancelled = try alice.cancel(reference: order.reference.lowercased())
        XCTAssertFalse(cancelled.alreadyCancelled)
        XCTAssertNotNil(cancelled.order.cancelledAt)
        XCTAssertTrue(try alice.cancel(reference: order.reference).alreadyCancelled)
        let map = try alice.snapshot(performanceID: venue.performanceID)
        XCTAssertEqual(map.states[map.index(ofLabel: "A1")!], .free)
        XCTAssertEqual(try venue.box("bob").book(performanceID: venue.performanceID, labels: ["A1"]).order.seats.count, 1)
        XCTAssertThrowsError(try alice.cancel(reference: "ZZZZZZ")) { XCTAssertEqual(($0 as? BookingError)?.kind, .notFound) }
    }

    func testUnknownSeatListsTheSeatsStillAvailable() throws {
        let alice = try venue.box("alice")
        _ = try alice.book(performanceID: venue.performanceID, labels: ["A1"])
        XCTAssertThrowsError(try alice.book(performanceID: venue.performanceID, labels: ["Z99"])) { error in
            guard case BookingError.unknownSeats(let missing, let available, let total) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(missing, ["Z99"])
            XCTAssertEqual(total, 29)
            XCTAssertEqual(available.count, 20)
            XCTAssertFalse(available.contains("A1"))
            XCTAssertTrue((error as! BookingError).description.hasSuffix("and 9 more."), (error as! BookingError).description)
        }
    }

    func testFindByReferenceOrName() throws {
        let alice = try venue.box("alice")
        let order = try alice.book(performanceID: venue.performanceID, labels: ["B1"], customerName: "Grace Hopper").order
        XCTAssertEqual(try alice.find(order.reference).map(\.reference), [order.reference])
        XCTAssertEqual(try alice.find("hopper").map(\.reference), [order.reference])
        XCTAssertEqual(try alice.find("nobody").count, 0)
        XCTAssertEqual(try alice.find("%").count, 0, "LIKE wildcards are literal")
    }

    func testUnsafeCustomerNamesAreRefused() throws {
        let alice = try venue.box("alice")
        for name in ["Ann\u{1B}[2J", "Bob\r\nEve", "\u{202E}evil", "zero\u{200B}width", "c1\u{9B}31m", String(repeating: "x", count: 500)] {
            XCTAssertThrowsError(try alice.book(performanceID: venue.performanceID, labels: ["C9"], customerName: name)) { error in
                XCTAssertEqual((error as? BookingError)?.kind, .badInput, "\(name.debugDescription)")
            }
        }
        XCTAssertEqual(try alice.snapshot(performanceID: venue.performanceID).counts.booked, 0)
        XCTAssertEqual(try alice.book(performanceID: venue.performanceID, labels: ["C9"], customerName: "Zoë 山田").order.customerName, "Zoë 山田")
    }

    func testBlockedSeatsCannotBeSold() throws {
        let alice = try venue.box("alice")
        _ = try alice.block(performanceID: venue.performanceID, labels: ["C10"], reason: "broken")
        XCTAssertThrowsError(try alice.book(performanceID: venue.performanceID, labels: ["C10"])) { error in
            XCTAssertEqual(error as? BookingError, .seatBlocked(label: "C10", reason: "broken"))
        }
        XCTAssertThrowsError(try alice.hold(performanceID: venue.performanceID, labels: ["C10"]))
        _ = try alice.unblock(performanceID: venue.performanceID, labels: ["C10"])
        XCTAssertEqual(try alice.book(performanceID: venue.performanceID, labels: ["C10"]).order.seats.count, 1)
    }

    /// Unblocking a seat that is not blocked is refused whole, naming it, with nothing written (it used to say
    /// "Unblocked" and leave an audit line for nothing).
    func testUnblockingASeatThatIsNotBlockedChangesNothing() throws {
        let alice = try venue.box("alice")
        _ = try alice.block(performanceID: venue.performanceID, labels: ["C10"], reason: "broken")
        let before = try alice.auditLog(since: nil, includingHolds: false).entries.count
        XCTAssertThrowsError(try alice.unblock(performanceID: venue.performanceID, labels: ["C10", "C9"])) { error in
            XCTAssertEqual(error as? BookingError,
                           .invalidInput("Not blocked for performance \(venue.performanceID): C9. Nothing was unblocked."))
        }
        XCTAssertEqual(try alice.auditLog(since: nil, includingHolds: false).entries.count, before, "no audit line")
        XCTAssertThrowsError(try alice.book(performanceID: venue.performanceID, labels: ["C10"]), "C10 is still blocked")
        _ = try alice.unblock(performanceID: venue.performanceID, labels: ["C10"])
        XCTAssertEqual(try alice.auditLog(since: nil, includingHolds: false).entries.last?.action, "unblock")
    }

    /// One rule decides whether a seat can be sold, for a hold and for a booking alike, in the same words as the map.
    func testASeatOutOfUseIsRefusedInTheSameWordsByHoldAndBooking() throws {
        var plan = TestVenue.smallPlan()
        plan.seats.append(.init(label: "D1", row: "D", number: 1, x: 1, y: 3, section: "Stalls", band: "S", blocked: true))
        plan.seats.append(.init(label: "D2", row: "D", number: 2, x: 2, y: 3, section: "Stalls", band: "S"))
        let house = try TestVenue(plan: plan)
        defer { house.remove() }
        let alice = try house.box("alice")
        let expected = BookingError.seatBlocked(label: "D1", reason: Seat.notInUse)
        XCTAssertThrowsError(try alice.hold(performanceID: house.performanceID, labels: ["D2", "D1"])) { XCTAssertEqual($0 as? BookingError, expected) }
        XCTAssertThrowsError(try alice.book(performanceID: house.performanceID, labels: ["D2", "D1"])) { XCTAssertEqual($0 as? BookingError, expected) }
        let map = try alice.snapshot(performanceID: house.performanceID)
        XCTAssertEqual(map.index(ofLabel: "D1").map { map.states[$0] }, .blocked(reason: Seat.notInUse))
        XCTAssertEqual(map.index(ofLabel: "D2").map { map.states[$0] }, .free, "all or nothing: D2 was neither held nor booked")
    }

    func testBookingsSurviveReopening() throws {
        let order = try venue.box("alice").book(performanceID: venue.performanceID, labels: ["A9"]).order
        let reopened = try venue.box("dana")
        XCTAssertEqual(try reopened.order(reference: order.reference), order)
        XCTAssertEqual(reopened.store.synchronousLevel, 2, "synchronous=FULL")
        XCTAssertEqual(reopened.store.journalMode.lowercased(), "wal")
    }

    func testAuditLogRecordsClerkAndUnixUser() throws {
        let alice = try venue.box("alice")
        let order = try alice.book(performanceID: venue.performanceID, labels: ["B9"]).order
        _ = try alice.cancel(reference: order.reference)
        let entries = try alice.store.auditLog(since: nil).filter { $0.reference == order.reference }
        XCTAssertEqual(entries.map(\.action), ["book", "cancel"])
        XCTAssertEqual(entries.map(\.clerk), ["alice", "alice"])
        XCTAssertEqual(entries.first?.unixUser, "tester")
    }
}
