import ArgumentParser
import Booking

struct ClerkListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the clerks (the boxoffice group's members).")

    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let clerks = try ClerkAccounts.list()
        if json { return try JSONOutput.print(clerks) }
        var table = TextTable("CLERK", "SSH")
        for c in clerks { table.add(c.user, c.only ? "boxoffice only" : "shell") }
        print(table.text)
    }
}
