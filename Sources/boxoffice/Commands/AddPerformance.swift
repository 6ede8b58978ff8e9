import ArgumentParser
import Booking
import Foundation

extension PerformanceRun.Repeat: ExpressibleByArgument {}

struct AddPerformance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a performance of a theater, or a run of them (--repeat daily|weekly --until).")

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "Theater id or name.") var theater: String
    @Option(help: "The show's title.") var title: String
    @Option(help: "Start, local time: YYYY-MM-DD HH:MM.") var starts: String
    @Option(name: .customLong("repeat"), help: "daily or weekly, up to --until.") var rule: PerformanceRun.Repeat?
    @Option(help: ArgumentHelp("The day of the last performance of the run.", valueName: "YYYY-MM-DD")) var until: String?
    @Option(name: .customLong("sales-close"), parsing: .unconditional, help: "Minutes after the start that sales stop (latecomers at the window).")
    var salesClose: Int = Performance.defaultSalesCloseMinutes
    @Flag(help: "Print the new performances' ids as JSON.") var json = false

    func run() throws {
        guard let start = Format.parseStart(starts) else {
            throw BookingError.invalidInput("--starts must be a local time as YYYY-MM-DD HH:MM, such as 2026-12-24 19:30 (not \"\(SafeText.display(starts, limit: 30))\").")
        }
        let lastDay = try until.map { text -> Date in
            guard let day = Format.parseStart(text.trimmingCharacters(in: .whitespaces) + " 23:59") else {
                throw BookingError.invalidInput("--until must be a day as YYYY-MM-DD (not \"\(SafeText.display(text, limit: 30))\").")
            }
            return day
        }
        let box = try clerk.open()
        let added = try box.addPerformances(theater: try box.resolveTheater(theater), title: title, firstStart: start,
                                            repeat: rule, until: lastDay, salesCloseMinutes: salesClose)
        if json { return JSONOutput.print(.array(added.map { .int($0.id) })) }
        for p in added {
            print("Added performance \(p.id): \(p.title), \(p.theaterName), \(Format.startTime(p.startsAt)).")
        }
    }
}
