import ArgumentParser
import Booking
import Foundation

struct VenueImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Create a theater from a plan, or change the theater of that name; prints its id.",
        discussion: """
        All or nothing, in one transaction: seats added, bands renamed and repriced, seats moved. A seat the plan leaves \
        out is retired (its history stays); a seat that a booking of a performance not yet ended still has is never \
        removed: the import refuses, naming the seat and the booking (exit 2).
        """)

    @OptionGroup var clerk: ClerkOptions
    @OptionGroup var file: PlanFileOptions
    @Flag(help: "Print {\"theater_id\": …, \"seats\": …}.") var json = false

    func run() throws {
        let box = try clerk.open()
        let summary = try box.importVenue(path: file.plan, options: file.options)
        if json { return JSONOutput.print(.object([("theater_id", .int(summary.theaterID)), ("seats", .int(summary.seats))])) }
        print(summary.theaterID)
        let what = summary.created ? "Created" : (summary.changedAnything ? "Changed" : "No change to")
        let detail = summary.created ? "" : " (seats +\(summary.seatsAdded), changed \(summary.seatsChanged), retired \(summary.seatsRetired); bands +\(summary.bandsAdded), changed \(summary.bandsChanged), removed \(summary.bandsRemoved))"
        FileHandle.standardError.write(Data("\(what) theater \(summary.theaterID): \(summary.seats) seats\(detail).\n".utf8))
    }
}
