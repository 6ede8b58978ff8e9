import Booking
import Foundation
import XCTest

/// `OrderJSON.json` (JSONText, the HTTP server's booking replies) writes the same text as Foundation's JSONEncoder in
/// the CLI's style (`JSONStyle`), field for field, for every shape of booking (empty arrays aside: `[]`, where the
/// encoder spreads them over three lines). Pure: orders built in memory.
final class OrderJSONTests: XCTestCase {
    private let at = Date(timeIntervalSince1970: 1_795_721_400)

    private func order(customer: String?, contact: String?, key: String?, cancelled: Bool, collectBy: Date?,
                       payments: [Payment], tickets: [Order.Line]) -> Order {
        Order(id: 7, reference: "K7Q-4MX", performanceID: 3, customerName: customer, customerContact: contact, clerk: "web",
              unixUser: "boxoffice", idempotencyKey: key, createdAt: at, cancelledAt: cancelled ? at.addingTimeInterval(60) : nil,
              seats: tickets, totalCents: tickets.filter { $0.status == .active }.reduce(0) { $0 + $1.priceCents },
              payments: payments, collectBy: collectBy, currency: .gbp)
    }

    private func assertSameText(_ o: Order, replay: Bool?, file: StaticString = #filePath, line: UInt = #line) throws {
        let encoded = String(decoding: try JSONStyle.encoder(pretty: true).encode(OrderJSON(o, replay: replay)), as: UTF8.self)
        let written = OrderJSON(o, replay: replay).json.rendered()
        // The one difference in text: the encoder writes an empty array over three lines, JSONText as `[]`.
        let emptyArrays = try NSRegularExpression(pattern: #"\[\n\n *\]"#)
        let normalized = emptyArrays.stringByReplacingMatches(in: encoded, range: NSRange(encoded.startIndex..., in: encoded), withTemplate: "[]")
        XCTAssertEqual(written, normalized, file: file, line: line)
        let parsed = { (text: String) in try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary }
        XCTAssertEqual(try parsed(written), try parsed(encoded), file: file, line: line)
    }

    func testAnUnpaidWebBookingReadsAsTheEncoderWritesIt() throws {
        let o = order(customer: "Bench", contact: nil, key: nil, cancelled: false, collectBy: nil, payments: [],
                      tickets: [Order.Line(seatID: 1, label: "A1", priceCents: 3200, ticketID: 11, performanceID: 3, typeID: 1, code: "ABCDEFGHJK")])
        try assertSameText(o, replay: nil)
        try assertSameText(o, replay: true)
    }

    func testEveryOptionalFieldAndEveryLedgerKind() throws {
        let payments = [
            Payment(method: .cash, amountCents: 5000, kind: .payment, tenderedCents: 6000, changeCents: 1000, clerk: "alice", unixUser: "alice", at: at),
            Payment(method: .external, amountCents: 1200, kind: .payment, reference: "pi_\"quoted\" / slash", clerk: "web", unixUser: "boxoffice", at: at),
            Payment(method: .invoice, amountCents: -800, kind: .refund, account: "ACME", reason: "line\nbreak", clerk: "bob", unixUser: "bob", at: at),
            Payment(method: .card, amountCents: -400, kind: .retained, reason: "no refund", clerk: "bob", unixUser: "bob", at: at),
        ]
        let tickets = [
            Order.Line(seatID: 1, label: "A1", priceCents: 3200, ticketID: 11, typeName: "Adult", performanceID: 3, typeID: 1, code: "ABCDEFGHJK"),
            Order.Line(seatID: 2, label: "A2", priceCents: 1600, ticketID: 12, typeName: "Child", status: .cancelled, performanceID: 3, typeID: 2),
            Order.Line(seatID: 3, label: "A3", priceCents: 0, ticketID: 13, typeName: "Complimentary", status: .exchanged, performanceID: 4, typeID: 3),
        ]
        try assertSameText(order(customer: "Zoë \"Z\" Ångström 国家", contact: "zoe@example.org", key: "key-1", cancelled: false,
                                 collectBy: at.addingTimeInterval(3600), payments: payments, tickets: tickets), replay: false)
        try assertSameText(order(customer: nil, contact: nil, key: nil, cancelled: true, collectBy: nil, payments: payments,
                                 tickets: tickets.map { var t = $0; t.status = .cancelled; return t }), replay: nil)
        try assertSameText(order(customer: nil, contact: nil, key: nil, cancelled: false, collectBy: nil, payments: [], tickets: []), replay: nil)
    }
}
