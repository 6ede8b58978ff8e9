import ArgumentParser
import Booking
import Foundation

struct ReportSalesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sales", abstract: "Sales per performance and per day over whole days: bookings, tickets, gross, refunds, net.")

    @OptionGroup var clerk: ClerkOptions
    @Option(help: ArgumentHelp("The first day, e.g. 2026-11-01.", valueName: "day")) var from: String
    @Option(help: ArgumentHelp("The last day (included).", valueName: "day")) var to: String
    @OptionGroup var format: ReportFormatOptions

    func run() throws {
        let box = try clerk.open()
        let report = try box.salesReport(from: try ReportWindow.parse(from, field: "--from"), to: try ReportWindow.parse(to, field: "--to"))
        try format.emit(json: report, csv: { report.csv() }, table: { report.table(money: box.formatMoney) })
    }
}
