@_spi(Bench) import Booking
import TestSupport
import Foundation
import GRDB
import TestSupport
import XCTest

/// The money side of a sale against a real SQLite file and a real Redis: types, payments, refunds, exchanges,
/// unpaid reservations, and bad input that changes nothing. The small venue: row A is band P (£50), rows B–C band S (£30).
final class MoneyTests: XCTestCase {
    var venue: TestVenue!
    var box: BoxOffice!
    override func setUpWithError() throws {
        venue = try TestVenue()
        box = try venue.box("ann")
        try box.setPrices(theaterID: venue.theaterID, performanceID: nil, band: "S", items: ["Child=15", "Concession=22.50"])
    }
    override func tearDown() { venue?.remove() }

    private var perf: Int64 { venue.performanceID }
    /// The bookings a test made, compared before and after each refused change.
    private var refs: [String] = []
    /// The performances whose maps are compared too (a test with another performance adds it).
    private var maps: [Int64] = []

    private func card() -> [PaymentRequest] { [PaymentRequest(method: .card, amountCents: nil)] }

    /// Everything a "nothing changed" check compares: every booking's JSON-level state and the audit log's length.
    private func state() throws -> String {
        let orders = try refs.map { try box.order(reference: $0) }
            .map { "\($0.reference) \($0.status) \($0.totalCents) \($0.paidCents) \($0.tickets.map { "\($0.label)\($0.status)" })" }
        let audit = try box.auditLog(since: nil, includingHolds: false).entries.count
        let map = try ([perf] + maps).map { try box.snapshot(performanceID: $0).states.map(\.name).joined() }
        let moved = try DatabaseQueue(path: venue.settings.databasePath).read {
            try String.fetchOne($0, sql: "SELECT COUNT(*) || '/' || (SELECT COUNT(*) FROM payment) FROM money_moved")
        }
        return "\(orders) \(audit) \(map) \(moved ?? "")"
    }

    private func assertBadInput(_ what: String, contains text: String, kind: BookingError.Kind = .badInput, _ body: () throws -> Void) throws {
        let before = try state()
        do {
            try body()
            XCTFail("\(what): no error")
        } catch let error as BookingError {
            XCTAssertEqual(error.kind, kind, "\(what): \(error)")
            XCTAssertTrue(error.description.contains(text), "\(what): \(error.description)")
        }
        XCTAssertEqual(try state(), before, "\(what) changed something")
    }

    func testTwoAdultsAndAChildPaidPartCashPartCard() throws {
        let terms = SaleTerms(typeBySeat: [("B3", "child")],
                              payments: [.init(method: .cash, amountCents: 4000), .init(method: .card, amountCents: nil)],
                              details: PaymentDetails(tenderedCents: 5000, reference: "T-1"))
        let o = try box.book(performanceID: perf, labels: ["B1", "B2", "B3"], customerName: "Ann Lee", terms: terms).order
        XCTAssertEqual(o.status, .paid)
        XCTAssertEqual(o.totalCents, 7500)
        XCTAssertEqual(o.paidCents, 7500)
        XCTAssertEqual(o.changeCents, 1000)
        XCTAssertEqual(o.tickets.map(\.typeName), ["Adult", "Adult", "Child"])
        XCTAssertEqual(o.tickets.map(\.priceCents), [3000, 3000, 1500])
        XCTAssertEqual(o.payments.map(\.method), [.cash, .card])
        XCTAssertEqual(o.payments.map(\.amountCents), [4000, 3500])
        XCTAssertEqual(o.payments[1].reference, "T-1")
        XCTAssertEqual(o.payments.map(\.clerk), ["ann", "ann"])
        let read = try box.order(reference: o.reference)
        XCTAssertEqual(read.paidCents, 7500)
        XCTAssertEqual(read.changeCents, 1000)
        let actions = try box.auditLog(since: nil, includingHolds: false).entries.map(\.action)
        XCTAssertEqual(actions.suffix(3), ["book", "pay", "pay"])
    }

