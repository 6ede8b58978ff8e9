@testable import Booking
import Foundation
import GRDB
import XCTest

/// The reports against a real SQLite file, each total recomputed independently from the audit log (the clerks'
/// own record of what they did), to the minor unit.
final class ReportTests: XCTestCase {
    var venue: TestVenue!
    override func setUpWithError() throws { venue = try TestVenue() }
    override func tearDown() { venue?.remove() }

    /// A small evening: alice sells for cash (with change) and card, bob sells by card and on invoice and refunds
    /// a cancellation, carol gives a complimentary ticket; one reservation stays unpaid.
    private func evening() throws -> (alice: BoxOffice, firstCode: String) {
        let alice = try venue.box("alice"), bob = try venue.box("bob"), carol = try venue.box("carol")
        let p = venue.performanceID
        try venue.box("setup").setPrices(theaterID: venue.theaterID, performanceID: nil, band: "S", items: ["Child=12.50"])
        let first = try alice.book(performanceID: p, labels: ["A1", "A2"], terms: SaleTerms(
            payments: [PaymentRequest(method: .cash, amountCents: nil)], details: PaymentDetails(tenderedCents: 12_000)))
        _ = try alice.book(performanceID: p, labels: ["B1"], terms: SaleTerms(payments: [PaymentRequest(method: .card, amountCents: nil)]))
        _ = try alice.book(performanceID: p, labels: ["B2", "B3"], terms: SaleTerms(typeBySeat: [("B3", "Child")],
            payments: [PaymentRequest(method: .cash, amountCents: 2_000), PaymentRequest(method: .card, amountCents: nil)]))
        let refunded = try bob.book(performanceID: p, labels: ["C1", "C2"], terms: SaleTerms(payments: [PaymentRequest(method: .card, amountCents: nil)]))
        _ = try bob.book(performanceID: p, labels: ["C3"], terms: SaleTerms(payments: [PaymentRequest(method: .invoice, amountCents: nil)],
                                                                            details: PaymentDetails(account: "ACME")))
        _ = try bob.cancel(reference: refunded.order.reference, labels: ["C2"])
        _ = try carol.book(performanceID: p, labels: ["C9"], terms: SaleTerms(typeForAll: "Complimentary",
            payments: [PaymentRequest(method: .complimentary, amountCents: nil)]))
        _ = try carol.book(performanceID: p, labels: ["C10"])  // unpaid
        return (alice, try XCTUnwrap(first.order.tickets.first?.code))
    }

    /// What the audit log says each clerk did: bookings, tickets, and money in and out by method.
    private struct Recount { var bookings = 0, tickets = 0, takings: [String: Int] = [:], refunds: [String: Int] = [:] }

    private func recount(_ box: BoxOffice) throws -> [String: Recount] {
        var by: [String: Recount] = [:]
        for e in try box.auditLog(since: nil, includingHolds: false).entries {
            switch e.action {
            case "book":
                by[e.clerk, default: Recount()].bookings += 1
                by[e.clerk, default: Recount()].tickets += (e.seats ?? "").split(separator: " ").count
            case "pay", "refund":
                // "cash £44.00, tendered £50.00, change £6.00" / "card -£30.00"
                let detail = try XCTUnwrap(e.detail)
                let words = detail.split(separator: ",")[0].split(separator: " ")
                let method = String(words[0]), cents = try cents(String(words[1]))
                if e.action == "pay" { by[e.clerk, default: Recount()].takings[method, default: 0] += cents }
                else { by[e.clerk, default: Recount()].refunds[method, default: 0] += -cents }
            default: break
            }
        }
        return by
    }

    /// "£12.34" / "-£0.50" → minor units, read independently of Money.parse.
    private func cents(_ text: String) throws -> Int {
        let negative = text.hasPrefix("-")
        let digits = text.filter { $0.isNumber || $0 == "." }
        let parts = digits.split(separator: ".")
        let value = try XCTUnwrap(Int(parts[0])) * 100 + (parts.count > 1 ? try XCTUnwrap(Int(parts[1])) : 0)
        return negative ? -value : value
    }

    func testShiftReportBalancesWithTheAuditLog() throws {
        let (alice, _) = try evening()
        let report = try alice.shiftReport(clerk: nil, since: nil, until: nil, floatCents: 10_000, countedCents: nil)
        let audit = try recount(alice)
        XCTAssertEqual(report.shifts.map(\.clerk), ["alice", "bob", "carol"])
        for shift in report.shifts {
            let r = try XCTUnwrap(audit[shift.clerk])
            XCTAssertEqual(shift.bookings, r.bookings, shift.clerk)
            XCTAssertEqual(shift.tickets.values.reduce(0, +), r.tickets, shift.clerk)
            for method in ShiftReport.standardMethods {
                XCTAssertEqual(shift.takingsCents[method], r.takings[method, default: 0], "\(shift.clerk) \(method)")
                XCTAssertEqual(shift.refundsCents[method], r.refunds[method, default: 0], "\(shift.clerk) \(method) refunds")
            }
            let net = r.takings.values.reduce(0, +) - r.refunds.values.reduce(0, +)
            XCTAssertEqual(shift.netCents, net, shift.clerk)
            XCTAssertEqual(shift.expectedCashCents, 10_000 + r.takings["cash", default: 0] - r.refunds["cash", default: 0], shift.clerk)
        }
        // And against the ledger itself: the payments of the evening, paid − refunded.
        let ledger = try DatabaseQueue(path: venue.settings.databasePath).read {
            try Int.fetchOne($0, sql: "SELECT SUM(amount_cents) FROM payment")
        }
        XCTAssertEqual(report.shifts.map(\.netCents).reduce(0, +), ledger)
        let bob = report.shifts[1]
        XCTAssertEqual(bob.refundsCents["card"], 3_000)
        XCTAssertEqual(bob.takingsCents["invoice"], 3_000)
        XCTAssertEqual(report.shifts[0].tickets, ["Adult": 4, "Child": 1])
        XCTAssertEqual(report.shifts[2].tickets, ["Complimentary": 1, "Adult": 1])
    }

