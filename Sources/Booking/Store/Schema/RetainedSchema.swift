import Foundation
import GRDB

/// Money the box office keeps when a cancellation (or an exchange to cheaper seats) refunds nothing (`--refund none`):
/// a ledger row of its own kind, `retained`, negative like a refund (so that paid − refunded − retained is the price of
/// the active tickets and the books balance) but not money handed back (the reports keep it apart from refunds).
enum RetainedSchema {
    static let steps: [SchemaStep] = [
        SchemaStep("payments ledger: money retained on a cancellation without refund", rebuildPaymentWithRetained),
    ]

    /// SQLite cannot change a CHECK constraint in place: the table is rebuilt from its own stored definition with the
    /// wider check (so columns other steps added survive), its rows copied, and its indexes and triggers (the
    /// append-only ones, and any other step's) made again from their own stored SQL.
    @Sendable static func rebuildPaymentWithRetained(_ db: Database) throws {
        let old = "CHECK (kind IN ('payment', 'refund'))"
        guard let create = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'payment'"),
              create.contains(old), create.hasPrefix("CREATE TABLE payment (") else {
            throw BookingError.databaseUnavailable("its payments table is not the one this boxoffice knows; it was not upgraded.")
        }
        let extras = try String.fetchAll(db, sql: """
            SELECT sql FROM sqlite_master WHERE tbl_name = 'payment' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name
            """)
        let rebuilt = "CREATE TABLE payment_retained_new (" + create.dropFirst("CREATE TABLE payment (".count)
        try db.execute(sql: rebuilt.replacingOccurrences(of: old, with: "CHECK (kind IN ('payment', 'refund', 'retained'))"))
        try db.execute(sql: "INSERT INTO payment_retained_new SELECT * FROM payment")
        try db.execute(sql: "DROP TABLE payment")
        try db.execute(sql: "ALTER TABLE payment_retained_new RENAME TO payment")
        for sql in extras { try db.execute(sql: sql) }
    }
}