    func testCancellingOneSeatRefundsThatTicketOnly() throws {
        let terms = SaleTerms(typeBySeat: [("B3", "Child")], payments: [.init(method: .cash, amountCents: 4000), .init(method: .card, amountCents: nil)])
        let o = try box.book(performanceID: perf, labels: ["B1", "B2", "B3"], terms: terms).order
        let result = try box.cancel(reference: o.reference, labels: ["b3"])
        XCTAssertEqual(result.freed, ["B3"])
        XCTAssertEqual(result.refunds.map(\.method), [.cash])           // the larger payment first
        XCTAssertEqual(result.refunds.map(\.amountCents), [1500])
        XCTAssertEqual(result.order.status, .paid)
        XCTAssertEqual(result.order.totalCents, 6000)
        XCTAssertEqual(result.order.paidCents, 6000)
        XCTAssertEqual(result.order.tickets.map(\.status), [.active, .active, .cancelled])
        XCTAssertEqual(result.order.payments.last?.amountCents, -1500)
        XCTAssertEqual(result.order.payments.last?.kind, .refund)
        // The seat is on sale again; the rest of the booking is untouched.
        _ = try box.book(performanceID: perf, labels: ["B3"])
        // Then the rest, refunded to card by name.
        let rest = try box.cancel(reference: o.reference, labels: nil, refund: .to(.card), reason: "changed plans")
        XCTAssertEqual(rest.order.status, .cancelled)
        XCTAssertEqual(rest.refunds.map(\.method), [.card])
        XCTAssertEqual(rest.order.paidCents, 0)
    }

    func testNoRefundRecordsTheMoneyRetainedSoTheBooksBalance() throws {
        let terms = SaleTerms(payments: [.init(method: .cash, amountCents: 2000), .init(method: .card, amountCents: nil)])
        let o = try box.book(performanceID: perf, labels: ["B1", "B2"], terms: terms).order      // £60: £20 cash, £40 card
        // One seat cancelled without refund: its £30 is kept, from the larger payment first, as its own kind of row.
        let one = try box.cancel(reference: o.reference, labels: ["B2"], refund: .none, reason: "within 24 hours")
        XCTAssertEqual(one.refunds, [])
        let kept = one.order.payments.filter { $0.kind == .retained }
        XCTAssertEqual(kept.map(\.method), [.card])
        XCTAssertEqual(kept.map(\.amountCents), [-3000])
        XCTAssertEqual(kept.map(\.reason), ["within 24 hours"])
        XCTAssertEqual(one.order.paidCents, one.order.totalCents)                        // the books balance: £30 = £30
        XCTAssertEqual(one.order.status, .paid)
        // The rest cancelled to cash by name: only what was not kept can go back, and the ledger ends at nothing.
        let rest = try box.cancel(reference: o.reference, labels: nil, refund: .to(.cash))
        XCTAssertEqual(rest.refunds.map(\.amountCents), [3000])
        XCTAssertEqual(rest.order.paidCents, 0)
        // The whole of another booking kept: every method's net is nothing, nothing was refunded.
        let other = try box.book(performanceID: perf, labels: ["C1"], terms: SaleTerms(payments: card())).order
        let whole = try box.cancel(reference: other.reference, labels: nil, refund: .none)
        XCTAssertEqual(whole.order.paidCents, 0)
        XCTAssertEqual(whole.order.payments.map(\.kind), [.payment, .retained])
        XCTAssertTrue(OrderText.summary(whole.order).contains("£30.00 retained, not refunded"), OrderText.summary(whole.order))
        // Reports: retained money is part of the gross, not a refund; the till never handed it back.
        let report = try box.performanceReport(id: perf)
        XCTAssertEqual(report.grossCents, 9000)
        XCTAssertEqual(report.refundsCents, 3000)
        XCTAssertEqual(report.retainedCents, 6000)
        XCTAssertEqual(report.netCents, 6000)
        XCTAssertTrue(report.table(money: box.formatMoney).contains("(of which £60.00 retained: cancelled without refund)"))
        let shift = try box.shiftReport(clerk: nil, since: nil, until: nil, floatCents: 0, countedCents: nil).shifts
        XCTAssertEqual(shift.map { $0.refundsCents.values.reduce(0, +) }.reduce(0, +), 3000)
        XCTAssertEqual(shift.map(\.netCents).reduce(0, +), 6000)
        // The ledger stays append-only after its rebuild.
        let db = try DatabaseQueue(path: venue.settings.databasePath)
        XCTAssertThrowsError(try db.write { try $0.execute(sql: "UPDATE payment SET amount_cents = 0") })
        XCTAssertThrowsError(try db.write { try $0.execute(sql: "DELETE FROM payment") })
        XCTAssertThrowsError(try db.write { try $0.execute(sql: "INSERT INTO payment (order_id, method, amount_cents, kind, clerk, unix_user, at) VALUES (1, 'cash', 5, 'retained', 'x', 'x', 0)") })
    }

