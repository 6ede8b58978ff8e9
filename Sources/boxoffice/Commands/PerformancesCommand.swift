import ArgumentParser
import Booking
import Foundation

struct PerformancesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "performances", abstract: "List performances; add one or a run; close, reopen or cancel one.",
        subcommands: [ListPerformances.self, AddPerformance.self, ClosePerformance.self, ReopenPerformance.self,
                      CancelPerformance.self],
        defaultSubcommand: ListPerformances.self)
}
