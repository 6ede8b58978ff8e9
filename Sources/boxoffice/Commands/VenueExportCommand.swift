import ArgumentParser
import Booking
import Foundation

extension BoxOffice.PlanFormat: ExpressibleByArgument {}

struct VenueExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write a theater's plan: CSV (imports back unchanged) or pretix JSON (geometry, labels, categories).")

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "Theater id or name.") var theater: String
    @Option(help: "csv or pretix.") var format: BoxOffice.PlanFormat = .csv
    @Option(name: .shortAndLong, help: "Write to this file (default: standard output).") var output: String?

    func run() throws {
        let box = try clerk.open()
        let data = try box.exportVenue(theater: try box.resolveTheater(theater), format: format)
        if let output {
            if FileManager.default.fileExists(atPath: output) {
                throw BookingError.invalidInput("\(output) already exists; choose a new file name.")
            }
            guard FileManager.default.createFile(atPath: output, contents: data) else {
                throw BookingError.invalidInput("\(output) cannot be written.")
            }
        } else {
            FileHandle.standardOutput.write(data)
            if format == .pretix { FileHandle.standardOutput.write(Data("\n".utf8)) }
        }
    }
}