    func testExchangeToAnotherPerformanceKeepsTheReferenceAndSettlesTheDifference() throws {
        let theater = try box.resolveTheater(String(venue.theaterID))
        let other = try box.addPerformance(theater: theater, title: "Matinee", startsAt: Date().addingTimeInterval(2 * 86_400)).id
        let o = try box.book(performanceID: perf, labels: ["A1", "A2"], terms: SaleTerms(payments: card())).order
        XCTAssertEqual(o.totalCents, 10_000)
        // Dearer to cheaper: £40 back to the card.
        let down = try box.exchange(reference: o.reference, fromLabels: nil, toLabels: ["B5", "B6"], toPerformanceID: other).result
        XCTAssertEqual(down.order.reference, o.reference)
        XCTAssertEqual(down.order.performanceID, other)
        XCTAssertEqual(down.order.totalCents, 6000)
        XCTAssertEqual(down.refunds.map(\.amountCents), [4000])
        XCTAssertEqual(down.order.paidCents, 6000)
        XCTAssertEqual(down.order.status, .paid)
        XCTAssertEqual(down.order.tickets.filter { $0.status == .exchanged }.map(\.label), ["A1", "A2"])
        XCTAssertEqual(try box.snapshot(performanceID: perf).states[0], .free)
        // Cheaper to dearer without paying is refused, and changes nothing.
        try assertBadInput("exchange up without --pay", contains: "£20.00 more") {
            _ = try box.exchange(reference: o.reference, fromLabels: ["B5"], toLabels: ["A5"], toPerformanceID: other)
        }
        let up = try box.exchange(reference: o.reference, fromLabels: ["B5"], toLabels: ["A5"], toPerformanceID: other, payments: card()).result
        XCTAssertEqual(up.collected.map(\.amountCents), [2000])
        XCTAssertEqual(up.order.totalCents, 8000)
        XCTAssertEqual(up.order.paidCents, 8000)
    }

    /// Another performance of the venue, where a Stalls (band S) Adult costs £20 (£30 for the venue's own).
    private func matinee() throws -> Int64 {
        let theater = try box.resolveTheater(String(venue.theaterID))
        let other = try box.addPerformance(theater: theater, title: "Matinee", startsAt: Date().addingTimeInterval(2 * 86_400)).id
        try box.setPrices(theaterID: venue.theaterID, performanceID: other, band: "S", items: ["Adult=20"])
        maps = [other]
        return other
    }

    /// paid − refunded − retained, from the ledger.
    private func net(_ o: Order) -> Int { o.payments.reduce(0) { $0 + $1.amountCents } }
    private func placed(_ o: Order) -> [String] { o.seats.map { "\($0.label)@\($0.performanceID)" }.sorted() }

