import Foundation
import GRDB

/// Booking references and ticket codes issued from enciphered row ids (`IssuedCodes`) instead of drawn at random: the
/// unique indexes on them took a random key per sale, so each booking wrote a page of its own to each (with the
/// audit log's index by reference, ~3 of the ~4 pages a booking wrote; HTTP bookings 6,000 → 8,600 a second in the
/// lead's alternated runs). Rows written before this step keep the references and codes they were given, still
/// unique and found through indexes that cover those rows alone (`id < <first issued id>`), which no sale touches.
enum IssuedCodesSchema {
    static let steps: [SchemaStep] = [
        SchemaStep("booking references and ticket codes from enciphered ids", apply),
    ]

    @Sendable static func apply(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE issued_codes (
                kind TEXT PRIMARY KEY CHECK (kind IN ('booking reference', 'ticket code')),
                -- The cipher's key: random per database, so one code tells nothing about another.
                key BLOB NOT NULL CHECK (length(key) = 16),
                -- Rows from this id on have the enciphered id; rows before it keep the random value they were given.
                first_id INTEGER NOT NULL CHECK (first_id >= 1)
            )
            """)
        let firstOrder = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM orders")!
        let firstTicket = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM booked_seat")!
        for (kind, first) in [("booking reference", firstOrder), ("ticket code", firstTicket)] {
            var rng = SystemRandomNumberGenerator()
            let key = Data((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &rng) })
            try db.execute(sql: "INSERT INTO issued_codes (kind, key, first_id) VALUES (?, ?, ?)", arguments: [kind, key, first])
        }
        try rebuildOrdersWithoutUniqueReference(db, firstOrder: firstOrder)
        try db.execute(sql: """
            DROP INDEX booked_seat_by_code;
            CREATE UNIQUE INDEX booked_seat_by_code ON booked_seat(code) WHERE id < \(firstTicket);
            -- Counting a booking's prints is all that reads the log by reference (a booking's own line took a random
            -- key here at every sale).
            DROP INDEX audit_by_reference;
            CREATE INDEX audit_prints ON audit(reference) WHERE action = 'print tickets';
            """)
    }

    /// `orders.reference` was UNIQUE in the table's own definition, whose index SQLite builds and cannot drop: the
    /// table is made again without it (SQLite's documented way; the migrator turns foreign keys off for the step and
    /// checks them before it commits), with every other index as it was and the old references' own index.
    static func rebuildOrdersWithoutUniqueReference(_ db: Database, firstOrder: Int64) throws {
        let indexes = try String.fetchAll(db, sql: """
            SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'orders' AND sql IS NOT NULL
            """)
        try db.execute(sql: """
            CREATE TABLE orders_rebuilt (
                id INTEGER PRIMARY KEY,
                reference TEXT NOT NULL,
                performance_id INTEGER NOT NULL REFERENCES performance(id),
                customer_name TEXT,
                customer_contact TEXT,
                clerk TEXT NOT NULL,
                unix_user TEXT NOT NULL,
                total_cents INTEGER NOT NULL,
                idempotency_key TEXT UNIQUE,
                created_at INTEGER NOT NULL,
                cancelled_at INTEGER,
                collect_by INTEGER,
                cancel_reason TEXT
            );
            INSERT INTO orders_rebuilt (id, reference, performance_id, customer_name, customer_contact, clerk, unix_user,
                                        total_cents, idempotency_key, created_at, cancelled_at, collect_by, cancel_reason)
                SELECT id, reference, performance_id, customer_name, customer_contact, clerk, unix_user,
                       total_cents, idempotency_key, created_at, cancelled_at, collect_by, cancel_reason FROM orders;
            DROP TABLE orders;
            ALTER TABLE orders_rebuilt RENAME TO orders;
            CREATE UNIQUE INDEX orders_by_reference ON orders(reference) WHERE id < \(firstOrder);
            """)
        for index in indexes { try db.execute(sql: index) }
    }
}
