import Booking
import Foundation
import Testing
@testable import TUI

/// The booking form's steps as a pure value: types by keys, the total as it changes, payment by one key per method.
struct SaleFormTests {
    typealias F = Fixtures
    static let types = [TicketType(id: 1, name: "Adult", key: "a"), TicketType(id: 2, name: "Concession", key: "n"),
                        TicketType(id: 3, name: "Child", key: "k"), TicketType(id: 4, name: "Complimentary", key: "f")]
    /// Stalls: Adult £32, Child £15; the Circle sells no Child tickets.
    static let prices = PriceList(types: types, bandPrices: ["Stalls": 3200, "Circle": 2000],
                                  theaterPrices: [.init(band: "Stalls", typeID: 3): 1500])

    func form(_ seats: [(String, String)] = [("A4", "Stalls"), ("A5", "Stalls"), ("A6", "Stalls")]) -> SaleForm {
        SaleForm(seats: seats.map { (label: $0.0, band: $0.1) }, prices: Self.prices, currency: .gbp)
    }

    func press(_ form: inout SaleForm, _ keys: Key...) -> SaleForm.Outcome {
        var last = SaleForm.Outcome.stay
        for key in keys { last = form.handle(key) }
        return last
    }

    func type(_ form: inout SaleForm, _ text: String) {
        for c in text { _ = form.handle(.char(c)) }
    }