    func testSomeTicketsMoveToAnotherPerformanceKeepingTheReferenceAndEachPerformanceItsMoney() throws {
        let other = try matinee()
        let o = try box.book(performanceID: perf, labels: ["B1", "B2", "B3"], terms: SaleTerms(payments: card())).order
        refs = [o.reference]
        XCTAssertEqual(o.totalCents, 9000)
        try assertBadInput("a dearer seat of another performance without --pay", contains: "£20.00 more") {
            _ = try box.exchange(reference: o.reference, fromLabels: ["B2"], toLabels: ["A5"], toPerformanceID: other)
        }
        // Dearer: B2 (£30) → A5 of the matinee (£50), £20 more by card.
        let up = try box.exchange(reference: o.reference, fromLabels: ["B2"], toLabels: ["A5"], toPerformanceID: other, payments: card()).result
        XCTAssertEqual(up.order.reference, o.reference)
        XCTAssertEqual(up.order.performanceID, perf, "a partial move leaves the booking's main performance")
        XCTAssertEqual(placed(up.order), ["A5@\(other)", "B1@\(perf)", "B3@\(perf)"])
        XCTAssertTrue(up.order.isMixed)
        XCTAssertEqual(up.collected.map(\.amountCents), [2000])
        XCTAssertEqual(up.order.totalCents, 11_000)
        XCTAssertEqual(net(up.order), 11_000)
        XCTAssertEqual(up.order.status, .paid)
        // Cheaper: B3 (£30) → C3 of the matinee (£20), £10 back to the card.
        let down = try box.exchange(reference: o.reference, fromLabels: ["B3"], toLabels: ["C3"], toPerformanceID: other).result
        XCTAssertEqual(down.refunds.map(\.amountCents), [1000])
        XCTAssertEqual(down.refunds.map(\.method), [.card])
        XCTAssertEqual(placed(down.order), ["A5@\(other)", "B1@\(perf)", "C3@\(other)"])
        XCTAssertEqual(down.order.totalCents, 10_000)
        XCTAssertEqual(net(down.order), down.order.seats.reduce(0) { $0 + $1.priceCents }, "paid − refunded − retained = active tickets")
        XCTAssertEqual(down.order.tickets.filter { $0.status == .exchanged }.map(\.label), ["B2", "B3"])
        // The seats: freed in one performance, taken in the other.
        let mine = { (p: Int64, l: String) throws -> String in
            let m = try self.box.snapshot(performanceID: p)
            return m.states[m.seats.firstIndex { $0.label == l }!].name
        }
        XCTAssertEqual(try ["B1", "B2", "B3"].map { try mine(perf, $0) }, ["booked", "free", "free"])
        XCTAssertEqual(try ["A5", "C3", "B2"].map { try mine(other, $0) }, ["booked", "booked", "free"])

        // The door reads each ticket's own performance: A5's code is refused at the first performance, admitted at the matinee.
        let a5 = try XCTUnwrap(down.order.seats.first { $0.label == "A5" }?.code)
        guard case .refused(.otherPerformance) = try box.checkin(a5, performanceID: perf) else { return XCTFail("A5 admitted at the wrong performance") }
        guard case .admitted = try box.checkin(a5, performanceID: other) else { return XCTFail("A5 not admitted at its own performance") }
        // Each performance reports its own tickets and money: what the old tickets were paid moved with them.
        let first = try box.performanceReport(id: perf), second = try box.performanceReport(id: other)
        XCTAssertEqual([first.sold, second.sold], [1, 2])
        XCTAssertEqual([first.grossCents, first.refundsCents, first.movedCents, first.netCents], [9000, 0, -6000, 3000])
        XCTAssertEqual([second.grossCents, second.refundsCents, second.movedCents, second.netCents], [2000, 1000, 6000, 7000])
        let sales = try box.salesReport(from: Date(), to: Date())
        XCTAssertEqual(sales.totals.bookings, 1, "a mixed booking is one booking in the totals")
        XCTAssertEqual(sales.totals.netCents, 10_000)
        XCTAssertEqual(sales.performances.map(\.performanceId), [perf, other])
        XCTAssertEqual(sales.performances.map(\.sales.tickets), [1, 2])
        XCTAssertEqual(sales.performances.map(\.sales.netCents), [3000, 7000])
        XCTAssertEqual(sales.performances.map(\.sales.bookings), [1, 1])
        // The audit log of each performance names the exchange.
        let log = try box.auditLog(since: nil, includingHolds: false).entries.filter { $0.action == "exchange" }
        XCTAssertEqual(log.map(\.performanceID), [perf, other, perf, other])

        // The matinee is cancelled: only its tickets go, refunded; the booking keeps B1.
        let results = try box.cancelPerformance(other, refund: .original, reason: nil)
        XCTAssertEqual(results.count, 1)
        let kept = results[0].order
        XCTAssertFalse(kept.isCancelled)
        XCTAssertEqual(placed(kept), ["B1@\(perf)"])
        XCTAssertEqual(results[0].refunds.reduce(0) { $0 + $1.amountCents }, 7000)
        XCTAssertEqual(net(kept), 3000)
        XCTAssertEqual(kept.status, .paid)
        XCTAssertEqual(try box.performanceReport(id: other).netCents, 0)
        XCTAssertEqual(try box.performanceReport(id: perf).netCents, 3000)
        XCTAssertEqual(try mine(perf, "B1"), "booked")
        // A booking whose tickets are all for the cancelled performance is cancelled whole, as before.
        let whole = try box.book(performanceID: perf, labels: ["C7"], terms: SaleTerms(payments: card())).order
        let again = try box.cancelPerformance(perf, refund: .original, reason: nil)
        XCTAssertEqual(Set(again.map(\.order.reference)), [o.reference, whole.reference])
        XCTAssertTrue(again.allSatisfy(\.order.isCancelled))
        XCTAssertTrue(again.allSatisfy { net($0.order) == 0 })
    }

