import ArgumentParser
import Booking
import Foundation

struct FindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "find", abstract: "Find bookings by reference or customer name.")

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "A booking reference, or part of a customer's name.") var text: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let orders = try clerk.open().find(text)
        if json { return try JSONOutput.print(orders.map { OrderJSON($0, replay: nil) }) }
        if orders.isEmpty { return print("No booking matches \"\(SafeText.display(text, limit: 40))\".") }
        var table = TextTable("REFERENCE", "PERF", "CUSTOMER", "SEATS", "TOTAL", "CLERK", "BOOKED", "STATUS", rightAligned: [1, 4])
        for o in orders {
            // A mixed booking (tickets of several performances after an exchange) lists each performance and its seats.
            table.add(o.reference, o.performanceIDs.map(String.init).joined(separator: ","), o.customerName ?? "",
                      o.describeSeats(),
                      Format.money(cents: o.totalCents), o.clerk, Format.timestamp(o.createdAt),
                      o.cancelledAt.map { "cancelled \(Format.timestamp($0))" } ?? "active")
        }
        print(table.text)
    }
}
