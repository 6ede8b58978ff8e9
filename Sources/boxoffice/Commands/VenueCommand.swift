import ArgumentParser
import Booking

struct VenueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "venue", abstract: "A venue's own seating plan: import, check, show, export (CSV or pretix JSON).",
        subcommands: [VenueImportCommand.self, VenueCheckCommand.self, VenueShowCommand.self, VenueExportCommand.self])
}

/// What a plan file needs besides itself, shared by `venue import` and `venue check`.
struct PlanFileOptions: ParsableArguments {
    @Argument(help: "The plan: a CSV file, or pretix's seating-plan JSON (.json).") var plan: String
    @Option(help: "The theater's name (overrides the plan's).") var name: String?
    @Option(name: .customLong("price"), help: ArgumentHelp("A pretix category's price, such as \"Stalls=45.00\"; one for every category.", valueName: "category=amount"))
    var prices: [String] = []
    @Option(name: .customLong("prefix"), help: ArgumentHelp("A prefix for a pretix zone's row labels, such as \"Balcony=B\".", valueName: "zone=prefix"))
    var prefixes: [String] = []

    var options: BoxOffice.PlanOptions { .init(name: name, prices: prices, prefixes: prefixes) }
}