    func testShiftReportForOneClerkAndAWindow() throws {
        let (alice, _) = try evening()
        let mine = try alice.shiftReport(clerk: "bob", since: nil, until: nil, floatCents: 0, countedCents: 3_000)
        XCTAssertEqual(mine.shifts.map(\.clerk), ["bob"])
        XCTAssertEqual(mine.shifts[0].overShortCents, 3_000, "bob took no cash: all of the count is over")
        let later = try alice.shiftReport(clerk: nil, since: Date().addingTimeInterval(60), until: Date().addingTimeInterval(120),
                                          floatCents: 0, countedCents: nil)
        XCTAssertEqual(later.shifts, [])
        XCTAssertThrowsError(try alice.shiftReport(clerk: nil, since: Date(), until: Date().addingTimeInterval(-60), floatCents: 0,
                                                   countedCents: nil))
    }

    func testPerformanceReportAgreesWithTheAuditLogAndTheMap() throws {
        let (alice, code) = try evening()
        let r = try alice.performanceReport(id: venue.performanceID)
        let audit = try recount(alice)
        let gross = audit.values.flatMap(\.takings.values).reduce(0, +)
        let refunds = audit.values.flatMap(\.refunds.values).reduce(0, +)
        XCTAssertEqual(r.grossCents, gross)
        XCTAssertEqual(r.refundsCents, refunds)
        XCTAssertEqual(r.netCents, gross - refunds)
        XCTAssertEqual(r.capacity, 30)
        XCTAssertEqual(r.sold, 9, "ten seats booked, one cancelled")
        XCTAssertEqual(r.free, 30 - 9 - r.blocked - r.heldBack)
        XCTAssertEqual(r.complimentary, 1)
        XCTAssertEqual(r.unpaidBookings, 1)
        XCTAssertEqual(r.tickets["P"]?["Adult"], 2)
        XCTAssertEqual(r.tickets.values.flatMap(\.values).reduce(0, +), r.sold)
        let snapshot = try alice.snapshot(performanceID: venue.performanceID)
        XCTAssertEqual(snapshot.states.filter { if case .booked = $0 { true } else { false } }.count, r.sold)
        // The door moves `admitted`.
        guard case .admitted = try alice.checkin(code, performanceID: nil) else { return XCTFail("admits") }
        XCTAssertEqual(try alice.performanceReport(id: venue.performanceID).admitted, 1)
    }

    func testSalesReportAgreesWithTheAuditLog() throws {
        let (alice, _) = try evening()
        let today = Date()
        let r = try alice.salesReport(from: today, to: today)
        let audit = try recount(alice)
        XCTAssertEqual(r.totals.bookings, audit.values.map(\.bookings).reduce(0, +))
        XCTAssertEqual(r.totals.grossCents, audit.values.flatMap(\.takings.values).reduce(0, +))
        XCTAssertEqual(r.totals.refundsCents, audit.values.flatMap(\.refunds.values).reduce(0, +))
        XCTAssertEqual(r.totals.tickets, 10)
        XCTAssertEqual(r.days.map(\.day), [ReportWindow.day(today)])
        XCTAssertEqual(r.performances.map(\.performanceId), [venue.performanceID])
        let yesterday = today.addingTimeInterval(-86_400)
        XCTAssertEqual(try alice.salesReport(from: yesterday, to: yesterday).totals, SalesLine())
    }

    func testReportTimesAreReadAsAClerkWritesThem() throws {
        let now = Date()
        let cal = Calendar.current
        XCTAssertEqual(try ReportWindow.parse("18:00", field: "--since", now: now), cal.date(bySettingHour: 18, minute: 0, second: 0, of: now))
        XCTAssertEqual(ReportWindow.day(try ReportWindow.parse("2026-11-30", field: "--from")), "2026-11-30")
        XCTAssertEqual(cal.component(.hour, from: try ReportWindow.parse("2026-11-30 19:31", field: "--until")), 19)
        for bad in ["", "tomorrow", "2026-13-01", "25:00", "2026-11-30 7pm"] {
            XCTAssertThrowsError(try ReportWindow.parse(bad, field: "--since"), bad) {
                XCTAssertTrue("\($0)".contains("--since"), "\($0)")
            }
        }
    }
}
