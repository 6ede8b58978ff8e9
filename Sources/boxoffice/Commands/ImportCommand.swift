import ArgumentParser
import Booking
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import the old service's theaters.json and seats.json (all or nothing).",
        discussion: "Theaters match by id, seats by theater and seat_number. Importing again renames and adds, never deletes or un-books.")

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "theaters.json") var theaters: String
    @Argument(help: "seats.json") var seats: String

    func run() throws {
        let box = try clerk.open()
        let s = try box.importSeed(theatersPath: theaters, seatsPath: seats)
        print("Imported: \(s.theatersAdded) theaters added, \(s.theatersRenamed) renamed, \(s.seatsAdded) seats added, \(s.seatsBooked) seats booked, \(s.performancesAdded) open-ended performances added.")
    }
}
