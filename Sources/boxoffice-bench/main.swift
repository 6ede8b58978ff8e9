import ArgumentParser
import Booking
import Foundation

/// `make bench`: the hot paths of boxoffice measured against this machine's own Redis round trip and fsync rate.
/// The `worker-…` subcommands are the other clerks' processes; `run` starts them itself.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boxoffice-bench",
        abstract: "Measure boxoffice's hot paths against this machine's own limits (REDIS_URL must name a throwaway Redis).",
        subcommands: [RunCommand.self, BookWorker.self, LiveWorker.self, MapWorker.self, CLIResetWorker.self, ShiftReportCommand.self],
        defaultSubcommand: RunCommand.self)
}

Bench.main()
