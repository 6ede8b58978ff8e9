@testable import Booking
import Foundation
import Testing
@testable import TUI

/// A customer returning some tickets at the window: `c` on a found booking lists its seats of the performance shown,
/// all chosen; Space or a seat's number keeps it; the refund shown is the chosen tickets' (the booking layer's rule);
/// `y` cancels those seats only, as `boxoffice cancel <ref> --seats` does.
@Suite struct CancelSeatsTests {
    typealias F = Fixtures

    /// Three Adult tickets B4 B5 B6 at £32.00, paid £96.00: £60.00 by card, £36.00 cash.
    static func order(performanceID: Int64 = 7, extra: [Order.Line] = []) -> Order {
        let lines = ["B4", "B5", "B6"].enumerated().map { i, label in
            Order.Line(seatID: Int64(20 + i), label: label, priceCents: 3200, ticketID: Int64(100 + i), performanceID: performanceID)
        } + extra
        let total = lines.reduce(0) { $0 + $1.priceCents }
        let paid = [Payment(method: .card, amountCents: total - 3600, kind: .payment, clerk: "bob", unixUser: "bob", at: Date()),
                    Payment(method: .cash, amountCents: 3600, kind: .payment, clerk: "bob", unixUser: "bob", at: Date())]
        return Order(id: 3, reference: "BK7Q2M", performanceID: performanceID, customerName: "Bo", customerContact: nil, clerk: "bob",
                     unixUser: "bob", idempotencyKey: nil, createdAt: Date(), cancelledAt: nil, seats: lines, totalCents: total,
                     payments: paid)
    }

    static func found(_ order: Order) -> Model {
        var seatMap = F.freeMap()
        for label in ["B4", "B5", "B6"] { seatMap.states[seatMap.seats.firstIndex { $0.label == label }!] = .booked(reference: "BK7Q2M") }
        var model = F.mapModel(seatMap, width: 100, height: 24)
        (model, _) = update(model, .key(.char("/")))
        (model, _) = update(model, .found(query: order.reference, [order]))
        return model
    }

    @Test func choosingOneSeatOfThreeCancelsOnlyItAndShowsItsRefund() {
        let order = Self.order()
        var model = Self.found(order)
        var commands: [Command]
        (model, commands) = F.press(model, .char("c"))
        #expect(commands.isEmpty)
        // All three go by default, refunded to the methods paid, largest first.
        #expect(render(model).text.contains("1[x]B4 2[x]B5 3[x]B6"))
        #expect(render(model).text.contains("Refund £60.00 card, £36.00 cash"))
        // Keep B4 (its number) and B6 (Space under the cursor, moved there): only B5 goes.
        (model, _) = F.press(model, .char("1"), .right, .right, .char(" "))
        let screen = render(model).text
        #expect(screen.contains("1[ ]B4 2[x]B5 3[ ]B6"))
        #expect(screen.contains("1 of 3 tickets"))
        #expect(screen.contains("Refund £32.00 card (to the methods paid)"))
        #expect(screen.contains("y cancel that ticket"))
        (model, commands) = F.press(model, .char("y"))
        #expect(commands == [.cancel(reference: "BK7Q2M", labels: ["B5"], performanceID: 7)])

        // The booking layer's answer: B5 free, B4 and B6 still the booking's and still found.
        var after = order
        after.tickets[1].status = .cancelled
        after.totalCents = 6400
        let outcome = BoxOffice.CancelOutcome(order: after, alreadyCancelled: false, refunds: [PlannedPayment(method: .card, amountCents: 3200)],
                                              freedByPerformance: [(7, ["B5"])])
        (model, _) = update(model, .cancelled(outcome))
        #expect(model.overlay == nil)
        #expect(model.map!.seatMap!.states[F.index(model, "B5")] == .free)
        #expect(model.map!.seatMap!.states[F.index(model, "B4")] == .booked(reference: "BK7Q2M"))
        #expect(model.map!.highlighted == [F.index(model, "B4"), F.index(model, "B6")])
        #expect(model.message?.text == "Cancelled BK7Q2M (1 ticket; B4 B6 kept), refunded £32.00 card: B5 is free again.")
    }

    @Test func thePreviewIsTheBookingLayersRefundRule() {
        // The picker shows what the store will refund: the same function, for any choice.
        let order = Self.order()
        var confirm = ConfirmCancel(order: order, performanceID: 7)
        _ = confirm.handleKey(.char("1"))
        let going = order.tickets.filter { $0.label != "B4" }
        #expect(confirm.plannedRefunds.map(\.amount) == order.plannedRefunds(cancelling: going).map(\.amount))
        #expect(order.refundOwed(cancelling: going) == 6400)
    }

    @Test func noSeatChosenCancelsNothingAndEscBacksOut() {
        var model = Self.found(Self.order())
        var commands: [Command]
        (model, _) = F.press(model, .char("c"), .char("1"), .char("2"), .char("3"))
        #expect(render(model).text.contains("No seat chosen: y cancels nothing."))
        (model, commands) = F.press(model, .char("y"))
        #expect(commands.isEmpty)
        #expect(model.message?.text.contains("Choose at least one seat") == true)
        (model, commands) = F.press(model, .escape)
        #expect(commands.isEmpty && model.overlay == nil)
        #expect(model.message?.text == "Booking BK7Q2M was not cancelled.")
    }

    @Test func aMixedBookingOffersOnlyThePerformanceShownAndSaysSo() {
        let elsewhere = Order.Line(seatID: 40, label: "C1", priceCents: 3200, ticketID: 140, performanceID: 8)
        var model = Self.found(Self.order(extra: [elsewhere]))
        var commands: [Command]
        (model, _) = F.press(model, .char("c"))
        let screen = render(model).text
        #expect(screen.contains("1[x]B4 2[x]B5 3[x]B6"))
        #expect(!screen.contains("[x]C1"))
        #expect(screen.contains("3 of 3 tickets"))
        #expect(screen.contains("performance 8 kept"))
        (model, commands) = F.press(model, .char("y"))
        #expect(commands == [.cancel(reference: "BK7Q2M", labels: ["B4", "B5", "B6"], performanceID: 7)])
    }
}
