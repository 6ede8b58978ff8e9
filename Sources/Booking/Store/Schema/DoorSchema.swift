import GRDB

/// The door's schema step: a code on every ticket, the admissions, and the indexes the reports read by. Its SQL lives
/// here; one line in the schema's list names it.
enum DoorSchema {
    static let steps: [SchemaStep] = [
        SchemaStep("ticket codes and admissions at the door") { db in
            try db.execute(sql: sql)
            try backfill(db)
        },
    ]

    /// `code` is unique while it exists: an exchanged ticket keeps its old code (its row says `exchanged`, so the
    /// door refuses it) and the new ticket gets a new one. An admission's primary key is its ticket, so two doors
    /// scanning one code at the same moment admit it once: the second INSERT finds the row.
    static let sql = """
    ALTER TABLE booked_seat ADD COLUMN code TEXT;
    CREATE UNIQUE INDEX booked_seat_by_code ON booked_seat(code);
    CREATE TABLE admission (
        ticket_id INTEGER PRIMARY KEY REFERENCES booked_seat(id),
        performance_id INTEGER NOT NULL REFERENCES performance(id),
        at INTEGER NOT NULL,
        door TEXT NOT NULL,
        unix_user TEXT NOT NULL
    );
    CREATE INDEX admission_by_performance ON admission(performance_id, at);
    -- Counting a booking's prints (and reading its history) without scanning the whole log.
    CREATE INDEX audit_by_reference ON audit(reference, action);
    -- The reports read a time window of bookings and of the ledger.
    CREATE INDEX orders_by_created ON orders(created_at);
    CREATE INDEX payment_by_time ON payment(at);
    """

    /// Gives every ticket written before this step a code (SQL cannot compute the check character), in the step's
    /// own transaction.
    static func backfill(_ db: Database) throws {
        let ids = try Int64.fetchAll(db, sql: "SELECT id FROM booked_seat WHERE code IS NULL ORDER BY id")
        for id in ids {
            try SQLiteStore.withFreshCode(db) { code in
                try db.execute(sql: "UPDATE booked_seat SET code = ? WHERE id = ?", arguments: [code.value, id])
            }
        }
    }
}

extension SQLiteStore {
    /// Runs `body` with a new random code, and again with another if the code is taken (45 random bits make a clash
    /// about one in 35 trillion). Only this step's backfill draws codes: tickets sold since are issued theirs from their
    /// ids (`IssuedCodes`).
    static func withFreshCode(_ db: Database, _ body: (TicketCode) throws -> Void) throws {
        for attempt in 1... {
            do {
                return try body(TicketCode.random())
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
                && (error.message ?? "").contains("booked_seat.code") && attempt < 5 {
                continue
            }
        }
    }
}
