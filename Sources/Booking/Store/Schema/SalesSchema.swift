import GRDB

/// The money side's schema step: its SQL lives here, one line in the schema's list names it.
enum SalesSchema {
    static let steps: [SchemaStep] = [
        SchemaStep("ticket types, prices, tickets and the payments ledger") { db in try db.execute(sql: sql) },
    ]

    /// `booked_seat` becomes one row per ticket: its own id (a later step adds its code), the ticket's type and price,
    /// and its status. The old primary key (order, seat) is gone: an exchange to the same seat of another performance
    /// gives the booking a second ticket for that seat. `active` stays, kept equal to status = 'active' by a CHECK,
    /// because the one rule of seat ownership (the partial unique index) and every read of the map use it.
    static let sql = """
    CREATE TABLE box_office (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        currency TEXT NOT NULL
    );
    CREATE TABLE ticket_type (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE,
        key TEXT NOT NULL,
        position INTEGER NOT NULL,
        removed_at INTEGER
    );
    CREATE UNIQUE INDEX ticket_type_name ON ticket_type(name) WHERE removed_at IS NULL;
    CREATE UNIQUE INDEX ticket_type_key ON ticket_type(key) WHERE removed_at IS NULL;
    INSERT INTO ticket_type (name, key, position) VALUES
        ('Adult', 'a', 1), ('Concession', 'n', 2), ('Child', 'k', 3), ('Complimentary', 'f', 4);
    CREATE TABLE ticket_price (
        theater_id INTEGER NOT NULL REFERENCES theater(id),
        performance_id INTEGER NOT NULL DEFAULT 0,
        band TEXT NOT NULL,
        ticket_type_id INTEGER NOT NULL REFERENCES ticket_type(id),
        price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
        PRIMARY KEY (theater_id, performance_id, band, ticket_type_id)
    );
    CREATE TABLE ticket (
        id INTEGER PRIMARY KEY,
        order_id INTEGER NOT NULL REFERENCES orders(id),
        performance_id INTEGER NOT NULL REFERENCES performance(id),
        seat_id INTEGER NOT NULL REFERENCES seat(id),
        ticket_type_id INTEGER NOT NULL REFERENCES ticket_type(id),
        price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
        active INTEGER NOT NULL DEFAULT 1,
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled', 'exchanged')),
        CHECK (active = (status = 'active'))
    );
    INSERT INTO ticket (order_id, performance_id, seat_id, ticket_type_id, price_cents, active, status)
        SELECT order_id, performance_id, seat_id, (SELECT id FROM ticket_type WHERE key = 'a'), price_cents, active,
               CASE active WHEN 1 THEN 'active' ELSE 'cancelled' END
        FROM booked_seat ORDER BY rowid;
    DROP TABLE booked_seat;
    ALTER TABLE ticket RENAME TO booked_seat;
    CREATE UNIQUE INDEX booked_seat_one_active ON booked_seat(performance_id, seat_id) WHERE active = 1;
    CREATE INDEX booked_seat_by_order ON booked_seat(order_id);
    ALTER TABLE orders ADD COLUMN collect_by INTEGER;
    ALTER TABLE orders ADD COLUMN cancel_reason TEXT;
    CREATE INDEX orders_collect_by ON orders(collect_by) WHERE collect_by IS NOT NULL AND cancelled_at IS NULL;
    CREATE TABLE payment (
        id INTEGER PRIMARY KEY,
        order_id INTEGER NOT NULL REFERENCES orders(id),
        method TEXT NOT NULL CHECK (method IN ('cash', 'card', 'complimentary', 'invoice', 'external')),
        amount_cents INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('payment', 'refund')),
        tendered_cents INTEGER,
        change_cents INTEGER,
        reference TEXT,
        account TEXT,
        reason TEXT,
        clerk TEXT NOT NULL,
        unix_user TEXT NOT NULL,
        at INTEGER NOT NULL,
        CHECK ((kind = 'payment') = (amount_cents >= 0))
    );
    CREATE INDEX payment_by_order ON payment(order_id);
    CREATE TRIGGER payment_no_update BEFORE UPDATE ON payment BEGIN SELECT RAISE(ABORT, 'the payments ledger is append-only'); END;
    CREATE TRIGGER payment_no_delete BEFORE DELETE ON payment BEGIN SELECT RAISE(ABORT, 'the payments ledger is append-only'); END;
    """
}