    func testASeatLabelInTwoPerformancesOfOneBookingIsNamedWithItsPerformance() throws {
        let other = try matinee()
        let o = try box.book(performanceID: perf, labels: ["B1", "B2"], terms: SaleTerms(payments: card())).order
        refs = [o.reference]
        // B2 becomes B1 of the matinee: the booking now has a B1 in each performance.
        _ = try box.exchange(reference: o.reference, fromLabels: ["B2"], toLabels: ["B1"], toPerformanceID: other)
        try assertBadInput("cancelling B1 without saying which", contains: "seat B1 for performances \(perf) and \(other): name one with --performance") {
            _ = try box.cancel(reference: o.reference, labels: ["B1"])
        }
        try assertBadInput("exchanging B1 without saying which", contains: "--from-performance") {
            _ = try box.exchange(reference: o.reference, fromLabels: ["B1"], toLabels: ["C1"], toPerformanceID: perf)
        }
        try assertBadInput("a performance the booking has no ticket for", contains: "no active ticket for performance 999") {
            _ = try box.cancel(reference: o.reference, labels: nil, performanceID: 999)
        }
        let cancelled = try box.cancel(reference: o.reference, labels: ["B1"], performanceID: other)
        XCTAssertEqual(placed(cancelled.order), ["B1@\(perf)"])
        XCTAssertEqual(cancelled.refunds.map(\.amountCents), [2000])
        XCTAssertEqual(net(cancelled.order), 3000)
        // Without --performance, an exchange stays in the performance of the tickets it moves.
        let moved = try box.exchange(reference: o.reference, fromLabels: ["B1"], toLabels: ["C1"], toPerformanceID: nil).result
        XCTAssertEqual(placed(moved.order), ["C1@\(perf)"])
    }

