import Foundation
import GRDB

/// Held-back seats (house seats, press, production holds): withheld from sale in one performance for a code, for
/// weeks, so in SQLite rather than Redis. A hold-back whose `until_at` has passed is simply no longer read: the seat
/// returns to sale by itself, with nothing to clean up.
extension SQLiteStore {
    /// This performance's seats held back now: seat id → code and until.
    static func holdbacks(_ db: Database, performanceID: Int64, now: Date) throws -> [Int64: (code: String, until: Date?)] {
        var result: [Int64: (code: String, until: Date?)] = [:]
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT seat_id, code, until_at FROM holdback WHERE performance_id = ? AND (until_at IS NULL OR until_at > ?)
            """), arguments: [performanceID, now.millis])
        while let row = try rows.next() { result[row[0]] = (row[1], (row[2] as Int64?).map(Date.init(millis:))) }
        return result
    }

    /// Holds the seats back for the code, all or none: a booked or blocked seat is refused. Holding back a seat that
    /// is held back already changes its code and time.
    func holdBack(performanceID: Int64, seats: [Seat], code: String, until: Date?, actor: Clerk, now: Date = Date()) throws {
        try write { db in
            if let refusal = try Self.unsellable(db, performanceID: performanceID, seats: seats, holdbackCode: nil, ignoringHoldbacks: true) {
                throw refusal
            }
            for seat in seats {
                try db.execute(sql: """
                    INSERT INTO holdback (performance_id, seat_id, code, until_at, clerk, created_at) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (performance_id, seat_id) DO UPDATE SET code = excluded.code, until_at = excluded.until_at,
                        clerk = excluded.clerk, created_at = excluded.created_at
                    """, arguments: [performanceID, seat.id, code, until?.millis, actor.name, now.millis])
            }
            try Self.audit(db, actor: actor, action: "hold back", performanceID: performanceID, seats: seats.map(\.label),
                           detail: code + (until.map { " until \(Format.timestamp($0))" } ?? ""))
        }
    }

    /// Returns held-back seats to sale; every seat must be held back (else nothing changes).
    func releaseHoldback(performanceID: Int64, seats: [Seat], actor: Clerk, now: Date = Date()) throws {
        try write { db in
            let current = try Self.holdbacks(db, performanceID: performanceID, now: now)
            let notHeld = seats.filter { current[$0.id] == nil }.map(\.label)
            if !notHeld.isEmpty {
                throw BookingError.invalidInput("\(notHeld.joined(separator: ", ")) \(notHeld.count == 1 ? "is" : "are") not held back in performance \(performanceID); nothing was released.")
            }
            for seat in seats {
                try db.execute(sql: "DELETE FROM holdback WHERE performance_id = ? AND seat_id = ?", arguments: [performanceID, seat.id])
            }
            try Self.audit(db, actor: actor, action: "release hold-back", performanceID: performanceID, seats: seats.map(\.label),
                           detail: Set(seats.compactMap { current[$0.id]?.code }).sorted().joined(separator: ", "))
        }
    }
}
