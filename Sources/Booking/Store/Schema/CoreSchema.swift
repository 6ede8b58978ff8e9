import GRDB

/// The booking core's schema steps: venues, performances, orders, the seats they hold and the audit log.
enum CoreSchema {
    static let steps: [SchemaStep] = [
        SchemaStep("create venues, performances, orders and the audit log", sql: createVenuesOrdersAudit),
    ]

    /// The first step's SQL, exactly as every database made before the migrator ran it.
    static let createVenuesOrdersAudit = """
    CREATE TABLE theater (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        layout_version INTEGER NOT NULL DEFAULT 1
    );
    CREATE TABLE price_band (
        theater_id INTEGER NOT NULL REFERENCES theater(id),
        code TEXT NOT NULL,
        name TEXT NOT NULL,
        price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
        PRIMARY KEY (theater_id, code)
    );
    CREATE TABLE seat (
        id INTEGER PRIMARY KEY,
        theater_id INTEGER NOT NULL REFERENCES theater(id),
        label TEXT NOT NULL,
        row_label TEXT NOT NULL,
        number INTEGER NOT NULL,
        x INTEGER NOT NULL,
        y INTEGER NOT NULL,
        section TEXT NOT NULL,
        price_band TEXT NOT NULL,
        accessible INTEGER NOT NULL DEFAULT 0,
        blocked INTEGER NOT NULL DEFAULT 0,
        UNIQUE (theater_id, label),
        FOREIGN KEY (theater_id, price_band) REFERENCES price_band(theater_id, code)
    );
    CREATE TABLE performance (
        id INTEGER PRIMARY KEY,
        theater_id INTEGER NOT NULL REFERENCES theater(id),
        title TEXT NOT NULL,
        starts_at INTEGER,
        closed_at INTEGER
    );
    CREATE TABLE orders (
        id INTEGER PRIMARY KEY,
        reference TEXT NOT NULL UNIQUE,
        performance_id INTEGER NOT NULL REFERENCES performance(id),
        customer_name TEXT,
        customer_contact TEXT,
        clerk TEXT NOT NULL,
        unix_user TEXT NOT NULL,
        total_cents INTEGER NOT NULL,
        idempotency_key TEXT UNIQUE,
        created_at INTEGER NOT NULL,
        cancelled_at INTEGER
    );
    CREATE INDEX orders_by_customer ON orders(customer_name COLLATE NOCASE);
    CREATE INDEX orders_by_performance ON orders(performance_id);
    CREATE TABLE booked_seat (
        order_id INTEGER NOT NULL REFERENCES orders(id),
        performance_id INTEGER NOT NULL REFERENCES performance(id),
        seat_id INTEGER NOT NULL REFERENCES seat(id),
        price_cents INTEGER NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (order_id, seat_id)
    );
    -- The one rule that decides every race: a seat has at most one active booking per performance.
    CREATE UNIQUE INDEX booked_seat_one_active ON booked_seat(performance_id, seat_id) WHERE active = 1;
    CREATE TABLE performance_block (
        performance_id INTEGER NOT NULL REFERENCES performance(id),
        seat_id INTEGER NOT NULL REFERENCES seat(id),
        reason TEXT NOT NULL,
        clerk TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (performance_id, seat_id)
    );
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        clerk TEXT NOT NULL,
        unix_user TEXT NOT NULL,
        action TEXT NOT NULL,
        performance_id INTEGER,
        reference TEXT,
        seats TEXT,
        detail TEXT
    );
    CREATE INDEX audit_by_time ON audit(at);
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    """
}
