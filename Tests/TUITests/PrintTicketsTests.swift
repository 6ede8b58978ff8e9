@testable import Booking
import Foundation
import Testing
@testable import TUI

/// `p` after a booking and on a booking found: the picker asks for the tickets to be printed and says where they
/// went (or why not) on the message line. The printing itself is the command line's (TicketPrinterTests).
@Suite struct PrintTicketsTests {
    typealias F = Fixtures

    static func order(_ reference: String = "QX4K9P", cancelled: Bool = false) -> Order {
        Order(id: 1, reference: reference, performanceID: 7, customerName: "Ann Lee", customerContact: nil,
              clerk: F.me, unixUser: "alice", idempotencyKey: nil, createdAt: Date(), cancelledAt: cancelled ? Date() : nil,
              seats: [.init(seatID: 2, label: "A2", priceCents: 3200)], totalCents: 3200)
    }

    @Test func pOnTheBookedResultPrintsAndTheMessageLineSaysWhere() {
        var model = F.mapModel()
        (model, _) = update(model, .booked(BoxOffice.BookingOutcome(order: Self.order(), replay: false, warnings: [])))
        var commands: [Command]
        (model, commands) = F.press(model, .char("p"))
        #expect(commands == [.printTickets(reference: "QX4K9P")])
        guard case .bookingResult = model.overlay else { Issue.record("the result stays open while printing"); return }
        #expect(model.message?.text == "Printing the tickets of QX4K9P…")
        (model, _) = update(model, .printed(reference: "QX4K9P", .success("Saved 1 ticket of QX4K9P as ~/t/QX4K9P.pdf.")))
        #expect(model.message == Message("Saved 1 ticket of QX4K9P as ~/t/QX4K9P.pdf.", .ok))
        // Again: a reprint is allowed (the booking layer counts it).
        (model, commands) = F.press(model, .char("p"))
        #expect(commands == [.printTickets(reference: "QX4K9P")])
        // The result's hint names the key.
        #expect(render(model).text.contains("p print tickets"))
    }

    @Test func aFailureIsSaidInPlainWords() {
        var model = F.mapModel()
        (model, _) = update(model, .printed(reference: "QX4K9P",
                                            .failure(Failure("Printer box1 did not take the tickets: lp: The printer or class does not exist."))))
        #expect(model.message == Message("Tickets of QX4K9P not printed: Printer box1 did not take the tickets: "
                                         + "lp: The printer or class does not exist.", .error))
    }

    @Test func pOnAFoundBookingPrintsItsTickets() {
        var model = F.mapModel()
        var commands: [Command]
        (model, commands) = F.press(model, .char("p"))
        #expect(commands.isEmpty)
        #expect(model.message?.text.contains("p then prints") == true)
        (model, _) = F.press(model, .char("/"))
        (model, _) = F.type(model, "QX4K9P")
        (model, _) = F.press(model, .enter)
        (model, _) = update(model, .found(query: "QX4K9P", [Self.order()]))
        #expect(model.message?.text.contains("p prints its tickets") == true)
        (model, commands) = F.press(model, .char("p"))
        #expect(commands == [.printTickets(reference: "QX4K9P")])
    }

    @Test func aCancelledBookingIsNotSentToThePrinter() {
        var model = F.mapModel()
        (model, _) = F.press(model, .char("/"))
        (model, _) = F.type(model, "QX4K9P")
        (model, _) = F.press(model, .enter)
        (model, _) = update(model, .found(query: "QX4K9P", [Self.order(cancelled: true)]))
        let (after, commands) = F.press(model, .char("p"))
        #expect(commands.isEmpty)
        #expect(after.message?.text == "Booking QX4K9P is cancelled: it has no tickets to print.")
    }
}
