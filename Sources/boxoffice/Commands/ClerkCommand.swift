import ArgumentParser

/// `boxoffice clerk …`: which Unix users may sell (members of the `boxoffice` group).
struct ClerkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clerk",
        abstract: "Add, list or remove the clerks: the Unix users in the boxoffice group.",
        subcommands: [ClerkAddCommand.self, ClerkListCommand.self, ClerkRemoveCommand.self],
        defaultSubcommand: ClerkListCommand.self)
}
