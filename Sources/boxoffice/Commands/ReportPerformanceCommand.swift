import ArgumentParser
import Booking
import Foundation

struct ReportPerformanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "performance",
        abstract: "One performance: capacity, sold / held back / blocked / free, tickets by band × type, revenue, unpaid, admitted.")

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "The performance id.") var id: Int64
    @OptionGroup var format: ReportFormatOptions

    func run() throws {
        let box = try clerk.open()
        let report = try box.performanceReport(id: id)
        try format.emit(json: report, csv: { report.csv() }, table: { report.table(money: box.formatMoney) })
    }
}
