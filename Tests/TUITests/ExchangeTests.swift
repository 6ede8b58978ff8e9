@testable import Booking
import Foundation
import Testing
@testable import TUI

/// Exchange in the picker as a pure state machine: `e` on a found booking, new seats chosen on the map (the banner
/// counting them), the form's difference paid or refunded, Esc backing out at every step with nothing changed.
@Suite struct ExchangeTests {
    typealias F = Fixtures

    /// B4 and B5 booked under BK7Q2M (two Adult Stalls tickets, £64.00 paid by card); nothing selected.
    static func bookedMap() -> SeatMap {
        var seatMap = F.freeMap()
        for label in ["B4", "B5"] { seatMap.states[seatMap.seats.firstIndex { $0.label == label }!] = .booked(reference: "BK7Q2M") }
        for label in ["E1", "E2"] { seatMap.states[seatMap.seats.firstIndex { $0.label == label }!] = .booked(reference: "CIRCL3") }
        seatMap.prices = SaleFormTests.prices
        return seatMap
    }

    static func order(_ reference: String = "BK7Q2M", labels: [String] = ["B4", "B5"], price: Int = 3200, paid: PaymentMethod = .card,
                      performanceID: Int64 = 7) -> Order {
        let lines = labels.enumerated().map { i, label in
            Order.Line(seatID: Int64(20 + i), label: label, priceCents: price, ticketID: Int64(100 + i), typeName: "Adult",
                       performanceID: performanceID, typeID: 1)
        }
        let total = price * labels.count
        return Order(id: 3, reference: reference, performanceID: performanceID, customerName: "Bo", customerContact: nil, clerk: "bob",
                     unixUser: "bob", idempotencyKey: nil, createdAt: Date(), cancelledAt: nil, seats: lines, totalCents: total,
                     payments: [Payment(method: paid, amountCents: total, kind: .payment, clerk: "bob", unixUser: "bob", at: Date())])
    }

    /// The map with `order` found (as after `/` and Enter).
    static func found(_ order: Order = order()) -> Model {
        var model = F.mapModel(bookedMap(), width: 100, height: 24)
        (model, _) = update(model, .key(.char("/")))
        (model, _) = update(model, .found(query: order.reference, [order]))
        return model
    }

    /// Space on a seat, and Redis's answer to the hold.
    static func hold(_ model: Model, _ label: String) -> (Model, [Command]) {
        var model = model
        model.map!.cursor = F.index(model, label)
        let (next, commands) = F.press(model, .char(" "))
        model = next
        if commands == [.hold(performanceID: 7, labels: [label], ttlMs: nil, purpose: .select)] {
            (model, _) = update(model, .held(performanceID: 7, labels: [label], ttlMs: 300_000, purpose: .select))
        }
        return (model, commands)
    }

