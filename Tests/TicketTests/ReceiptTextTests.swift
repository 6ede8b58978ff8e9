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
}
