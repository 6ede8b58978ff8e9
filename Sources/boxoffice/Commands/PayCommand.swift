import ArgumentParser
import Booking
import Foundation

struct PayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pay", abstract: "Pay what is due on an unpaid booking.",
        discussion: "Example: pay QX4K9P --pay cash --tendered 50")

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "The booking reference.") var reference: String
    @OptionGroup var payment: PaymentOptions
    @Option(help: "Why it is complimentary (with --pay complimentary).") var reason: String?
    @Flag(help: "Print the booking as JSON.") var json = false

    func run() throws {
        let box = try clerk.open()
        let currency = box.currency
        let order = try box.pay(reference: reference, payments: try payment.requests(currency),
                                details: try payment.details(currency, reason: reason))
        if json { return try JSONOutput.print(OrderJSON(order, replay: nil)) }
        print("Booking \(order.reference): \(OrderText.summary(order))")
    }
}
