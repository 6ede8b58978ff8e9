import ArgumentParser
import Booking
import Foundation
import TUI

struct VenueShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Draw a theater's plan (or a plan file's) as the seat picker lays it out, for checking by eye.")

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "Theater id or name, or a plan file (.csv, .json).") var theater: String
    @Flag(help: "ASCII glyphs only.") var ascii = false

    func run() throws {
        let utf8 = (ProcessInfo.processInfo.environment["LC_ALL"] ?? ProcessInfo.processInfo.environment["LC_CTYPE"]
            ?? ProcessInfo.processInfo.environment["LANG"] ?? "").uppercased().replacingOccurrences(of: "-", with: "").contains("UTF8")
        let glyphs: Glyphs = ascii || !utf8 ? .ascii : .unicode
        let lower = theater.lowercased()
        if (lower.hasSuffix(".csv") || lower.hasSuffix(".json")) && FileManager.default.fileExists(atPath: theater) {
            let model = try BoxOffice.readPlan(path: theater)
            print(VenueDrawing.text(name: model.name, seats: BoxOffice.seats(of: model), glyphs: glyphs))
            return
        }
        let box = try clerk.open()
        let found = try box.resolveTheater(theater)
        print(VenueDrawing.text(name: "\(found.name) (theater \(found.id), \(found.seatCount) seats)",
                                seats: try box.layout(theaterID: found.id), glyphs: glyphs))
    }
}
