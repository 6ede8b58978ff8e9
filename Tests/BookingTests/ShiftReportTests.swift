import Booking
import Foundation
import XCTest

/// The cash-up arithmetic and its three outputs, from plain facts (no database).
final class ShiftReportTests: XCTestCase {
    private let facts = ShiftFacts(
        bookings: [
            .init(clerk: "bob", ticketTypes: ["Adult", "Adult", "Child"]),
            .init(clerk: "alice", ticketTypes: ["Adult"]),
            .init(clerk: "bob", ticketTypes: ["Complimentary"]),
        ],
        ledger: [
            .init(clerk: "bob", method: "cash", amountCents: 5_000),
            .init(clerk: "bob", method: "card", amountCents: 3_250),
            .init(clerk: "bob", method: "cash", amountCents: -1_200),  // a refund
            .init(clerk: "alice", method: "invoice", amountCents: 3_250),
            .init(clerk: "carol", method: "card", amountCents: -3_250),  // refunded a booking made earlier
        ])

    private func money(_ cents: Int) -> String { Format.money(cents: cents) }

    func testEachClerkBalancesToTheMinorUnit() throws {
        let shifts = ShiftReport.build(facts, floatCents: 10_000)
        XCTAssertEqual(shifts.map(\.clerk), ["alice", "bob", "carol"])
        let bob = shifts[1]
        XCTAssertEqual(bob.bookings, 2)
        XCTAssertEqual(bob.tickets, ["Adult": 2, "Child": 1, "Complimentary": 1])
        XCTAssertEqual(bob.takingsCents, ["cash": 5_000, "card": 3_250, "complimentary": 0, "invoice": 0])
        XCTAssertEqual(bob.refundsCents, ["cash": 1_200, "card": 0, "complimentary": 0, "invoice": 0])
        XCTAssertEqual(bob.netCents, 7_050)
        XCTAssertEqual(bob.expectedCashCents, 10_000 + 5_000 - 1_200)
        XCTAssertNil(bob.countedCents)
        let carol = shifts[2]
        XCTAssertEqual(carol.bookings, 0)
        XCTAssertEqual(carol.netCents, -3_250)
        XCTAssertEqual(carol.refundsCents["card"], 3_250, "refunds are shown as positive amounts")
        XCTAssertEqual(carol.expectedCashCents, 10_000)
    }

    func testCountShowsOverOrShort() {
        let short = ShiftReport.build(facts, floatCents: 10_000, countedCents: 13_700)[1]
        XCTAssertEqual(short.overShortCents, -100)
        let over = ShiftReport.build(facts, floatCents: 10_000, countedCents: 13_805)[1]
        XCTAssertEqual(over.overShortCents, 5)
        XCTAssertTrue(ShiftReport.table([short], since: Date(), until: Date(), money: money).contains("Short"))
    }

    func testNoFactsNoClerks() {
        XCTAssertEqual(ShiftReport.build(ShiftFacts(bookings: [], ledger: [])), [])
        XCTAssertTrue(ShiftReport.table([], since: Date(), until: Date(), money: money).hasPrefix("No bookings"))
    }

    func testAnOtherMethodGetsItsOwnColumn() {
        let shifts = ShiftReport.build(ShiftFacts(bookings: [], ledger: [.init(clerk: "x", method: "external", amountCents: 100)]))
        XCTAssertEqual(ShiftReport.methods(in: shifts), ["cash", "card", "complimentary", "invoice", "external"])
        XCTAssertEqual(shifts[0].netCents, 100)
    }

    func testJSONHasTheIssuesFieldNamesAndKeepsTypeNames() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase  // as the CLI's JSON output does
        let json = try JSONSerialization.jsonObject(with: encoder.encode(ShiftReport.build(facts))) as! [[String: Any]]
        XCTAssertEqual(json.count, 3)
        let bob = json[1]
        XCTAssertEqual(Set(bob.keys), ["clerk", "bookings", "tickets", "takings_cents", "refunds_cents", "net_cents",
                                        "float_cents", "expected_cash_cents"])
        XCTAssertEqual(bob["tickets"] as? [String: Int], ["Adult": 2, "Child": 1, "Complimentary": 1])
        XCTAssertEqual((bob["refunds_cents"] as? [String: Int])?["cash"], 1_200)
    }

    func testCSVIsRFC4180() throws {
        var shifts = ShiftReport.build(facts, floatCents: 500, countedCents: 4_300)
        shifts[0].clerk = "O'Neil, \"Ann\""
        let csv = ShiftReport.csv(shifts)
        XCTAssertTrue(csv.hasSuffix("\r\n"))
        let records = csv.components(separatedBy: "\r\n").dropLast()
        XCTAssertEqual(records.count, 4)
        XCTAssertEqual(records[0], "clerk,bookings,tickets_Adult,tickets_Child,tickets_Complimentary,takings_cash_cents,takings_card_cents,takings_complimentary_cents,takings_invoice_cents,refunds_cash_cents,refunds_card_cents,refunds_complimentary_cents,refunds_invoice_cents,net_cents,float_cents,expected_cash_cents,counted_cents,over_short_cents")
        XCTAssertEqual(records[1], "\"O'Neil, \"\"Ann\"\"\",1,1,0,0,0,0,0,3250,0,0,0,0,3250,500,500,4300,3800")
        XCTAssertEqual(records[2], "bob,2,2,1,1,5000,3250,0,0,1200,0,0,0,7050,500,4300,4300,0")
    }

    func testCSVQuotesOnlyWhatNeedsIt() {
        XCTAssertEqual(CSV.field("plain"), "plain")
        XCTAssertEqual(CSV.field("a,b"), "\"a,b\"")
        XCTAssertEqual(CSV.field("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(CSV.field("two\nlines"), "\"two\nlines\"")
        XCTAssertEqual(CSV.field("crlf\r\nend"), "\"crlf\r\nend\"")
        XCTAssertEqual(CSV.record(["a", ""]), "a,\r\n")
    }

    func testTableNamesEveryFigure() {
        let text = ShiftReport.table(ShiftReport.build(facts, floatCents: 10_000), since: Date(timeIntervalSince1970: 0),
                                     until: Date(timeIntervalSince1970: 3_600), money: money)
        for expected in ["bob ·", "Bookings", "Adult 2, Child 1, Complimentary 1", "£50.00", "£12.00", "£70.50", "£100.00",
                         "£138.00", "Expected cash"] {
            XCTAssertTrue(text.contains(expected), "missing \(expected):\n\(text)")
        }
        XCTAssertFalse(text.split(separator: "\n").contains { $0.hasSuffix(" ") })
    }
}
