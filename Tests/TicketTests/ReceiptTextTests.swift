import Booking
import Foundation
@testable import Tickets
import XCTest

/// The receipt as plain text: a mixed booking (some tickets moved to another performance) names the other
/// performance on those tickets' lines, and only there.
final class ReceiptTextTests: XCTestCase {
    func testATicketOfAnotherPerformanceSaysWhich() {
        let lines = [Order.Line(seatID: 1, label: "B1", priceCents: 3000, ticketID: 1, performanceID: 7),
                     Order.Line(seatID: 2, label: "A5", priceCents: 5000, ticketID: 2, performanceID: 9)]
        let order = Order(id: 1, reference: "K7M2QX", performanceID: 7, customerName: "Ann", customerContact: nil, clerk: "ann",
                          unixUser: "ann", idempotencyKey: nil, createdAt: Date(timeIntervalSince1970: 1_796_000_000), cancelledAt: nil,
                          seats: lines, totalCents: 8000)
        let performance = Performance(id: 7, theaterID: 1, theaterName: "Grand Theatre", title: "Hamlet", startsAt: nil)
        let text = ReceiptText.render(order, performance: performance, charset: .ascii)
        let b1 = text.split(separator: "\n").first { $0.hasPrefix("B1") }.map(String.init) ?? ""
        let a5 = text.split(separator: "\n").first { $0.hasPrefix("A5") }.map(String.init) ?? ""
        XCTAssertFalse(b1.contains("perf"), b1)
        XCTAssertTrue(a5.contains("A5  Adult  perf 9"), a5)
        XCTAssertTrue(a5.hasSuffix("£50.00") || a5.hasSuffix("GBP 50.00"), a5)
    }

    /// The types line up under each other whatever the seat labels' lengths ("A9  Adult" over "A10  Adult" did not).
    func testTicketTypesLineUpWhateverTheSeatLabels() {
        let lines = [Order.Line(seatID: 1, label: "A9", priceCents: 3800, ticketID: 1, performanceID: 7),
                     Order.Line(seatID: 2, label: "A10", priceCents: 3800, ticketID: 2, performanceID: 7),
                     Order.Line(seatID: 3, label: "CA112", priceCents: 3800, ticketID: 3, performanceID: 7)]
        let order = Order(id: 1, reference: "K7M2QX", performanceID: 7, customerName: "Ann", customerContact: nil, clerk: "ann",
                          unixUser: "ann", idempotencyKey: nil, createdAt: Date(timeIntervalSince1970: 1_796_000_000), cancelledAt: nil,
                          seats: lines, totalCents: 11400)
        let performance = Performance(id: 7, theaterID: 1, theaterName: "Grand Theatre", title: "Hamlet", startsAt: nil)
        let text = ReceiptText.render(order, performance: performance, charset: .ascii)
        let rows = text.split(separator: "\n").map(String.init)
        let columns = ["A9 ", "A10 ", "CA112 "].compactMap { label in
            rows.first { $0.hasPrefix(label) }.flatMap { row in row.range(of: "Adult").map { row.distance(from: row.startIndex, to: $0.lowerBound) } }
        }
        XCTAssertEqual(Set(columns).count, 1, "\(columns)\n\(text)")
        XCTAssertEqual(columns.count, 3, text)
    }
}

