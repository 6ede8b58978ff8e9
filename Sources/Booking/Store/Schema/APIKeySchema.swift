import GRDB

/// The schema step that adds API keys (the HTTP server's callers). Only a key's SHA-256 is stored: the key itself is
/// printed once, when it is made, and a copy of the database gives nobody a working key.
enum APIKeySchema {
    static let steps: [SchemaStep] = [
        SchemaStep("api keys for the http server") { db in try db.execute(sql: sql) },
    ]

    static let sql = """
    CREATE TABLE api_key (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        key_sha256 TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        revoked_at INTEGER
    );
    -- One live key per name: a revoked name may be given a new key.
    CREATE UNIQUE INDEX api_key_live_name ON api_key(name) WHERE revoked_at IS NULL;
    """
}
