import ArgumentParser
import Booking
import Foundation

struct CancelPerformance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Cancel a performance for good and list every booking of it, with contact details.",
        discussion: "Sales stop for good. The bookings stay until refunded: contact each customer, then cancel or refund each booking.")

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "Performance id.") var id: Int64
    @Option(help: "Why (shown to clerks; customers will ask).") var reason: String
    @Flag(help: "Print the bookings as JSON.") var json = false

    func run() throws {
        let result = try clerk.open().cancelPerformance(id: id, reason: reason)
        if json { return try JSONOutput.print(result.bookings.map { OrderJSON($0, replay: nil) }) }
        let p = result.performance
        let was = result.alreadyCancelled ? "was already cancelled" : "is cancelled"
        print("Performance \(p.id) (\(p.title), \(Format.startTime(p.startsAt))) \(was): \(p.cancelReason ?? reason).")
        if result.bookings.isEmpty { return print("It has no bookings to contact.") }
        print("\(result.bookings.count) booking\(result.bookings.count == 1 ? "" : "s") to contact and refund:")
        var table = TextTable("BOOKING", "CUSTOMER", "CONTACT", "SEATS", "TOTAL", rightAligned: [4])
        for o in result.bookings {
            table.add(o.reference, o.customerName ?? "–", o.customerContact ?? "–", o.seats.map(\.label).joined(separator: " "),
                      Format.money(cents: o.totalCents))
        }
        print(table.text)
    }
}
