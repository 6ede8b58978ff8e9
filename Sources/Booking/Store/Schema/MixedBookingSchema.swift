import Foundation
import GRDB

/// A booking whose tickets are of several performances (a partial exchange to another performance): the payments
/// ledger learns which performance each row's money is for, and a second append-only ledger records the money an
/// exchange moves from one performance to another inside a booking. Together they let the reports add money up per
/// performance from tickets' performances, never from `orders.performance_id` (the booking's main performance).
enum MixedBookingSchema {
    static let steps: [SchemaStep] = [
        SchemaStep("payments per performance, and money moved between performances by exchanges", apply),
    ]

    /// Every existing row was for its booking's performance (a booking's tickets were all of one until now). The
    /// ledger's append-only trigger is lifted for this one fill and made again from its own stored SQL.
    @Sendable static func apply(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE payment ADD COLUMN performance_id INTEGER REFERENCES performance(id)")
        let guardSQL = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'payment_no_update'")
        try db.execute(sql: "DROP TRIGGER IF EXISTS payment_no_update")
        try db.execute(sql: "UPDATE payment SET performance_id = (SELECT o.performance_id FROM orders o WHERE o.id = payment.order_id)")
        if let guardSQL { try db.execute(sql: guardSQL) }
        try db.execute(sql: sql)
    }

    static let sql = """
    CREATE INDEX payment_by_performance ON payment(performance_id);
    -- Every row from now on names its performance (ALTER TABLE cannot add a NOT NULL column to a filled table).
    CREATE TRIGGER payment_needs_performance BEFORE INSERT ON payment WHEN NEW.performance_id IS NULL
    BEGIN SELECT RAISE(ABORT, 'a payment names the performance its money is for'); END;
    -- Written by an exchange that moves tickets to another performance: the part of the booking's money that was for
    -- the old tickets now counts for the new performance. Never edited; the booking's own ledger is untouched.
    CREATE TABLE money_moved (
        id INTEGER PRIMARY KEY,
        order_id INTEGER NOT NULL REFERENCES orders(id),
        from_performance_id INTEGER NOT NULL REFERENCES performance(id),
        to_performance_id INTEGER NOT NULL REFERENCES performance(id),
        amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
        clerk TEXT NOT NULL,
        unix_user TEXT NOT NULL,
        at INTEGER NOT NULL,
        CHECK (from_performance_id <> to_performance_id)
    );
    CREATE INDEX money_moved_by_order ON money_moved(order_id);
    CREATE INDEX money_moved_from ON money_moved(from_performance_id);
    CREATE INDEX money_moved_to ON money_moved(to_performance_id);
    CREATE TRIGGER money_moved_no_update BEFORE UPDATE ON money_moved BEGIN SELECT RAISE(ABORT, 'money moved is append-only'); END;
    CREATE TRIGGER money_moved_no_delete BEFORE DELETE ON money_moved BEGIN SELECT RAISE(ABORT, 'money moved is append-only'); END;
    """
}
