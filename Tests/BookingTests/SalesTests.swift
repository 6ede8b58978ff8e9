import Booking
import XCTest

/// The money rules without I/O: amounts, types, prices, payment plans, refunds.
final class SalesTests: XCTestCase {
    private func message(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "no error" } catch { return "\(error)" }
    }

    func testAmountsParseToMinorUnitsStrictly() throws {
        XCTAssertEqual(try Money.parse("12.50", field: "price"), 1250)
        XCTAssertEqual(try Money.parse("12.5", field: "price"), 1250)
        XCTAssertEqual(try Money.parse("12", field: "price"), 1200)
        XCTAssertEqual(try Money.parse("0.07", field: "price"), 7)
        XCTAssertEqual(try Money.parse(" 3.00 ", field: "price"), 300)
        XCTAssertEqual(try Money.parse("1500", field: "price", currency: Currency(code: "JPY", minorDigits: 0)), 1500)
        XCTAssertTrue(message { try Money.parse("-1", field: "price") }.contains("cannot be negative"))
        XCTAssertTrue(message { try Money.parse("1.005", field: "price") }.contains("only 2 digits after the point"))
        XCTAssertTrue(message { try Money.parse("1.5", field: "price", currency: Currency(code: "JPY", minorDigits: 0)) }.contains("no smaller unit"))
        for bad in ["", "1e3", "£12", "12.", ".5", "1.2.3", "12,50", "0x10", "١٢"] {
            XCTAssertThrowsError(try Money.parse(bad, field: "price"), bad)
        }
        XCTAssertTrue(message { try Money.parse("99999999999", field: "price") }.contains("too large"))
    }

    func testAmountsFormatWithTheCurrencyAtTheEdge() throws {
        XCTAssertEqual(Money.format(1250), "£12.50")
        XCTAssertEqual(Money.format(7), "£0.07")
        XCTAssertEqual(Money.format(-300), "-£3.00")
        XCTAssertEqual(Money.format(1250, try Currency(parsing: "eur")), "€12.50")
        XCTAssertEqual(Money.format(1250, try Currency(parsing: "CHF")), "12.50 CHF")
        XCTAssertEqual(Money.format(1500, try Currency(parsing: "JPY")), "¥1500")
        XCTAssertThrowsError(try Currency(parsing: "pounds"))
    }

    private let types = [TicketType(id: 1, name: "Adult", key: "a"), TicketType(id: 2, name: "Concession", key: "n"),
                         TicketType(id: 3, name: "Child", key: "k"), TicketType(id: 4, name: "Complimentary", key: "f")]

    func testNewTicketTypesNeedTheirOwnNameAndLetterKey() throws {
        XCTAssertEqual(try TicketType.validateNew(name: " Student ", key: "s", existing: types).name, "Student")
        XCTAssertTrue(message { try TicketType.validateNew(name: "child", key: "c", existing: types) }.contains("already a ticket type called Child"))
        XCTAssertTrue(message { try TicketType.validateNew(name: "Student", key: "k", existing: types) }.contains("already Child's"))
        XCTAssertTrue(message { try TicketType.validateNew(name: "Student", key: "2", existing: types) }.contains("one lowercase letter"))
        XCTAssertTrue(message { try TicketType.validateNew(name: "Student", key: "st", existing: types) }.contains("one lowercase letter"))
        XCTAssertThrowsError(try TicketType.validateNew(name: "A=B", key: "z", existing: types))
        XCTAssertEqual(try TicketType.named("CHILD", in: types).id, 3)
        XCTAssertTrue(message { try TicketType.named("Pensioner", in: types) }.contains("Adult, Concession, Child, Complimentary"))
    }

    func testPricesComeFromThePerformanceThenTheTheaterThenTheBand() throws {
        var list = PriceList(types: types, bandPrices: ["P": 5000, "S": 3000])
        list.theaterPrices[.init(band: "S", typeID: 3)] = 1500
        list.performancePrices[.init(band: "S", typeID: 3)] = 1200
        list.theaterPrices[.init(band: "P", typeID: 1)] = 5500
        XCTAssertEqual(list.price(band: "S", type: types[0])?.cents, 3000)   // Adult = band price
        XCTAssertEqual(list.price(band: "P", type: types[0])?.cents, 5500)   // the theater's own Adult price
        XCTAssertEqual(list.price(band: "S", type: types[2])?.cents, 1200)   // the performance's beats the theater's
        XCTAssertEqual(list.price(band: "S", type: types[3])?.cents, 0)      // Complimentary
        XCTAssertNil(list.price(band: "P", type: types[2]))                   // no Child price in P: not for sale
        XCTAssertEqual(list.forSale(band: "P").map(\.name), ["Adult", "Complimentary"])
        let refusal = message { try list.require(band: "P", type: types[2], seat: "A1", currency: .gbp) }
        XCTAssertEqual(refusal, "Child tickets are not sold for seat A1 (band P). On sale there: Adult £55.00, Complimentary £0.00.")
    }

    func testASplitPaymentMustAddUpAndOneMethodMayTakeTheRest() throws {
        let plan = try PaymentPlan.plan([.init(method: .cash, amountCents: 2000), .init(method: .card, amountCents: nil)], due: 7500,
                                        details: PaymentDetails(tenderedCents: 2500, reference: "T-991"))
        XCTAssertEqual(plan.map(\.method), [.cash, .card])
        XCTAssertEqual(plan.map(\.amountCents), [2000, 5500])
        XCTAssertEqual(plan[0].changeCents, 500)
        XCTAssertEqual(plan[1].reference, "T-991")
        XCTAssertTrue(message { try PaymentPlan.plan([.init(method: .cash, amountCents: 2000), .init(method: .card, amountCents: 5000)], due: 7500) }
            .contains("add up to £70.00, but £75.00 is due"))
        XCTAssertTrue(message { try PaymentPlan.plan([.init(method: .cash, amountCents: nil), .init(method: .card, amountCents: nil)], due: 7500) }
            .contains("Only one --pay may leave out its amount"))
        XCTAssertTrue(message { try PaymentPlan.plan([.init(method: .cash, amountCents: 9000), .init(method: .card, amountCents: nil)], due: 7500) }
            .contains("nothing remains for card"))
        XCTAssertTrue(message { try PaymentPlan.plan([.init(method: .cash, amountCents: nil)], due: 7500, details: .init(tenderedCents: 5000)) }
            .contains("£50.00 tendered is less than the £75.00"))
        XCTAssertTrue(message { try PaymentPlan.plan([.init(method: .card, amountCents: nil)], due: 7500, details: .init(tenderedCents: 8000)) }
            .contains("--tendered goes with a cash payment"))
        XCTAssertTrue(message { try PaymentPlan.plan([.init(method: .invoice, amountCents: nil)], due: 7500) }.contains("--account"))
        XCTAssertTrue(message { try PaymentPlan.plan([.init(method: .external, amountCents: nil)], due: 7500) }.contains("--reference"))
        XCTAssertTrue(message { try PaymentPlan.plan([.init(method: .complimentary, amountCents: nil)], due: 7500) }.contains("a reason"))
        XCTAssertEqual(try PaymentPlan.plan([.init(method: .complimentary, amountCents: nil)], due: 0, allComplimentary: true).first?.amountCents, 0)
        XCTAssertEqual(try PaymentPlan.plan([.init(method: .complimentary, amountCents: nil)], due: 7500,
                                            details: .init(reason: "press night")).first?.amountCents, 7500)
        XCTAssertTrue(message { try PaymentPlan.plan([.init(method: .card, amountCents: 100), .init(method: .card, amountCents: nil)], due: 7500) }
            .contains("given twice"))
        XCTAssertEqual(try PaymentRequest.parse("Card=12.50"), .init(method: .card, amountCents: 1250))
        XCTAssertEqual(try PaymentRequest.parse("cash"), .init(method: .cash, amountCents: nil))
        XCTAssertTrue(message { try PaymentRequest.parse("cheque=5") }.contains("Methods: cash, card, complimentary, invoice, external"))
        XCTAssertTrue(message { try PaymentRequest.parse("cash=-5") }.contains("cannot be negative"))
    }

    func testRefundsGoBackToTheMethodsPaidLargestFirst() throws {
        let paid: [(method: PaymentMethod, net: Int)] = [(.cash, 2000), (.card, 5500)]
        let all = try Refunds.allocate(7500, paid: paid)
        XCTAssertEqual(all.map(\.method), [.card, .cash])
        XCTAssertEqual(all.map(\.amount), [5500, 2000])
        let part = try Refunds.allocate(3000, paid: paid)
        XCTAssertEqual(part.map(\.method), [.card])
        XCTAssertEqual(part.map(\.amount), [3000])
        XCTAssertEqual(try Refunds.allocate(3000, paid: paid, to: .cash).map(\.method), [.cash])
        XCTAssertTrue(message { try Refunds.allocate(8000, paid: paid) }.contains("more than the £75.00 paid"))
        XCTAssertTrue(try Refunds.allocate(0, paid: paid).isEmpty)
    }

    func testTheBalanceSaysWhatToCollectOrRefundAfterAChange() {
        let paid = Balance(totalCents: 8000, paidCents: 8000, hasPayment: true)
        XCTAssertTrue(paid.isPaid)
        XCTAssertEqual(paid.settle(newTotal: 9500).collect, 1500)   // an exchange to dearer seats
        XCTAssertEqual(paid.settle(newTotal: 5000).refund, 3000)    // one seat cancelled
        let unpaid = Balance(totalCents: 8000, paidCents: 0, hasPayment: false)
        XCTAssertFalse(unpaid.isPaid)
        XCTAssertEqual(unpaid.settle(newTotal: 9500).collect, 0)    // repriced, paid at collection
        XCTAssertEqual(unpaid.settle(newTotal: 5000).refund, 0)
    }
}
