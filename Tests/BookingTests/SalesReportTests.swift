import Booking
import Foundation
import XCTest

/// The performance and sales reports' arithmetic and outputs, from plain facts.
final class SalesReportTests: XCTestCase {
    private func money(_ cents: Int) -> String { Format.money(cents: cents) }

    func testPerformanceReportCountsTheHouse() throws {
        let r = PerformanceReport(performanceId: 3, title: "Hamlet", theater: "Grand", startsAt: nil, capacity: 100, sold: 30,
                                  heldBack: 4, blocked: 2, tickets: ["A": ["Adult": 20, "Child": 5], "B": ["Adult": 5]],
                                  grossCents: 90_000, refundsCents: 3_000, complimentary: 1, unpaidBookings: 2, admitted: 12)
        XCTAssertEqual(r.free, 64)
        XCTAssertEqual(r.netCents, 87_000)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let json = try JSONSerialization.jsonObject(with: encoder.encode(r)) as! [String: Any]
        for key in ["capacity", "sold", "free", "admitted", "net_cents", "held_back", "blocked", "gross_cents", "refunds_cents",
                    "complimentary", "unpaid_bookings", "tickets", "retained_cents"] { XCTAssertNotNil(json[key], key) }
        XCTAssertEqual(json["free"] as? Int, 64)
        let text = r.table(money: money)
        XCTAssertTrue(text.contains("Capacity 100 · sold 30 · held back 4 · blocked 2 · free 64"), text)
        XCTAssertTrue(text.contains("net £870.00"), text)
        let csv = r.csv().components(separatedBy: "\r\n")
        XCTAssertEqual(csv.count, 3)
        XCTAssertTrue(csv[0].hasSuffix("tickets_A_Adult,tickets_A_Child,tickets_B_Adult"), csv[0])
        XCTAssertTrue(csv[1].hasPrefix("3,Hamlet,Grand,,100,30,4,2,64,90000,3000,87000,1,2,12,0,0,20,5,5"), csv[1])
    }

    func testSalesPerPerformanceAndPerDayAddUpToTheSameTotals() {
        let facts = SalesFacts(
            performances: [.init(id: 1, title: "Early", startsAt: Date(timeIntervalSince1970: 0)),
                           .init(id: 2, title: "Late, \"really\"", startsAt: Date(timeIntervalSince1970: 86_400))],
            bookings: [.init(day: "2026-11-29", performanceID: 2, tickets: 2), .init(day: "2026-11-30", performanceID: 1, tickets: 3),
                       .init(day: "2026-11-30", performanceID: 2, tickets: 1)],
            ledger: [.init(day: "2026-11-29", performanceID: 2, amountCents: 6_000), .init(day: "2026-11-30", performanceID: 1, amountCents: 9_000),
                     .init(day: "2026-11-30", performanceID: 2, amountCents: -3_000)])
        let r = SalesReport.build(facts, from: "2026-11-29", to: "2026-11-30")
        XCTAssertEqual(r.performances.map(\.performanceId), [1, 2], "in order of the performance's start")
        XCTAssertEqual(r.days.map(\.day), ["2026-11-29", "2026-11-30"])
        XCTAssertEqual(r.totals.bookings, 3)
        XCTAssertEqual(r.totals.tickets, 6)
        XCTAssertEqual(r.totals.grossCents, 15_000)
        XCTAssertEqual(r.totals.refundsCents, 3_000)
        XCTAssertEqual(r.totals.netCents, 12_000)
        XCTAssertEqual(r.performances.map(\.sales.netCents).reduce(0, +), r.totals.netCents)
        XCTAssertEqual(r.days.map(\.sales.netCents).reduce(0, +), r.totals.netCents)
        XCTAssertEqual(r.performances[1].sales, SalesLine(bookings: 2, tickets: 3, grossCents: 6_000, refundsCents: 3_000))
        let csv = r.csv()
        XCTAssertTrue(csv.contains("performance,,2,\"Late, \"\"really\"\"\","), csv)
        XCTAssertTrue(csv.hasSuffix("total,,,,,3,6,15000,3000,12000,0\r\n"), csv)
        let text = r.table(money: money)
        XCTAssertTrue(text.contains("Per performance") && text.contains("Per day") && text.contains("£120.00"), text)
    }
}
