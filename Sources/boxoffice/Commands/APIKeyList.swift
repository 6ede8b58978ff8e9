import ArgumentParser
import Booking
import Foundation

struct APIKeyList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the API keys (names and dates, never the keys).")

    @OptionGroup var clerk: ClerkOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let keys = try clerk.open().apiKeys()
        if json { return try JSONOutput.print(keys) }
        var table = TextTable("NAME", "CREATED", "BY", "REVOKED")
        for key in keys {
            table.add(key.name, Format.timestamp(key.createdAt), key.createdBy, key.revokedAt.map(Format.timestamp) ?? "")
        }
        print(table.text)
    }
}
