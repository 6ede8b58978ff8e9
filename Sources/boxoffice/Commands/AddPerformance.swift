import ArgumentParser
import Booking
import Foundation

struct AddPerformance: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a performance of a theater.")

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "Theater id or name.") var theater: String
    @Option(help: "The show's title.") var title: String
    @Option(help: "Start, local time: YYYY-MM-DD HH:MM.") var starts: String

    func run() throws {
        guard let start = Format.parseStart(starts) else {
            throw BookingError.invalidInput("--starts must be a local time as YYYY-MM-DD HH:MM, such as 2026-12-24 19:30 (not \"\(SafeText.display(starts, limit: 30))\").")
        }
        let box = try clerk.open()
        let p = try box.addPerformance(theater: try box.resolveTheater(theater), title: title, startsAt: start)
        print("Added performance \(p.id): \(p.title), \(p.theaterName), \(Format.startTime(p.startsAt)).")
    }
}