    func testAnExchangeToAnotherPerformanceThatFailsChangesNothingAnywhere() throws {
        let other = try matinee()
        let o = try box.book(performanceID: perf, labels: ["B1", "B2"], terms: SaleTerms(payments: card())).order
        let sold = try box.book(performanceID: other, labels: ["C6"], customerName: "Someone else").order
        _ = try box.holdBack(performanceID: other, labels: ["C5"], code: "PRESS")
        refs = [o.reference, sold.reference]
        try assertBadInput("onto a held-back seat of another performance", contains: "held back", kind: .conflict) {
            _ = try box.exchange(reference: o.reference, fromLabels: ["B2"], toLabels: ["C5"], toPerformanceID: other)
        }
        try assertBadInput("onto a sold seat of another performance", contains: "already booked", kind: .conflict) {
            _ = try box.exchange(reference: o.reference, fromLabels: ["B2"], toLabels: ["C6"], toPerformanceID: other)
        }
        try assertBadInput("onto a held-back seat with the wrong code", contains: "held back", kind: .conflict) {
            _ = try box.exchange(reference: o.reference, fromLabels: ["B2"], toLabels: ["C5"], toPerformanceID: other, holdbackCode: "HOUSE")
        }
        // Mid-way: the tickets are written and the money moved before the payment is refused; all of it rolls back.
        try assertBadInput("a payment that does not add up, after the seats", contains: "add up") {
            _ = try box.exchange(reference: o.reference, fromLabels: ["B2"], toLabels: ["A5"], toPerformanceID: other,
                                 payments: [.init(method: .card, amountCents: 1000)])
        }
    }

    func testAHeldBackSeatOfAnotherPerformanceIsTakenWithItsCode() throws {
        let other = try matinee()
        let o = try box.book(performanceID: perf, labels: ["B1", "B2"], terms: SaleTerms(payments: card())).order
        _ = try box.holdBack(performanceID: other, labels: ["C5"], code: "PRESS")
        let moved = try box.exchange(reference: o.reference, fromLabels: ["B2"], toLabels: ["C5"], toPerformanceID: other,
                                     holdbackCode: "press").result
        XCTAssertEqual(placed(moved.order), ["B1@\(perf)", "C5@\(other)"])
        XCTAssertEqual(moved.refunds.map(\.amountCents), [1000])
    }

    func testAMixedUnpaidBookingIsPaidForBothPerformancesOrLapsesOnBoth() throws {
        let other = try matinee()
        // Unpaid with no deadline: B2 moves to A5 of the matinee, then the customer pays it all.
        let later = try box.book(performanceID: perf, labels: ["B1", "B2"]).order
        _ = try box.exchange(reference: later.reference, fromLabels: ["B2"], toLabels: ["A5"], toPerformanceID: other)
        let paid = try box.pay(reference: later.reference, payments: card(), details: PaymentDetails())
        XCTAssertEqual(paid.status, .paid)
        XCTAssertEqual(net(paid), 8000)
        XCTAssertEqual([try box.performanceReport(id: perf).netCents, try box.performanceReport(id: other).netCents], [3000, 5000])
        // Reserved unpaid for a moment: B4 moves to C4 of the matinee; past its deadline both seats go back on sale.
        let lapsing = try box.book(performanceID: perf, labels: ["B3", "B4"], terms: SaleTerms(unpaidUntil: Date().addingTimeInterval(2))).order
        _ = try box.exchange(reference: lapsing.reference, fromLabels: ["B4"], toLabels: ["C4"], toPerformanceID: other)
        let c4 = try box.snapshot(performanceID: other).seats.firstIndex { $0.label == "C4" }!
        XCTAssertEqual(try box.snapshot(performanceID: other).states[c4].name, "booked")
        // A booking of the matinee's C4 succeeds once the deadline has passed: its own transaction lets the lapsed one go.
        XCTAssertTrue(eventually(within: 10) { (try? self.box.book(performanceID: other, labels: ["C4"], customerName: "Next")) != nil })
        let gone = try box.order(reference: lapsing.reference)
        XCTAssertEqual(gone.status, .cancelled)
        let b3 = try box.snapshot(performanceID: perf).seats.firstIndex { $0.label == "B3" }!
        XCTAssertEqual(try box.snapshot(performanceID: perf).states[b3], .free)
    }

    func testASwapWithinTheBookingAndAChildKeepsItsType() throws {
        let o = try box.book(performanceID: perf, labels: ["B1", "B2"], terms: SaleTerms(typeBySeat: [("B2", "Child")], payments: card())).order
        let swapped = try box.exchange(reference: o.reference, fromLabels: ["B1", "B2"], toLabels: ["B2", "B3"], toPerformanceID: nil).result
        XCTAssertEqual(swapped.order.seats.map(\.label), ["B2", "B3"])
        XCTAssertEqual(swapped.order.seats.map(\.typeName), ["Adult", "Child"])
        XCTAssertEqual(swapped.order.totalCents, 4500)
        XCTAssertTrue(swapped.refunds.isEmpty)
    }

