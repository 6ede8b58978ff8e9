import ArgumentParser
import Booking
import Foundation

struct VenueCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Report every problem of a plan, each at its place, without touching the database.")

    @OptionGroup var file: PlanFileOptions

    func run() throws {
        let model = try BoxOffice.readPlan(path: file.plan, options: file.options)
        let bands = model.bands.map { "\($0.code) \(Format.money(cents: $0.priceCents))" }.joined(separator: ", ")
        print("\((file.plan as NSString).lastPathComponent): \(model.name), \(model.seatCount) seats in \(model.sections.count) sections; bands \(bands). No problems.")
    }
}