    @Test func twoSeatsForTwoCheaperOnesWithTheRefundToCash() {
        var model = Self.found()
        var commands: [Command]
        (model, commands) = F.press(model, .char("e"))
        #expect(commands.isEmpty)
        #expect(model.map!.exchange?.moving == ["B4", "B5"])
        #expect(render(model).text.contains("EXCHANGE for BK7Q2M: B4 B5 → _ _ · 2 more seats to choose"))

        (model, commands) = Self.hold(model, "F1")
        #expect(commands == [.hold(performanceID: 7, labels: ["F1"], ttlMs: nil, purpose: .select)])
        #expect(render(model).text.contains("B4 B5 → F1 _ · 1 more seat to choose"))
        (model, commands) = F.press(model, .enter)
        #expect(commands.isEmpty && model.overlay == nil)
        #expect(model.message?.text.hasPrefix("Choose 1 more seat") == true)
        (model, _) = Self.hold(model, "F2")
        // A third seat is refused: each ticket moved gets one.
        (model, commands) = Self.hold(model, "F3")
        #expect(commands.isEmpty)
        #expect(model.message?.text.hasPrefix("All 2 new seats are chosen") == true)
        #expect(render(model).text.contains("B4 B5 → F1 F2 · Enter confirms"))

        (model, commands) = F.press(model, .enter)
        guard case .exchangeForm(let form) = model.overlay else { Issue.record("no exchange form"); return }
        #expect(form.pairs.map { [$0.from, $0.to] } == [["B4", "F1"], ["B5", "F2"]])
        #expect(form.newTotalCents == 4000 && form.refundCents == 2400 && form.collectCents == 0)
        let text = render(model).text
        #expect(text.contains("B4    £32.00     → F1    £20.00    Adult"))
        #expect(text.contains("Refund £24.00 to the methods paid"))
        (model, commands) = F.press(model, .enter, .char("c"))
        #expect(commands.isEmpty)
        #expect(render(model).text.contains("Refund £24.00 as cash"))
        (model, commands) = F.press(model, .enter)
        #expect(commands == [.exchange(reference: "BK7Q2M", performanceID: 7, from: ["B4", "B5"], to: ["F1", "F2"], payments: [],
                                       refundTo: .cash)])
        #expect(render(model).text.contains("Exchanging…"))

        var after = Self.order(labels: ["F1", "F2"], price: 2000)
        after.payments.append(Payment(method: .cash, amountCents: -2400, kind: .refund, clerk: F.me, unixUser: F.me, at: Date()))
        let result = ExchangeResult(order: after, fromPerformanceID: 7, moved: [("B4", "F1"), ("B5", "F2")], collected: [],
                                    refunds: [PlannedPayment(method: .cash, amountCents: 2400)])
        (model, _) = update(model, .exchanged(result, warnings: []))
        #expect(model.overlay == nil && model.map!.exchange == nil && model.map!.selection.isEmpty)
        #expect(model.map!.seatMap!.states[F.index(model, "B4")] == .free)
        #expect(model.map!.seatMap!.states[F.index(model, "F2")] == .booked(reference: "BK7Q2M"))
        #expect(model.map!.highlighted == [F.index(model, "F1"), F.index(model, "F2")])
        #expect(model.message?.text == "Exchanged BK7Q2M: B4→F1 B5→F2 · total £40.00; refunded £24.00 cash.")
        #expect(!render(model).text.contains("EXCHANGE for"))
    }

    @Test func escBacksOutOneStepAtATimeAndLastReleasesTheNewSeats() {
        var model = Self.found()
        var commands: [Command]
        var all: [Command] = []
        (model, _) = F.press(model, .char("e"))
        (model, _) = Self.hold(model, "F1")
        (model, _) = Self.hold(model, "F2")
        (model, commands) = F.press(model, .enter, .enter)             // the form, then its refund step
        all += commands
        guard case .exchangeForm(let form) = model.overlay, form.step == .refund else { Issue.record("no refund step"); return }
        (model, commands) = F.press(model, .escape)                    // back to the confirmation
        all += commands
        guard case .exchangeForm(let back) = model.overlay, back.step == .confirm else { Issue.record("not back to confirm"); return }
        (model, commands) = F.press(model, .escape)                    // back to the seats, still held
        all += commands
        #expect(model.overlay == nil && model.map!.exchange != nil && model.map!.selection == ["F1", "F2"])
        #expect(all.isEmpty)
        (model, commands) = F.press(model, .escape)                    // out: the new seats go back
        #expect(commands == [.release(performanceID: 7, labels: ["F1", "F2"], scope: .session)])
        #expect(model.map!.exchange == nil)
        #expect(model.message?.text == "Exchange for BK7Q2M not made: nothing changed. F1 F2 let go.")
        // The release's answer leaves that message alone.
        (model, _) = update(model, .released(performanceID: 7, labels: ["F1", "F2"]))
        #expect(model.message?.text == "Exchange for BK7Q2M not made: nothing changed. F1 F2 let go.")
        #expect(model.map!.seatMap!.states[F.index(model, "F1")] == .free)
        #expect(model.map!.seatMap!.states[F.index(model, "B4")] == .booked(reference: "BK7Q2M"))
    }

    @Test func aDearerSeatIsPaidInCashWithTheChangeShown() {
        var model = Self.found(Self.order(labels: ["F5"], price: 2000, paid: .cash))
        model.map!.seatMap!.states[F.index(model, "F5")] = .booked(reference: "BK7Q2M")
        var commands: [Command]
        (model, _) = F.press(model, .char("e"))
        (model, _) = Self.hold(model, "A5")
        (model, _) = F.press(model, .enter)
        #expect(render(model).text.contains("The customer pays £12.00"))
        (model, _) = F.press(model, .enter)
        guard case .exchangeForm(let paying) = model.overlay, paying.step == .pay else { Issue.record("no payment step"); return }
        #expect(!render(model).text.contains("u unpaid"))             // the difference must be paid now
        (model, commands) = F.press(model, .char("u"))
        #expect(commands.isEmpty)
        (model, _) = F.press(model, .char("c"))
        (model, _) = F.type(model, "20")
        (model, commands) = F.press(model, .enter)
        #expect(commands.isEmpty)
        #expect(render(model).text.contains("Change: £8.00"))
        (model, commands) = F.press(model, .enter)
        #expect(commands == [.exchange(reference: "BK7Q2M", performanceID: 7, from: ["F5"], to: ["A5"],
                                       payments: [.init(method: .cash, amountCents: 1200, tenderedCents: 2000)], refundTo: nil)])
        // Refused (another clerk sold A5 meanwhile): the form stays, says why, and the map is read again.
        (model, commands) = update(model, .exchangeFailed(Failure("Seat A5 is already booked (booking ZZ1).")))
        guard case .exchangeForm(let refused) = model.overlay else { Issue.record("the form closed"); return }
        #expect(refused.error == "Seat A5 is already booked (booking ZZ1)." && !refused.submitting)
        #expect(commands == [.loadSnapshot(performanceID: 7, reason: .resync)])
    }

    @Test func spaceOnTheBookingsOwnSeatKeepsThatTicketOrMovesItAgain() {
        var model = Self.found()
        (model, _) = F.press(model, .char("e"))
        model.map!.cursor = F.index(model, "B5")
        (model, _) = F.press(model, .char(" "))
        #expect(model.map!.exchange?.moving == ["B4"])
        #expect(render(model).text.contains("EXCHANGE for BK7Q2M: B4 → _ · 1 more seat to choose"))
        model.map!.cursor = F.index(model, "B4")
        (model, _) = F.press(model, .char(" "))
        #expect(model.map!.exchange?.moving == ["B4"])                 // at least one ticket moves
        model.map!.cursor = F.index(model, "B5")
        (model, _) = F.press(model, .char(" "))
        #expect(model.map!.exchange?.moving == ["B4", "B5"])
    }

    @Test func eIsRefusedForAnotherPerformanceACancelledBookingOrWithASelection() {
        var model = Self.found(Self.order(performanceID: 8))
        (model, _) = F.press(model, .char("e"))
        #expect(model.map!.exchange == nil)
        #expect(model.message?.text.hasPrefix("Booking BK7Q2M is for performance 8") == true)

        var cancelled = Self.order()
        cancelled.cancelledAt = Date()
        model = Self.found(cancelled)
        (model, _) = F.press(model, .char("e"))
        #expect(model.map!.exchange == nil && model.message?.text.contains("is cancelled") == true)

        model = Self.found()
        (model, _) = Self.hold(model, "F1")
        (model, _) = F.press(model, .char("e"))
        #expect(model.map!.exchange == nil && model.message?.text.hasPrefix("Book or clear (x) your selection first") == true)

        model = F.mapModel(Self.bookedMap())
        (model, _) = F.press(model, .char("e"))
        #expect(model.message?.text.hasPrefix("Find a booking with / first") == true)
    }

    @Test func eInTheListOfResultsExchangesTheChosenBooking() {
        var model = F.mapModel(Self.bookedMap(), width: 100, height: 24)
        (model, _) = F.press(model, .char("/"))
        (model, _) = update(model, .found(query: "Bo", [Self.order("CIRCL3", labels: ["E1", "E2"], price: 2000), Self.order()]))
        (model, _) = F.press(model, .down, .char("e"))
        #expect(model.overlay == nil)
        #expect(model.map!.exchange?.order.reference == "BK7Q2M")
        #expect(model.map!.highlighted == [F.index(model, "B4"), F.index(model, "B5")])
    }

    @Test func aTypeNotSoldInTheNewBandIsRefusedBeforeAnythingIsAsked() {
        var order = Self.order(labels: ["B4"])
        order.tickets[0].typeID = 3
        order.tickets[0].typeName = "Child"                             // no Child price in the Circle
        var model = Self.found(order)
        (model, _) = F.press(model, .char("e"))
        (model, _) = Self.hold(model, "F1")
        (model, _) = F.press(model, .enter)
        #expect(model.overlay == nil)
        #expect(model.message?.text == "Child is not sold for F1 (band Circle); on sale there: Adult, Complimentary.")
    }
}

