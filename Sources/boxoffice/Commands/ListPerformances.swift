import ArgumentParser
import Booking
import Foundation

struct ListPerformances: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List performances with sold, held and free counts.")

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "Theater id or name (default: all theaters).") var theater: String?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let box = try clerk.open()
        let theaterID = try theater.map { try box.resolveTheater($0).id }
        let list = try box.performances(theaterID: theaterID)
        if json { return JSONOutput.print(.array(list.map(PerformanceJSON.json))) }
        var table = TextTable("ID", "THEATER", "TITLE", "STARTS", "SALES", "SOLD", "HELD", "FREE", rightAligned: [0, 5, 6, 7])
        for s in list {
            let p = s.performance
            table.add("\(p.id)", p.theaterName, p.title, Format.startTime(p.startsAt), p.status(),
                      "\(s.sold)", "\(s.held)", "\(s.free)")
        }
        print(table.text)
    }
}
