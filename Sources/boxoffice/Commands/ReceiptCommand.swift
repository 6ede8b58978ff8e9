import ArgumentParser
import Booking
import Foundation
import Tickets

struct ReceiptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipt", abstract: "Print a booking's receipt: tickets, types, prices, payments, refunds and change.")

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "The booking reference.") var reference: String
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var out: String?

    func run() throws {
        let (order, performance) = try clerk.open().receipt(reference: reference)
        try OutputFile.write(Array(ReceiptText.render(order, performance: performance, charset: TerminalCharset.current).utf8), to: out)
    }
}
