import ArgumentParser
import Booking
import Foundation

struct CheckinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkin", abstract: "Admit a ticket at the door by its code (or `-`: codes from standard input, one a line).",
        discussion: """
        Names the seat, the performance and the type. Codes are read without regard to case, spaces or dashes.

        Exit codes: 0 admitted; 2 already admitted (when and by which door); 1 cancelled, exchanged, unpaid \
        ("collect payment first"), for another performance, unknown, or a mistyped code.

        With `-` (a barcode scanner types the codes), prints one line per code and exits 0 when the input ends. \
        The door's name is the clerk's (--clerk door2, or BOXOFFICE_CLERK).
        """)

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "The ticket's code, or - to read codes from standard input.") var code: String
    @Option(help: "Admit only tickets of this performance (default: the ticket's own).") var performance: Int64?

    func validate() throws {
        if code == "-" && performance == nil {
            throw ValidationError("Reading codes from standard input needs --performance, so every ticket is checked against tonight's show.")
        }
    }

    func run() throws {
        let box = try clerk.open()
        if code != "-" {
            let outcome = try box.checkin(code, performanceID: performance)
            print(outcome.line())
            if let kind = outcome.kind { throw ExitCode(kind.exitCode) }
            return
        }
        if let performance { _ = try box.doorCount(performanceID: performance) }  // an unknown performance: say so once
        while let line = readLine(strippingNewline: true) {
            if line.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { continue }
            do {
                say(try box.checkin(line, performanceID: performance).line())
            } catch let error as BookingError where error.kind == .unavailable {
                // The database is busy or gone: say so for this code and keep reading; the steward scans it again.
                say("\(SafeText.display(line, limit: 24)): not checked — \(error.description)")
            }
        }
    }

    /// One line per scan, written as it happens (unbuffered), even into a pipe.
    private func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
}
