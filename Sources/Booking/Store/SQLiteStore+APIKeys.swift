import Foundation
import GRDB

extension SQLiteStore {
    func addAPIKey(name: String, digest: String, actor: Clerk) throws {
        try write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM api_key WHERE name = ? AND revoked_at IS NULL", arguments: [name]) == true {
                throw BookingError.invalidInput("An API key named \"\(name)\" already exists; revoke it first (`boxoffice apikey revoke \(name)`).")
            }
            try db.execute(sql: "INSERT INTO api_key (name, key_sha256, created_at, created_by) VALUES (?, ?, ?, ?)",
                           arguments: [name, digest, Date().millis, actor.name])
            try Self.audit(db, actor: actor, action: "apikey add", detail: name)
        }
    }

    func apiKeys() throws -> [APIKey] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_key ORDER BY name, id").map {
                APIKey(name: $0["name"], createdAt: Date(millis: $0["created_at"]), createdBy: $0["created_by"],
                       revokedAt: ($0["revoked_at"] as Int64?).map(Date.init(millis:)))
            }
        }
    }

    /// Returns false when no live key has that name.
    func revokeAPIKey(name: String, actor: Clerk) throws -> Bool {
        try write { db in
            try db.execute(sql: "UPDATE api_key SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
                           arguments: [Date().millis, name])
            guard db.changesCount > 0 else { return false }
            try Self.audit(db, actor: actor, action: "apikey revoke", detail: name)
            return true
        }
    }

    /// The name of the live key with this digest, if any: asked on every keyed HTTP request, so on the watcher
    /// connection (a revocation is seen at once, without a hop to the server's blocking pool).
    func apiKeyName(digest: String) throws -> String? {
        try onWatcher { db in
            try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM api_key WHERE key_sha256 = ? AND revoked_at IS NULL"),
                                arguments: [digest])
        }
    }
}
