import ArgumentParser
import Booking
import Foundation

struct CancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Cancel a booking (or some of its seats), freeing the seats and refunding them.",
        discussion: """
        The refund goes back to the methods paid, largest first, unless --refund names one (or none).

        With --performance and no reference, cancels and refunds every booking of that performance (a booking with \
        tickets of other performances too, after an exchange, keeps those). With a reference, --performance cancels only \
        that booking's tickets of that performance, and picks between two tickets of one seat label named by --seats.
        """)

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "The booking reference.") var reference: String?
    @Option(parsing: .upToNextOption, help: "Cancel only these seats of the booking.") var seats: [String] = []
    @Option(help: ArgumentHelp("Where the refund goes: cash, card or none (default: the methods paid).", valueName: "method"))
    var refund: String?
    @Option(help: "Why (kept in the audit log and the ledger).") var reason: String?
    @Option(help: "Cancel every booking of this performance (a cancelled show); with a reference, only its tickets of it.")
    var performance: Int64?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let box = try clerk.open()
        let choice = try refund.map(RefundChoice.parse) ?? .original
        if let performance, reference == nil {
            guard seats.isEmpty else {
                throw BookingError.invalidInput("--seats names seats of one booking: give its reference too (or leave out --seats to cancel the whole performance).")
            }
            guard refund != nil else {
                throw BookingError.invalidInput("Cancelling a whole performance needs --refund (cash, card, original or none) to say where its money goes.")
            }
            _ = try box.performance(id: performance)
            let results = try box.cancelPerformance(performance, refund: choice, reason: reason)
            if json { return try JSONOutput.print(results.map { OrderJSON($0.order, replay: nil) }) }
            let refunded = results.flatMap(\.refunds).reduce(0) { $0 + $1.amountCents }
            let kept = results.filter { !$0.order.isCancelled }.count
            return print("Cancelled \(results.count) booking\(results.count == 1 ? "" : "s") of performance \(performance); refunded \(Money.format(refunded, box.currency))."
                         + (kept > 0 ? " \(kept) of them keep\(kept == 1 ? "s" : "") tickets of other performances." : ""))
        }
        guard let reference else { throw BookingError.invalidInput("Name the booking reference (or --performance with --refund).") }
        let result = try box.cancel(reference: reference, labels: seats.isEmpty ? nil : seats, performanceID: performance,
                                    refund: choice, reason: reason)
        if json { return try JSONOutput.print(OrderJSON(result.order, replay: nil)) }
        let o = result.order
        if result.alreadyCancelled {
            print("Booking \(o.reference) was already cancelled (\(Format.timestamp(o.cancelledAt!))); nothing changed.")
        } else if o.isCancelled {
            print("Cancelled booking \(o.reference): \(result.freed.joined(separator: ", ")) \(result.freed.count == 1 ? "is" : "are") free again.\(OrderText.refunds(result.refunds, o.currency))"
                  + (OrderText.retainedCents(o) > 0 ? " \(Money.format(OrderText.retainedCents(o), o.currency)) retained, not refunded." : ""))
        } else {
            print("Cancelled \(result.freed.joined(separator: ", ")) of booking \(o.reference); it keeps \(OrderText.summary(o)).\(OrderText.refunds(result.refunds, o.currency))")
        }
    }
}