    func testAnUnpaidReservationIsPaidLaterOrReleasedAfterItsDeadline() throws {
        let later = try box.book(performanceID: perf, labels: ["C1"], terms: SaleTerms(unpaidUntil: Date().addingTimeInterval(3600))).order
        XCTAssertEqual(later.status, .unpaid)
        XCTAssertNotNil(later.collectBy)
        let paid = try box.pay(reference: later.reference, payments: [.init(method: .cash, amountCents: nil)], details: PaymentDetails(tenderedCents: 4000))
        XCTAssertEqual(paid.status, .paid)
        XCTAssertEqual(paid.changeCents, 1000)
        XCTAssertNil(paid.collectBy)
        try assertBadInput("paying a paid booking", contains: "nothing is due") {
            _ = try box.pay(reference: later.reference, payments: card(), details: PaymentDetails())
        }

        let lapsing = try box.book(performanceID: perf, labels: ["C2"], terms: SaleTerms(unpaidUntil: Date().addingTimeInterval(1))).order
        let index = try box.snapshot(performanceID: perf).seats.firstIndex { $0.label == "C2" }!
        XCTAssertTrue(try eventually(within: 10) { try box.snapshot(performanceID: perf).states[index] == .free })
        XCTAssertEqual(try box.order(reference: lapsing.reference).status, .cancelled)
        XCTAssertTrue(try box.auditLog(since: nil, includingHolds: false).entries.contains { $0.action == "expire" && $0.reference == lapsing.reference })
        // A booking made with neither --pay nor --unpaid is unpaid with no deadline, and never expires.
        let plain = try box.book(performanceID: perf, labels: ["C3"]).order
        XCTAssertEqual(plain.status, .unpaid)
        XCTAssertNil(plain.collectBy)
        XCTAssertTrue(try box.expireUnpaid().isEmpty)
    }

