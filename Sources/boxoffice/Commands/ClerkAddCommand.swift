import ArgumentParser
import Booking

struct ClerkAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Let an existing Unix user sell: add them to the boxoffice group (as root).",
        discussion: """
        With --only, the user also joins the boxoffice-only group, and \(ClerkAccounts.sshdDropIn) makes sshd run \
        nothing but \(ClerkAccounts.installedCommand) for that group (no shell, no forwarding).
        """)

    @Argument(help: "The Unix user name.") var user: String
    @Flag(help: "Over SSH this user can do nothing but sell.") var only = false

    func run() throws {
        for note in try ClerkAccounts.add(user: user, only: only) { print(note) }
    }
}
