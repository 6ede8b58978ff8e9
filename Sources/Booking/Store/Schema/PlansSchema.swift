import GRDB

/// The schema step of venue plans, held-back seats and performance runs (issue 10).
enum PlansSchema {
    static let steps: [SchemaStep] = [
        SchemaStep("plans: retired seats, restricted view, seat guids, section prefixes, held-back seats, performance sales") { db in
            try db.execute(sql: plans)
        },
    ]

    static let plans = """
        -- A seat removed from a plan is retired, never deleted: its bookings keep their history.
        ALTER TABLE seat ADD COLUMN retired_at INTEGER;
        ALTER TABLE seat ADD COLUMN restricted_view INTEGER NOT NULL DEFAULT 0;
        -- pretix's seat_guid: what a re-import of a pretix plan matches seats by.
        ALTER TABLE seat ADD COLUMN seat_guid TEXT;
        ALTER TABLE seat ADD COLUMN section_prefix TEXT NOT NULL DEFAULT '';
        CREATE UNIQUE INDEX seat_by_guid ON seat(theater_id, seat_guid) WHERE seat_guid IS NOT NULL;
        -- closed_at (already there) is `performances close`; cancelling is for good, with its reason.
        ALTER TABLE performance ADD COLUMN cancelled_at INTEGER;
        ALTER TABLE performance ADD COLUMN cancel_reason TEXT;
        -- Sales stay open this long after the start (latecomers at the window).
        ALTER TABLE performance ADD COLUMN sales_close_minutes INTEGER NOT NULL DEFAULT 30;
        -- House seats, press, production holds: withheld from sale for weeks, so in SQLite, not Redis.
        CREATE TABLE holdback (
            performance_id INTEGER NOT NULL REFERENCES performance(id),
            seat_id INTEGER NOT NULL REFERENCES seat(id),
            code TEXT NOT NULL,
            until_at INTEGER,
            clerk TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (performance_id, seat_id)
        );
        """
}
