import ArgumentParser
import Booking
import Foundation

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "List the audit log: who did what, and when.")

    @OptionGroup var clerk: ClerkOptions
    @Option(help: "Only entries from this local time on (YYYY-MM-DD HH:MM).") var since: String?
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Also list holds, leases and releases, as Redis keeps them for a while.") var holds = false

    func run() throws {
        var start: Date?
        if let since {
            guard let d = Format.parseStart(since) else {
                throw BookingError.invalidInput("--since must be a local time as YYYY-MM-DD HH:MM (not \"\(SafeText.display(since, limit: 30))\").")
            }
            start = d
        }
        let (entries, warning) = try clerk.open().auditLog(since: start, includingHolds: holds)
        if let warning { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        if json { return JSONOutput.print(.array(entries.map(AuditJSON.json))) }
        var table = TextTable("WHEN", "CLERK", "UNIX USER", "ACTION", "PERF", "REFERENCE", "SEATS", "DETAIL")
        for e in entries {
            table.add(Format.timestamp(e.at), e.clerk, e.unixUser, e.action, e.performanceID.map { "\($0)" } ?? "",
                      e.reference ?? "", e.seats ?? "", e.detail ?? "")
        }
        print(table.text)
    }
}
