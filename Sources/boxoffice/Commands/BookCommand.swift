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
        if json { return JSONOutput.print(OrderJSON.json(outcome.order, replay: outcome.replay)) }
        let o = outcome.order
        let again = outcome.replay ? " (already booked with this key; nothing new was booked)" : ""
        print("Booked \(o.seats.map(\.label).joined(separator: ", ")) · \(Format.money(cents: o.totalCents)) · booking reference \(o.reference)\(again)")
    }
}
