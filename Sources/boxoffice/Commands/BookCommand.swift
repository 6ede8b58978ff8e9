import ArgumentParser
import Booking
import Foundation

struct BookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "book", abstract: "Book seats that are free or held by you (all or none); prints the booking reference.",
        discussion: "With --key, booking again with the same key returns the same booking unchanged (exit 0).")

    @OptionGroup var clerk: ClerkOptions
    @OptionGroup var target: PerformanceOptions
    @Argument(help: "Seat labels, such as C12.") var seats: [String] = []
    @Option(help: "The customer's name.") var name: String?
    @Option(help: "The customer's phone or email.") var contact: String?
    @Option(help: "Idempotency key: repeating the booking with it books nothing twice.") var key: String?
    @Flag(help: "Print the whole booking as JSON.") var json = false

    func run() throws {
        let box = try clerk.open()
        let (performance, _) = try target.resolve(box, purpose: .sell)
        let outcome = try box.book(performanceID: performance.id, labels: seats, customerName: name,
                                   customerContact: contact, idempotencyKey: key)
        for warning in outcome.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        if json { return try JSONOutput.print(OrderJSON(outcome.order, replay: outcome.replay)) }
        let o = outcome.order
        let again = outcome.replay ? " (already booked with this key; nothing new was booked)" : ""
        print("Booked \(o.seats.map(\.label).joined(separator: ", ")) · \(Format.money(cents: o.totalCents)) · booking reference \(o.reference)\(again)")
    }
}

struct CancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel a booking, freeing its seats.")

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "The booking reference.") var reference: String

    func run() throws {
        let outcome = try clerk.open().cancel(reference: reference)
        let o = outcome.order
        if outcome.alreadyCancelled {
            print("Booking \(o.reference) was already cancelled (\(Format.timestamp(o.cancelledAt!))); nothing changed.")
        } else {
            print("Cancelled booking \(o.reference): \(o.seats.map(\.label).joined(separator: ", ")) are free again.")
        }
    }
}

struct FindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "find", abstract: "Find bookings by reference or customer name.")

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "A booking reference, or part of a customer's name.") var text: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let orders = try clerk.open().find(text)
        if json { return try JSONOutput.print(orders.map { OrderJSON($0, replay: nil) }) }
        if orders.isEmpty { return print("No booking matches \"\(SafeText.display(text, limit: 40))\".") }
        var table = Table("REFERENCE", "PERF", "CUSTOMER", "SEATS", "TOTAL", "CLERK", "BOOKED", "STATUS", rightAligned: [1, 4])
        for o in orders {
            table.add(o.reference, "\(o.performanceID)", o.customerName ?? "", o.seats.map(\.label).joined(separator: " "),
                      Format.money(cents: o.totalCents), o.clerk, Format.timestamp(o.createdAt),
                      o.cancelledAt.map { "cancelled \(Format.timestamp($0))" } ?? "active")
        }
        print(table.text)
    }
}

struct OrderJSON: Encodable {
    var reference: String, performanceId: Int64, customerName: String?, customerContact: String?
    var clerk: String, unixUser: String, idempotencyKey: String?, createdAt: Date, cancelledAt: Date?
    var seats: [Line], totalCents: Int, total: String, replay: Bool?
    struct Line: Encodable { var seatNumber: String, priceCents: Int }

    init(_ o: Order, replay: Bool?) {
        reference = o.reference; performanceId = o.performanceID; customerName = o.customerName
        customerContact = o.customerContact; clerk = o.clerk; unixUser = o.unixUser; idempotencyKey = o.idempotencyKey
        createdAt = o.createdAt; cancelledAt = o.cancelledAt; totalCents = o.totalCents; total = Format.money(cents: o.totalCents)
        seats = o.seats.map { Line(seatNumber: $0.label, priceCents: $0.priceCents) }
        self.replay = replay
    }
}
