import ArgumentParser
import Booking

struct APIKeyAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Make an API key; it is printed once, alone on the last line, and stored hashed.")

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "The caller's name: requests with the key act as the clerk of this name.") var name: String

    func run() throws {
        let key = try clerk.open().addAPIKey(name: name)
        print("API key for \(SafeText.display(name, limit: 40)) (shown only now; boxoffice keeps only its SHA-256):")
        print(key)
    }
}
