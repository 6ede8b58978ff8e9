import Foundation

extension BoxOffice {
    /// Makes a key for the HTTP server's caller `name` (who then acts as the clerk `name`) and returns it: the only
    /// time it is ever seen, since only its SHA-256 is stored.
    public func addAPIKey(name: String) throws -> String {
        let trimmed = try Self.requiredText(name, field: "API key name", maxLength: Clerk.maxNameLength,
                                            whenEmpty: "The API key's name is empty.")
        if trimmed.contains("/") { throw BookingError.invalidInput("An API key's name may not contain \"/\" (it names a clerk).") }
        let key = APIKey.generate()
        try store.addAPIKey(name: trimmed, digest: APIKey.digest(key), actor: clerk)
        return key
    }

    public func apiKeys() throws -> [APIKey] { try store.apiKeys() }

    public func revokeAPIKey(name: String) throws {
        guard try store.revokeAPIKey(name: name.trimmingCharacters(in: .whitespaces), actor: clerk) else {
            throw BookingError.invalidInput("No live API key is named \"\(SafeText.display(name, limit: 40))\". `boxoffice apikey list` lists them.")
        }
    }

    /// The clerk name a presented key acts as, or nil for an unknown or revoked key.
    public func apiKeyName(forKey key: String) throws -> String? {
        guard key.utf8.count <= 200 else { return nil }
        return try store.apiKeyName(digest: APIKey.digest(key))
    }
}
