import ArgumentParser
import Booking

struct ClerkRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Stop a Unix user selling: take them out of the boxoffice groups (as root).")

    @Argument(help: "The Unix user name.") var user: String

    func run() throws {
        for note in try ClerkAccounts.remove(user: user) { print(note) }
    }
}