    func testEveryBadInputIsRefusedAndChangesNothing() throws {
        let paid = try box.book(performanceID: perf, labels: ["B1", "B2"], terms: SaleTerms(payments: card())).order
        let gone = try box.book(performanceID: perf, labels: ["B9"], terms: SaleTerms(payments: card())).order
        _ = try box.cancel(reference: gone.reference, labels: nil)
        _ = try box.block(performanceID: perf, labels: ["C10"], reason: "sound desk")
        refs = [paid.reference, gone.reference]

        try assertBadInput("split not adding up", contains: "must add up exactly") {
            _ = try box.book(performanceID: perf, labels: ["C1"], terms: SaleTerms(payments: [.init(method: .cash, amountCents: 1000), .init(method: .card, amountCents: 1000)]))
        }
        try assertBadInput("a type not sold in the band", contains: "On sale there: Adult £50.00, Complimentary £0.00") {
            _ = try box.book(performanceID: perf, labels: ["A1"], terms: SaleTerms(typeForAll: "Child"))
        }
        try assertBadInput("an unknown type", contains: "Types: Adult, Concession, Child, Complimentary") {
            _ = try box.book(performanceID: perf, labels: ["C1"], terms: SaleTerms(typeForAll: "Pensioner"))
        }
        try assertBadInput("paid and unpaid at once", contains: "not both") {
            _ = try box.book(performanceID: perf, labels: ["C1"], terms: SaleTerms(payments: card(), unpaidUntil: Date().addingTimeInterval(60)))
        }
        try assertBadInput("a deadline in the past", contains: "already passed") {
            _ = try box.book(performanceID: perf, labels: ["C1"], terms: SaleTerms(unpaidUntil: Date().addingTimeInterval(-60)))
        }
        try assertBadInput("complimentary without a reason", contains: "reason") {
            _ = try box.book(performanceID: perf, labels: ["C1"], terms: SaleTerms(payments: [.init(method: .complimentary, amountCents: nil)]))
        }
        try assertBadInput("a payment on a cancelled booking", contains: "cancelled") {
            _ = try box.pay(reference: gone.reference, payments: card(), details: PaymentDetails())
        }
        try assertBadInput("an exchange onto a sold seat", contains: "already booked", kind: .conflict) {
            _ = try box.exchange(reference: paid.reference, fromLabels: ["B1"], toLabels: ["B2"], toPerformanceID: nil)
        }
        _ = try box.book(performanceID: perf, labels: ["B9"], customerName: "Someone else")
        try assertBadInput("an exchange onto a seat sold to another", contains: "already booked", kind: .conflict) {
            _ = try box.exchange(reference: paid.reference, fromLabels: ["B1"], toLabels: ["B9"], toPerformanceID: nil)
        }
        try assertBadInput("an exchange onto a blocked seat", contains: "blocked") {
            _ = try box.exchange(reference: paid.reference, fromLabels: ["B1"], toLabels: ["C10"], toPerformanceID: nil)
        }
        try assertBadInput("an exchange with unequal counts", contains: "counts must match") {
            _ = try box.exchange(reference: paid.reference, fromLabels: nil, toLabels: ["C1"], toPerformanceID: nil)
        }
        let kid = try box.book(performanceID: perf, labels: ["C5"], terms: SaleTerms(typeForAll: "child", payments: card())).order
        refs.append(kid.reference)
        try assertBadInput("an exchange of a Child into a band without a Child price", contains: "not sold for seat A1") {
            _ = try box.exchange(reference: kid.reference, fromLabels: nil, toLabels: ["A1"], toPerformanceID: nil)
        }
        try assertBadInput("cancelling a seat the booking does not have", contains: "no ticket for seat C1") {
            _ = try box.cancel(reference: paid.reference, labels: ["C1"])
        }
        try assertBadInput("an exchange of a cancelled booking", contains: "cancelled") {
            _ = try box.exchange(reference: gone.reference, fromLabels: nil, toLabels: ["C1"], toPerformanceID: nil)
        }
    }

    func testTypesAndPricesAreManagedAndRefusedClearly() throws {
        let student = try box.addTicketType(name: "Student", key: "s")
        XCTAssertEqual(try box.ticketTypes().map(\.key), ["a", "n", "k", "f", "s"])
        XCTAssertThrowsError(try box.addTicketType(name: "Senior", key: "k")) { XCTAssertTrue("\($0)".contains("already Child's")) }
        XCTAssertThrowsError(try box.removeTicketType(name: "adult"))
        try box.setPrices(theaterID: venue.theaterID, performanceID: perf, band: "s", items: ["student=12"])
        let list = try box.priceList(theaterID: venue.theaterID, performanceID: perf)
        XCTAssertEqual(list.price(band: "S", type: student)?.cents, 1200)
        XCTAssertNil(try box.priceList(theaterID: venue.theaterID, performanceID: nil).price(band: "S", type: student))
        XCTAssertThrowsError(try box.setPrices(theaterID: venue.theaterID, performanceID: nil, band: "Z", items: ["Child=1"])) {
            XCTAssertTrue("\($0)".contains("Bands: P, S"))
        }
        XCTAssertThrowsError(try box.setPrices(theaterID: venue.theaterID, performanceID: nil, band: "S", items: ["Child=-1"]))
        XCTAssertThrowsError(try box.setPrices(theaterID: venue.theaterID, performanceID: nil, band: "S", items: ["Complimentary=5"]))
        let sold = try box.book(performanceID: perf, labels: ["C7"], terms: SaleTerms(typeForAll: "Student", payments: card())).order
        _ = try box.removeTicketType(name: "student")
        XCTAssertEqual(try box.order(reference: sold.reference).tickets.first?.typeName, "Student")
        XCTAssertThrowsError(try box.book(performanceID: perf, labels: ["C8"], terms: SaleTerms(typeForAll: "Student")))
    }
}
