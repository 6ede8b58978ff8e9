import ArgumentParser

/// `boxoffice-stress`: many clerk processes racing for hot seats under injected faults, then a check from SQLite
/// that nothing was oversold, lost or invented. `boxoffice-stress worker` is one clerk (spawned by the coordinator).
struct Stress: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boxoffice-stress",
        abstract: "Race 100+ clerk processes under injected faults and check nothing was oversold or lost.",
        subcommands: [RunCommand.self, WorkerCommand.self],
        defaultSubcommand: RunCommand.self)
}

Stress.main()
