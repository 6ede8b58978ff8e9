import ArgumentParser
import Booking
import Foundation
import Tickets

struct TicketCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticket", abstract: "Print a booking's tickets: text for a receipt printer or a terminal, or PDF.",
        discussion: """
        text: 42 columns, the code as a QR code in half blocks (in a locale that is not UTF-8: the code alone, large).

        pdf: one ticket per A6 page with its QR code; give --out FILE (or send standard output to a file or to lp).

        Every print after the first is a reprint, counted in the audit log.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, pdf }

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "The booking reference.") var reference: String
    @Option(help: "text or pdf.") var format: Format = .text
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var out: String?

    func run() throws {
        let box = try clerk.open()
        let (order, tickets) = try box.printableTickets(reference: reference)
        guard !tickets.isEmpty else { throw BookingError.invalidInput("Booking \(order.reference) has no active tickets to print.") }
        if format == .pdf && out == nil && isatty(STDOUT_FILENO) == 1 {
            throw BookingError.invalidInput("A PDF is not for the terminal: give --out FILE, or send standard output to a file or to lp.")
        }
        let bytes: [UInt8]
        do {
            switch format {
            case .text: bytes = Array(try TextTicket.render(tickets, charset: TerminalCharset.current).utf8)
            case .pdf: bytes = try PDFTicket.render(tickets, title: "Booking \(order.reference)")
            }
        } catch let error as CairoError {
            FileHandle.standardError.write(Data("boxoffice: \(error)\n".utf8))
            throw ExitCode(3)
        }
        try OutputFile.write(bytes, to: out)
        let number = try box.recordPrint(order, format: format.rawValue)
        if let out {
            let which = number == 1 ? "" : " (reprint \(number - 1))"
            FileHandle.standardError.write(Data("\(tickets.count) ticket\(tickets.count == 1 ? "" : "s") of booking \(order.reference) written to \(out)\(which).\n".utf8))
        }
    }
}
