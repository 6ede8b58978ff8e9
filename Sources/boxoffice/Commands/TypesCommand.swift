import ArgumentParser
import Booking
import Foundation

struct TypesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "types", abstract: "List, add or remove ticket types (Adult, Child…).",
        subcommands: [List.self, Add.self, Remove.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the ticket types and their keys.")
        @OptionGroup var clerk: ClerkOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let types = try clerk.open().ticketTypes()
            if json { return try JSONOutput.print(types.map { TypeJSON(name: $0.name, key: $0.key) }) }
            var table = TextTable("TYPE", "KEY")
            for t in types { table.add(t.name, t.key) }
            print(table.text)
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a ticket type with its key in the picker.")
        @OptionGroup var clerk: ClerkOptions
        @Argument(help: "The type's name, such as Student.") var name: String
        @Option(help: "One lowercase letter, not used by another type.") var key: String

        func run() throws {
            let t = try clerk.open().addTicketType(name: name, key: key)
            print("Added ticket type \(t.name) (key \(t.key)). Give it prices with `boxoffice prices set`.")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Stop selling a ticket type (tickets sold keep it).")
        @OptionGroup var clerk: ClerkOptions
        @Argument(help: "The type's name (any case).") var name: String

        func run() throws {
            let t = try clerk.open().removeTicketType(name: name)
            print("Removed ticket type \(t.name); tickets already sold keep it.")
        }
    }

    struct TypeJSON: Encodable { var name: String, key: String }
}
