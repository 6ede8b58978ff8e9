import ArgumentParser

struct APIKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apikey", abstract: "Make, list and revoke the HTTP server's API keys.",
        discussion: "A request with `Authorization: Bearer <key>` acts as the clerk the key is named for.",
        subcommands: [APIKeyAdd.self, APIKeyList.self, APIKeyRevoke.self])
}
