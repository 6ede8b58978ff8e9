import ArgumentParser
import Booking

struct APIKeyRevoke: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a caller's API key at once.")

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "The key's name.") var name: String

    func run() throws {
        try clerk.open().revokeAPIKey(name: name)
        print("Revoked the API key \(SafeText.display(name, limit: 40)).")
    }
}