    @Test func twoAdultsAndAChildByCountsAndKeysPaidPartCashPartCard() {
        var f = form()
        type(&f, "Ann Lee")
        _ = press(&f, .enter)
        #expect(f.step == .types)
        #expect(f.totalCents == 9600)
        type(&f, "2a1k")
        #expect(f.lines.map(\.type.name) == ["Adult", "Adult", "Child"])
        #expect(f.totalCents == 7900)
        _ = press(&f, .enter)
        #expect(f.step == .payment)
        type(&f, "20")
        _ = press(&f, .char("c"))
        #expect(f.step == .tendered)
        type(&f, "50")
        _ = press(&f, .enter)
        #expect(f.changeCents == 3000)
        #expect(f.remainingCents == 5900)
        #expect(press(&f, .enter) == .stay)            // not yet paid in full
        #expect(f.error?.contains("£59.00 still to pay") == true)
        _ = press(&f, .char("d"))
        #expect(f.remainingCents == 0)
        let outcome = press(&f, .enter)
        #expect(outcome == .submit(name: "Ann Lee", typeBySeat: ["A4": "Adult", "A5": "Adult", "A6": "Child"],
                                   payments: [.init(method: .cash, amountCents: 2000, tenderedCents: 5000),
                                              .init(method: .card, amountCents: 5900, tenderedCents: nil)], unpaid: false))
        let terms = SaleForm.terms(typeBySeat: ["A4": "Adult", "A6": "Child"], payments: f.taken)
        #expect(terms.details.tenderedCents == 5000)
        #expect(terms.payments.map(\.amountCents) == [2000, 5900])
    }

    @Test func everyKeyOfEveryStepShowsOnAn80ColumnTerminal() {
        // The keys at the foot of the form are the clerk's only guide to them; at 80 columns (and even at 160: the form
        // is 92 wide) they were cut after "f Compli" and "u unpa". They go on as many lines as they need.
        var f = form()
        func shown() -> String {
            var buffer = ScreenBuffer(width: 80, height: 24)
            renderSaleForm(f, submitting: false, theme: Theme(), into: &buffer)
            return buffer.text
        }
        _ = press(&f, .enter)
        for key in ["Tab type", "f Complimentary)", "Enter next"] { #expect(shown().contains(key), "types step: \(key)") }
        _ = press(&f, .enter)
        for key in ["c cash", "= exact", "D card+ref", "f comp", "u unpaid", "Esc back"] { #expect(shown().contains(key), "payment step: \(key)") }
        type(&f, "20")
        _ = press(&f, .char("c"))
        #expect(shown().contains("Enter: the change (empty: exact)"))
        _ = press(&f, .enter)
        #expect(shown().contains("Esc takes back"))
        // Paid in full: no amount left to ask for, and Enter books.
        _ = press(&f, .char("d"))
        #expect(shown().contains("Paid in full.") && shown().contains("Enter books"))
        #expect(!shown().contains("all that remains"))
        // All of it in cash: the field for the cash tendered is still there to type into.
        var cash = form()
        _ = press(&cash, .enter, .enter, .char("c"))
        var buffer = ScreenBuffer(width: 80, height: 24)
        renderSaleForm(cash, submitting: false, theme: Theme(), into: &buffer)
        #expect(cash.step == .tendered && buffer.text.contains("Cash tendered:"))
        #expect(buffer.roleLine(buffer.text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("Cash tendered:") }!)
            .contains(Role.input.code))
    }

    @Test func tabCyclesTheTypesOnSaleForTheSeatUnderTheCursor() {
        var f = form([("A4", "Stalls"), ("E1", "Circle")])
        _ = press(&f, .enter, .tab)
        #expect(f.lines[0].type.name == "Child")           // Adult → (no Concession price) → Child
        _ = press(&f, .tab, .tab)
        #expect(f.lines[0].type.name == "Adult")           // → Complimentary → Adult
        _ = press(&f, .down, .tab)
        #expect(f.lines[1].type.name == "Complimentary")   // the Circle sells Adult and Complimentary only
        #expect(f.totalCents == 3200)
    }

    @Test func aTypeNotSoldInABandIsRefusedWithWhatIs() {
        var f = form([("E1", "Circle")])
        _ = press(&f, .enter, .char("k"))
        #expect(f.lines[0].type.name == "Adult")
        #expect(f.error == "Child is not sold for E1 (band Circle); on sale there: Adult, Complimentary.")
        _ = press(&f, .char("z"))
        #expect(f.error?.hasPrefix("No type has the key z") == true)
    }

    @Test func cashTenderedBelowTheAmountAndOverpaymentAreRefused() {
        var f = form([("A4", "Stalls")])
        _ = press(&f, .enter, .enter)
        type(&f, "40")
        _ = press(&f, .char("d"))
        #expect(f.error == "£40.00 is more than the £32.00 to pay.")
        _ = press(&f, .control("u"))
        var g = form([("A4", "Stalls")])
        _ = press(&g, .enter, .enter, .char("c"))
        type(&g, "30")
        _ = press(&g, .enter)
        #expect(g.error?.contains("less than the £32.00 in cash") == true)
        #expect(g.step == .tendered)
        _ = press(&g, .escape)
        #expect(g.taken.isEmpty)
        // Complimentary for an Adult ticket needs a reason: the form asks for it, and Esc takes the payment back.
        #expect(press(&g, .char("f")) == .stay)
        #expect(g.step == .note)
        #expect(g.payment?.prompt == "Reason it is complimentary:")
        _ = press(&g, .escape)
        #expect(g.taken.isEmpty && g.step == .payment)
        #expect(press(&g, .char("u")) == .submit(name: nil, typeBySeat: ["A4": "Adult"], payments: [], unpaid: true))
    }

    @Test func invoiceAsksForTheAccountAndExternalForItsReference() {
        var f = form([("A4", "Stalls"), ("A5", "Stalls")])
        _ = press(&f, .enter, .enter)
        type(&f, "40")
        _ = press(&f, .char("i"))
        #expect(f.step == .note && f.payment?.prompt == "Account to invoice:")
        _ = press(&f, .enter)
        #expect(f.error == "Name the account to invoice." && f.step == .note)
        type(&f, "Acme Tours")
        _ = press(&f, .enter)
        _ = press(&f, .char("e"))
        #expect(f.payment?.prompt == "Reference of the payment taken elsewhere:")
        _ = press(&f, .enter)
        #expect(f.error == "Give the reference of the payment taken elsewhere.")
        type(&f, "WEB-991")
        _ = press(&f, .enter)
        #expect(f.remainingCents == 0)
        guard case .submit(_, _, let payments, false) = press(&f, .enter) else { Issue.record("not submitted"); return }
        #expect(payments == [.init(method: .invoice, amountCents: 4000, note: "Acme Tours"),
                             .init(method: .external, amountCents: 2400, note: "WEB-991")])
        let terms = SaleForm.terms(typeBySeat: [:], payments: payments)
        #expect(terms.details == PaymentDetails(reference: "WEB-991", account: "Acme Tours"))
        // The booking layer accepts exactly these terms.
        let plan = try? PaymentPlan.plan(terms.payments, due: 6400, details: terms.details)
        #expect(plan?.map(\.account) == ["Acme Tours", nil] && plan?.map(\.reference) == [nil, "WEB-991"])
    }

    @Test func aCardReferenceIsOptionalAndAComplimentaryTakesAReason() {
        var f = form([("A4", "Stalls"), ("A5", "Stalls")])
        _ = press(&f, .enter, .enter)
        type(&f, "10")
        _ = press(&f, .char("D"))
        #expect(f.payment?.prompt == "Card terminal reference (optional):")
        _ = press(&f, .enter)                                   // no reference: fine for a card
        #expect(f.step == .payment && f.taken.last?.note == nil)
        _ = press(&f, .escape)                                  // take it back, and again with a reference
        type(&f, "10")
        _ = press(&f, .char("D"))
        type(&f, "T-4471")
        _ = press(&f, .enter)
        _ = press(&f, .char("f"))
        #expect(f.payment?.prompt == "Reason it is complimentary:")
        _ = press(&f, .enter)
        #expect(f.error == "Say why it is complimentary.")
        type(&f, "house seats")
        _ = press(&f, .enter)
        guard case .submit(_, _, let payments, false) = press(&f, .enter) else { Issue.record("not submitted"); return }
        let terms = SaleForm.terms(typeBySeat: [:], payments: payments)
        #expect(terms.details == PaymentDetails(reference: "T-4471", reason: "house seats"))
        #expect(terms.payments.map(\.amountCents) == [1000, 5400])
        #expect((try? PaymentPlan.plan(terms.payments, due: 6400, details: terms.details))?.count == 2)
    }

    @Test func everyTicketComplimentaryNeedsNoReasonAndTheKeysAllFit() {
        var f = form([("A4", "Stalls")])
        _ = press(&f, .enter)
        type(&f, "f")
        _ = press(&f, .enter, .char("f"))
        #expect(f.step == .payment && f.remainingCents == 0)
        var model = F.mapModel({ var m = F.everyState(); m.prices = Self.prices; return m }(), width: 100, height: 30)
        (model, _) = F.press(model, .enter, .enter, .enter)
        #expect(render(model).text.contains("c cash  = exact  d card  D card+ref  i invoice  e external  f comp  u unpaid · Esc back"))
    }

    @Test func equalsTakesExactCashWithoutAskingWhatWasTendered() {
        var f = form([("A4", "Stalls")])
        _ = press(&f, .enter, .enter)
        _ = press(&f, .char("="))
        #expect(f.step == .payment && f.remainingCents == 0 && f.changeCents == 0)
        guard case .submit(_, _, let payments, false) = press(&f, .enter) else { Issue.record("not submitted"); return }
        #expect(payments == [.init(method: .cash, amountCents: 3200, tenderedCents: 3200)])
        #expect(SaleForm.terms(typeBySeat: [:], payments: payments).details.tenderedCents == 3200)
    }

    @Test func upInAnEmptyNameBringsBackTheLastCustomer() {
        var seatMap = F.everyState()
        seatMap.prices = Self.prices
        var model = F.mapModel(seatMap, width: 100, height: 30)
        let order = Order(id: 1, reference: "QX4K9P", performanceID: 7, customerName: "Ann Lee", customerContact: nil, clerk: F.me,
                          unixUser: F.me, idempotencyKey: nil, createdAt: Date(), cancelledAt: nil,
                          seats: [.init(seatID: 9, label: "B1", priceCents: 3200)], totalCents: 3200)
        (model, _) = update(model, .booked(BoxOffice.BookingOutcome(order: order, replay: false, warnings: [])))
        (model, _) = F.press(model, .escape, .enter)
        #expect(render(model).text.contains("▲ Ann Lee again"))
        (model, _) = F.press(model, .up)
        guard case .bookingForm(let form) = model.overlay else { Issue.record("no form"); return }
        #expect(form.sale?.name.text == "Ann Lee")
        // Only into an empty field: a name being typed is never replaced.
        var f = SaleForm(seats: [(label: "A4", band: "Stalls")], prices: Self.prices, currency: .gbp, lastCustomer: "Ann Lee")
        type(&f, "Bo")
        _ = press(&f, .up)
        #expect(f.name.text == "Bo")
    }

    @Test func thePickerBooksWithTheFormsTypesAndPayments() {
        var seatMap = F.everyState()
        seatMap.prices = Self.prices
        var model = F.mapModel(seatMap)
        var commands: [Command]
        (model, _) = F.press(model, .enter)
        guard case .bookingForm(let opened) = model.overlay else { Issue.record("no form"); return }
        let key = opened.idempotencyKey
        #expect(opened.sale?.lines.map(\.label) == ["A2"])
        (model, _) = F.type(model, "Bo")
        (model, _) = F.press(model, .enter, .char("k"), .enter, .char("c"))
        (model, _) = F.type(model, "20")
        (model, commands) = F.press(model, .enter)
        #expect(commands.isEmpty)
        guard case .bookingForm(let paying) = model.overlay else { Issue.record("no form"); return }
        #expect(paying.sale?.changeCents == 500)
        (model, commands) = F.press(model, .enter)
        #expect(commands == [.book(performanceID: 7, labels: ["A2"], customerName: "Bo", idempotencyKey: key,
                                   typeBySeat: ["A2": "Child"], payments: [.init(method: .cash, amountCents: 1500, tenderedCents: 2000)])])
        let text = render(model).text
        #expect(text.contains("Change: £5.00"))
        #expect(text.contains("Booking…"))
    }

    @Test func theStatusLineSaysHowManyUnpaidReservationsArePending() {
        var seatMap = F.everyState()
        seatMap.unpaidPending = 2
        #expect(render(F.mapModel(seatMap, width: 160)).text.contains("Unpaid pending 2"))
        #expect(!render(F.mapModel(F.everyState(), width: 160)).text.contains("Unpaid pending"))
    }
}
