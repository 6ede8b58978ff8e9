import ArgumentParser
import Booking
import Foundation

struct ExchangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exchange", abstract: "Move a booking's tickets to other seats in one step, keeping its reference.",
        discussion: """
        Old and new seats pair up in order (all the booking's seats unless --seats names some). Each ticket keeps its \
        type, priced for its new seat; the difference is paid (--pay) or refunded (--refund, default the methods paid).

        The new seats are taken and the old freed together, or nothing changes. Some tickets may move to another \
        performance: the booking then holds tickets of both, each for its own performance, under one reference.

        Example: exchange QX4K9P --to F7 F8 --performance 3 --pay card
        """)

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "The booking reference.") var reference: String
    @Option(parsing: .upToNextOption, help: "The new seats.") var to: [String] = []
    @Option(parsing: .upToNextOption, help: "The booking's seats to move (default: all).") var seats: [String] = []
    @Option(help: "Move to this performance (default: the performance of the tickets moved).") var performance: Int64?
    @Option(name: .customLong("from-performance"),
            help: ArgumentHelp("Move only tickets of this performance (when the booking has one seat label in two).", valueName: "id"))
    var fromPerformance: Int64?
    @Option(name: .customLong("holdback-code"), help: "The code of held-back new seats (house seats, press): they are taken only with it.")
    var holdbackCode: String?
    @OptionGroup var payment: PaymentOptions
    @Option(help: ArgumentHelp("Where money owed back goes: cash, card or none (default: the methods paid).", valueName: "method"))
    var refund: String?
    @Flag(help: "Print the booking as JSON.") var json = false

    func run() throws {
        let box = try clerk.open()
        guard !to.isEmpty else { throw BookingError.invalidInput("Name the new seats with --to.") }
        let currency = box.currency
        let (result, warnings) = try box.exchange(reference: reference, fromLabels: seats.isEmpty ? nil : seats, toLabels: to,
                                                  toPerformanceID: performance, fromPerformanceID: fromPerformance, payments: try payment.requests(currency),
                                                  details: try payment.details(currency, reason: nil),
                                                  refund: try refund.map(RefundChoice.parse) ?? .original,
                                                  holdbackCode: holdbackCode)
        for warning in warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        if json { return try JSONOutput.print(OrderJSON(result.order, replay: nil)) }
        let o = result.order
        var text = "Exchanged \(result.moved.map { "\($0.from) → \($0.to)" }.joined(separator: ", ")) on booking \(o.reference)"
        if result.freedByPerformance.contains(where: { $0.performanceID != result.toPerformanceID }) {
            text += o.isMixed ? " (to performance \(result.toPerformanceID))" : " (now performance \(result.toPerformanceID))"
        }
        text += ": \(OrderText.summary(o))."
        if !result.collected.isEmpty {
            text += " Took " + result.collected.map { "\(Money.format($0.amountCents, currency)) by \($0.method.rawValue)" }.joined(separator: " and ") + "."
        }
        print(text + OrderText.refunds(result.refunds, currency))
    }
}