/// A mixed booking (some tickets moved to another performance from the command line): the picker shows and exchanges
/// only the tickets of the performance on screen, and leaves the others alone.
@Suite struct MixedBookingPickerTests {
    typealias F = Fixtures

    /// BK7Q2M: B4 for performance 7 (the map's), B5 moved to performance 9.
    static func mixed() -> Order {
        var order = ExchangeTests.order()
        order.tickets[1].performanceID = 9
        return order
    }

    @Test func theMapHighlightsOnlyThisPerformancesSeatsAndSaysWhereTheOthersAre() {
        var seatMap = ExchangeTests.bookedMap()
        seatMap.states[seatMap.seats.firstIndex { $0.label == "B5" }!] = .free     // B5 of performance 7 is not the booking's
        var model = F.mapModel(seatMap, width: 100, height: 24)
        (model, _) = update(model, .key(.char("/")))
        (model, _) = update(model, .found(query: "BK7Q2M", [Self.mixed()]))
        #expect(model.map!.highlighted == [F.index(model, "B4")])
        #expect(model.message?.text.contains("B5 (performance 9)") == true)
    }

    @Test func eMovesOnlyThisPerformancesTicketsWithinIt() {
        var model = ExchangeTests.found(Self.mixed())
        var commands: [Command]
        (model, commands) = F.press(model, .char("e"))
        #expect(commands.isEmpty)
        #expect(model.map!.exchange?.moving == ["B4"])
        (model, _) = ExchangeTests.hold(model, "F1")
        (model, commands) = F.press(model, .enter)
        guard case .exchangeForm(let form) = model.overlay else { Issue.record("no exchange form"); return }
        #expect(form.pairs.map { [$0.from, $0.to] } == [["B4", "F1"]])
        #expect(form.performanceID == 7)
        (model, commands) = F.press(model, .enter, .enter)
        #expect(commands == [.exchange(reference: "BK7Q2M", performanceID: 7, from: ["B4"], to: ["F1"], payments: [], refundTo: nil)])
        // The booking layer's answer: B4 of this map is free, F1 the booking's; B5 of performance 9 is not this map's.
        var after = Self.mixed()
        after.tickets[0].label = "F1"
        let result = ExchangeResult(order: after, fromPerformanceID: 7, moved: [("B4", "F1")], collected: [], refunds: [])
        (model, _) = update(model, .exchanged(result, warnings: []))
        #expect(model.map!.seatMap!.states[F.index(model, "B4")] == .free)
        #expect(model.map!.seatMap!.states[F.index(model, "F1")] == .booked(reference: "BK7Q2M"))
        #expect(model.map!.seatMap!.states[F.index(model, "B5")] == .booked(reference: "BK7Q2M"))  // the map's own B5 (fixture), untouched
        #expect(model.map!.highlighted == [F.index(model, "F1")])
    }
}
