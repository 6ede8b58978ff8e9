import ArgumentParser
import Booking
import Foundation
import Tickets
import TUI

struct TuiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui", abstract: "Open the seat picker (the default): the performance chooser, or a theater's seat map.")

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "Theater id or name: open its seat map directly.") var theater: String?
    @Option(help: "Performance id.") var performance: Int64?
    @Flag(help: "ASCII glyphs only (for terminals or fonts without the symbols).") var ascii = false

    func run() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw BookingError.invalidInput("The seat picker needs a terminal. For scripts, use the commands in `boxoffice --help`.")
        }
        // From here on the terminal is the picker's: log records go to the clerk's own file, and the message line
        // names it when a warning is written there.
        let notices = LogNotices()
        let log = Logs.toClerkFile { notices.post($0) }.mapError { LogUnavailable(reason: $0.description) }
        let box = try clerk.open(connections: .pool)
        var start = StartScreen.chooser
        if let theater {
            let (p, _) = try box.resolvePerformance(theater: try box.resolveTheater(theater), id: performance, purpose: .view)
            start = .performance(p.id)
        } else if let performance {
            start = .performance(try box.performance(id: performance).id)
        }
        // `p` prints through the ticket renderers, which only the command line links (cairo is loaded on the first PDF).
        let destination = TicketPrinter.destination(environment: Config.currentEnvironment)
        let printTickets: TicketPrinting = { reference in
            try TicketPrinter.print(box, reference: reference, to: destination).message
        }
        let code = try runSeatPicker(box: box, startAt: start,
                                     options: TUIOptions(ascii: ascii, log: log, logNotices: notices, printTickets: printTickets))
        if code != 0 { throw ExitCode(code) }
        offerShift(box)
    }

    /// Quitting offers the clerk's shift without asking for a key (a quick quit stays one key): once the terminal is
    /// the shell's again, the same table as `boxoffice report shift --clerk <me>` (`$` in the picker), when there is
    /// anything in it today.
    private func offerShift(_ box: BoxOffice) {
        guard let report = try? box.shiftReport(clerk: box.clerk.name, since: nil, until: nil, floatCents: 0, countedCents: nil),
              !report.shifts.isEmpty else { return }
        print("Before you go, your shift so far (boxoffice report shift --clerk \(SafeText.display(box.clerk.name, limit: 40))):")
        print(ShiftReport.table(report.shifts, since: report.since, until: report.until, money: box.formatMoney), terminator: "")
    }
}
