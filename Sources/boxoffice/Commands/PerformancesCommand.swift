import ArgumentParser
import Booking
import Foundation

struct PerformancesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "performances", abstract: "List performances, or add one.",
        subcommands: [ListPerformances.self, AddPerformance.self], defaultSubcommand: ListPerformances.self)
}

struct ListPerformances: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List performances with sold, held and free counts.")

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "Theater id or name (default: all theaters).") var theater: String?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let box = try clerk.open()
        let theaterID = try theater.map { try box.resolveTheater($0).id }
        let list = try box.performances(theaterID: theaterID)
        if json { return try JSONOutput.print(list.map(PerformanceJSON.init)) }
        var table = Table("ID", "THEATER", "TITLE", "STARTS", "ON SALE", "SOLD", "HELD", "FREE", rightAligned: [0, 5, 6, 7])
        for s in list {
            let p = s.performance
            table.add("\(p.id)", p.theaterName, p.title, Format.startTime(p.startsAt), p.isOnSale() ? "yes" : "no",
                      "\(s.sold)", "\(s.held)", "\(s.free)")
        }
        print(table.text)
    }
}

struct PerformanceJSON: Encodable {
    var id: Int64, theaterId: Int64, theater: String, title: String, startsAt: Date?, onSale: Bool
    var capacity: Int, sold: Int, held: Int, blocked: Int, free: Int
    init(_ s: PerformanceSummary) {
        let p = s.performance
        id = p.id; theaterId = p.theaterID; theater = p.theaterName; title = p.title; startsAt = p.startsAt
        onSale = p.isOnSale(); capacity = s.capacity; sold = s.sold; held = s.held; blocked = s.blocked; free = s.free
    }
}

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
