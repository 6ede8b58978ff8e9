import ArgumentParser
import Booking
import Foundation

struct ReportShiftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shift", abstract: "Cash-up: per clerk, bookings, tickets by type, takings and refunds by method, net, expected cash.",
        discussion: """
        From the start of today unless --since; until now unless --until (times: 2026-11-30, 2026-11-30 18:00, 18:00).

        Expected cash = the float + cash taken − cash refunded. --count compares a counted drawer and shows over/short; \
        it is one drawer, so it needs one clerk (--clerk, or BOXOFFICE_CLERK / the login name when --clerk is not given).
        """)

    @Option(help: "Only this clerk's shift.") var clerk: String?
    @Option(help: ArgumentHelp("From this time (default: the start of today).", valueName: "time")) var since: String?
    @Option(help: ArgumentHelp("Up to this time (default: now).", valueName: "time")) var until: String?
    @Option(name: .customLong("float"), parsing: .unconditional, help: ArgumentHelp("The cash the drawer started with, e.g. 100 or 100.00.", valueName: "amount"))
    var float: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("The cash counted in the drawer at the end.", valueName: "amount")) var count: String?
    @OptionGroup var format: ReportFormatOptions

    func run() throws {
        let who = try clerk ?? (count != nil ? Clerk.current(named: nil).name : nil)
        let box = try ClerkOptions(clerk: who).open()
        let floatCents = try float.map { try box.parseMoney($0, field: "--float") } ?? 0
        let countedCents = try count.map { try box.parseMoney($0, field: "--count") }
        let report = try box.shiftReport(clerk: who,
                                         since: try since.map { try ReportWindow.parse($0, field: "--since") },
                                         until: try until.map { try ReportWindow.parse($0, field: "--until") },
                                         floatCents: floatCents, countedCents: countedCents)
        if countedCents != nil && report.shifts.isEmpty {
            // Nothing sold, but the drawer was counted: still show over/short against the float.
            let empty = ShiftReport.build(ShiftFacts(bookings: [], ledger: [.init(clerk: who!, method: "cash", amountCents: 0)]),
                                          floatCents: floatCents, countedCents: countedCents)
            return try format.emit(json: empty, csv: { ShiftReport.csv(empty) },
                                   table: { ShiftReport.table(empty, since: report.since, until: report.until, money: box.formatMoney) })
        }
        try format.emit(json: report.shifts, csv: { ShiftReport.csv(report.shifts) },
                        table: { ShiftReport.table(report.shifts, since: report.since, until: report.until, money: box.formatMoney) })
    }
}

extension ClerkOptions {
    init(clerk: String?) {
        self.init()
        self.clerk = clerk
    }
}
