import ArgumentParser
import Booking
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Cash-up and sales reports: a table, --json or --csv (RFC 4180).",
        subcommands: [ReportShiftCommand.self, ReportPerformanceCommand.self, ReportSalesCommand.self])
}

/// How every report can print itself.
struct ReportFormatOptions: ParsableArguments {
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Print CSV (RFC 4180: CRLF line ends, quoted where needed).") var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("Choose one of --json and --csv.") }
    }

    /// Writes the report in the chosen form.
    func emit<T: Encodable>(json value: T, csv: () -> String, table: () -> String) throws {
        if json { return try JSONOutput.print(value) }
        if self.csv { return FileHandle.standardOutput.write(Data(csv().utf8)) }
        print(table(), terminator: "")
    }
}
