import ArgumentParser
import Booking
import Foundation

struct PerformancesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "performances", abstract: "List performances, or add one.",
        subcommands: [ListPerformances.self, AddPerformance.self], defaultSubcommand: ListPerformances.self)
}
