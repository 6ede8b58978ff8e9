import Foundation
import GRDB

extension SQLiteStore {
    public func theaters() throws -> [Theater] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT t.id, t.name, (SELECT COUNT(*) FROM seat s WHERE s.theater_id = t.id AND s.retired_at IS NULL) AS seats
                FROM theater t ORDER BY t.id
                """).map { Theater(id: $0["id"], name: $0["name"], seatCount: $0["seats"]) }
        }
    }

    /// The seat layout of a theater, ordered by row line then column, and the layout version it was read at.
    public func seats(theaterID: Int64) throws -> (layoutVersion: Int64, seats: [Seat]) {
        try read { db in try Self.seats(db, theaterID: theaterID) }
    }

    static func seats(_ db: Database, theaterID: Int64) throws -> (layoutVersion: Int64, seats: [Seat]) {
        let version = try Int64.fetchOne(db.cachedStatement(sql: "SELECT layout_version FROM theater WHERE id = ?"),
                                         arguments: [theaterID]) ?? 0
        // The bands apart and the order in Swift: joining each seat to its band and sorting them in SQLite were
        // two thirds of reading the demo's 744 seats. As the join would, a seat without its band is left out.
        var prices: [String: Int] = [:]
        let bands = try Row.fetchCursor(db.cachedStatement(sql: "SELECT code, price_cents FROM price_band WHERE theater_id = ?"),
                                        arguments: [theaterID])
        while let row = try bands.next() { prices[row[0]] = row[1] }
        var seats: [Seat] = []
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT \(Self.seatColumns) FROM seat s WHERE s.theater_id = ? AND s.retired_at IS NULL
            """), arguments: [theaterID])
        while let row = try rows.next() {
            var seat = Self.seat(row, priceCents: 0)
            guard let price = prices[seat.priceBand] else { continue }
            seat.priceCents = price
            seats.append(seat)
        }
        seats.sort { ($0.y, $0.x, $0.id) < ($1.y, $1.x, $1.id) }
        return (version, seats)
    }

    /// The theater's seats (not retired) with these labels, exactly as stored (upper case), by label: what a command
    /// that books a few seats once needs. Reading and indexing the whole layout for them (744 seats in the demo,
    /// sorted) was a fifth of a `boxoffice book`; a long-lived process caches the layout instead.
    public func seats(theaterID: Int64, labels: [String]) throws -> [String: Seat] {
        try read { db in try Self.seats(db, theaterID: theaterID, labels: labels) }
    }

    static func seats(_ db: Database, theaterID: Int64, labels: [String]) throws -> [String: Seat] {
        guard !labels.isEmpty else { return [:] }
        var marks = "?", arguments: StatementArguments = [theaterID, labels[0]]
        for label in labels.dropFirst() {
            marks += ", ?"
            arguments += [label]
        }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(Self.seatColumns), b.price_cents
            FROM seat s JOIN price_band b ON b.theater_id = s.theater_id AND b.code = s.price_band
            WHERE s.theater_id = ? AND s.retired_at IS NULL AND s.label IN (\(marks))
            """, arguments: arguments)
        var seats: [String: Seat] = [:]
        while let row = try rows.next() {
            let seat = Self.seat(row, priceCents: row[12])
            seats[seat.label] = seat
        }
        return seats
    }

    /// The columns of `seat s` that `seat(_:priceCents:)` reads, in its order.
    private static let seatColumns = """
        s.id, s.theater_id, s.label, s.row_label, s.number, s.x, s.y, s.section, s.price_band, \
        s.accessible, s.blocked, s.restricted_view
        """

    public func layoutVersion(theaterID: Int64) throws -> Int64 {
        try read { try Int64.fetchOne($0.cachedStatement(sql: "SELECT layout_version FROM theater WHERE id = ?"), arguments: [theaterID]) ?? 0 }
    }

    /// A seat from `seatColumns`, in that order. By index: GRDB finds a column by name by lowercasing every column's
    /// name, which was a third of the CPU of reading the demo's 744 seats.
    static func seat(_ row: Row, priceCents: Int) -> Seat {
        Seat(id: row[0], theaterID: row[1], label: row[2], row: row[3], number: row[4], x: row[5], y: row[6],
             section: row[7], priceBand: row[8], priceCents: priceCents, accessible: row[9], blocked: row[10],
             restrictedView: row[11])
    }

    public func performances(theaterID: Int64? = nil) throws -> [Performance] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.performanceColumns)
                FROM performance p JOIN theater t ON t.id = p.theater_id
                WHERE ?1 IS NULL OR p.theater_id = ?1
                ORDER BY p.starts_at IS NOT NULL, p.starts_at, p.id
                """, arguments: [theaterID]).map(Self.performance)
        }
    }

    public func performance(id: Int64) throws -> Performance {
        let found = try read { db in
            try Row.fetchOne(db.cachedStatement(sql: """
                SELECT \(Self.performanceColumns)
                FROM performance p JOIN theater t ON t.id = p.theater_id WHERE p.id = ?
                """), arguments: [id]).map(Self.performance)
        }
        guard let found else { throw BookingError.unknownPerformance(id) }
        return found
    }

    /// What a hold, release or booking needs before it goes to Redis, in one read: the performance, its theater's
    /// layout version (to trust the cached layout) and whether an order already has the idempotency key. Three reads
    /// before, at about 50 µs of CPU each.
    public func bookingContext(performanceID: Int64, idempotencyKey: String? = nil)
        throws -> (performance: Performance, layoutVersion: Int64, keyUsed: Bool) {
        // One statement: one snapshot.
        try readOneStatement { db in try Self.bookingContext(db, performanceID: performanceID, idempotencyKey: idempotencyKey) }
    }

    static func bookingContext(_ db: Database, performanceID: Int64, idempotencyKey: String?)
        throws -> (performance: Performance, layoutVersion: Int64, keyUsed: Bool) {
        let found = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT \(Self.performanceColumns), t.layout_version,
                   EXISTS (SELECT 1 FROM orders WHERE idempotency_key = ?2) AS key_used
            FROM performance p JOIN theater t ON t.id = p.theater_id WHERE p.id = ?1
            """), arguments: [performanceID, idempotencyKey])
            .map { (Self.performance($0), $0[9] as Int64, $0[10] as Bool) }
        guard let found else { throw BookingError.unknownPerformance(performanceID) }
        return found
    }

    /// The columns every performance query starts with, in this order (`performance(_:)` reads them by index).
    static let performanceColumns =
        "p.id, p.theater_id, t.name, p.title, p.starts_at, p.closed_at, p.cancelled_at, p.cancel_reason, p.sales_close_minutes"

    static func performance(_ row: Row) -> Performance {
        Performance(id: row[0], theaterID: row[1], theaterName: row[2], title: row[3],
                    startsAt: (row[4] as Int64?).map(Date.init(millis:)),
                    closedAt: (row[5] as Int64?).map(Date.init(millis:)),
                    cancelledAt: (row[6] as Int64?).map(Date.init(millis:)), cancelReason: row[7],
                    salesCloseMinutes: row[8])
    }

    /// What a seat map needs from the database, read in one transaction (one snapshot, where five reads each saw
    /// their own): the performance, its theater's layout version, and its booked, blocked and held-back seats.
    @_spi(Bench) public struct MapRecord {
        public var performance: Performance
        public var layoutVersion: Int64
        /// Seat id → booking reference.
        public var booked: [Int64: String]
        /// Seat id → why it is blocked in this performance.
        public var blocks: [Int64: String]
        public var heldBack: [Int64: (code: String, until: Date?)]
    }

    @_spi(Bench) public func map(performanceID: Int64, now: Date = Date()) throws -> MapRecord {
        try read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT \(Self.performanceColumns), t.layout_version
                FROM performance p JOIN theater t ON t.id = p.theater_id WHERE p.id = ?
                """), arguments: [performanceID]) else { throw BookingError.unknownPerformance(performanceID) }
            var booked: [Int64: String] = [:]
            try Self.forEachBooked(db, performanceID: performanceID) { seatID, reference, _ in booked[seatID] = reference }
            return MapRecord(performance: Self.performance(row), layoutVersion: row[9], booked: booked,
                             blocks: try Self.blockReasons(db, performanceID: performanceID),
                             heldBack: try Self.holdbacks(db, performanceID: performanceID, now: now))
        }
    }

    /// Sold and blocked counts per performance, for the chooser (holds come from Redis).
    public func salesCounts() throws -> [Int64: (capacity: Int, sold: Int, blocked: Int)] {
        try read { db in
            var result: [Int64: (Int, Int, Int)] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT p.id,
                  (SELECT COUNT(*) FROM seat s WHERE s.theater_id = p.theater_id AND s.retired_at IS NULL) AS capacity,
                  (SELECT COUNT(*) FROM booked_seat b WHERE b.performance_id = p.id AND b.active = 1) AS sold,
                  (SELECT COUNT(*) FROM seat s WHERE s.theater_id = p.theater_id AND s.retired_at IS NULL AND (s.blocked = 1 OR EXISTS
                     (SELECT 1 FROM performance_block pb WHERE pb.performance_id = p.id AND pb.seat_id = s.id))
                     AND NOT EXISTS (SELECT 1 FROM booked_seat b WHERE b.performance_id = p.id AND b.seat_id = s.id AND b.active = 1)) AS blocked
                FROM performance p
                """) {
                result[row["id"]] = (row["capacity"], row["sold"], row["blocked"])
            }
            return result
        }
    }

    public func addPerformance(theaterID: Int64, title: String, startsAt: Date?, actor: Clerk) throws -> Performance {
        let id = try write { db -> Int64 in
            try db.execute(sql: "INSERT INTO performance (theater_id, title, starts_at) VALUES (?, ?, ?)",
                           arguments: [theaterID, title, startsAt?.millis])
            let id = db.lastInsertedRowID
            try Self.audit(db, actor: actor, action: "add performance", performanceID: id, detail: title)
            return id
        }
        return try performance(id: id)
    }

    /// Per-performance blocks (broken seat, house seat) with their reasons, by seat id.
    static func blockReasons(_ db: Database, performanceID: Int64) throws -> [Int64: String] {
        var result: [Int64: String] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT seat_id, reason FROM performance_block WHERE performance_id = ?"),
                                    arguments: [performanceID]) {
            result[row["seat_id"]] = row["reason"]
        }
        return result
    }

    public func block(performanceID: Int64, seats: [Seat], reason: String, actor: Clerk) throws {
        try write { db in
            var booked: [Int64: String] = [:]
            try Self.forEachBooked(db, performanceID: performanceID, seatIDs: seats.map(\.id)) { seatID, reference, _ in booked[seatID] = reference }
            for seat in seats {
                if let ref = booked[seat.id] {
                    throw BookingError.invalidInput("Seat \(seat.label) is booked (booking \(ref)); cancel that booking before blocking the seat.")
                }
                try db.execute(sql: """
                    INSERT INTO performance_block (performance_id, seat_id, reason, clerk, created_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (performance_id, seat_id) DO UPDATE SET reason = excluded.reason
                    """, arguments: [performanceID, seat.id, reason, actor.name, Date().millis])
            }
            try Self.audit(db, actor: actor, action: "block", performanceID: performanceID,
                           seats: seats.map(\.label), detail: reason)
        }
    }

    /// Refuses the whole command, changing nothing, when a seat is not blocked for this performance (it printed
    /// "Unblocked" and wrote an audit line for a seat that had nothing to undo; a seat out of use in the plan is put
    /// back by the plan, not here).
    public func unblock(performanceID: Int64, seats: [Seat], actor: Clerk) throws {
        try write { db in
            let blocked = try Self.blockReasons(db, performanceID: performanceID)
            if let outOfUse = seats.first(where: \.blocked) {
                throw BookingError.invalidInput("\(outOfUse.label) is out of use in the theater's plan, not blocked for this performance: the plan puts it back on sale. Nothing was unblocked.")
            }
            let notBlocked = seats.filter { blocked[$0.id] == nil }.map(\.label)
            guard notBlocked.isEmpty else {
                throw BookingError.invalidInput("Not blocked for performance \(performanceID): \(notBlocked.joined(separator: ", ")). Nothing was unblocked.")
            }
            for seat in seats {
                try db.execute(sql: "DELETE FROM performance_block WHERE performance_id = ? AND seat_id = ?",
                               arguments: [performanceID, seat.id])
            }
            try Self.audit(db, actor: actor, action: "unblock", performanceID: performanceID, seats: seats.map(\.label))
        }
    }
}
