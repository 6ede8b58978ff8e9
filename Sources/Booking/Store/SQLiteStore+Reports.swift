import Foundation
import GRDB

/// What the reports read: plain facts for a time window or a performance. The arithmetic is in `Reports/`.
extension SQLiteStore {
    /// Bookings made and ledger rows written in [since, until), optionally one clerk's, summed by SQLite (a busy day
    /// is 100,000 bookings: reading each row into Swift cost ten times the sums).
    public func shiftFacts(since: Date, until: Date, clerk: String?) throws -> ShiftFacts {
        try read { db in
            let window: StatementArguments = [since.millis, until.millis, clerk]
            var bookings: [String: ShiftFacts.Booking] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT clerk, COUNT(*) FROM orders WHERE created_at >= ? AND created_at < ? AND (?3 IS NULL OR clerk = ?3)
                GROUP BY clerk
                """), arguments: window) {
                bookings[row[0]] = ShiftFacts.Booking(clerk: row[0], count: row[1], tickets: [:])
            }
            // Money retained (a cancellation without refund) never left the drawer: it is neither taken again nor given back.
            // A ticket exchanged away was replaced by another row of the same booking: count the replacement only.
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT o.clerk, t.name, COUNT(*) FROM orders o JOIN booked_seat b ON b.order_id = o.id
                    JOIN ticket_type t ON t.id = b.ticket_type_id
                WHERE o.created_at >= ? AND o.created_at < ? AND (?3 IS NULL OR o.clerk = ?3) AND b.status <> 'exchanged'
                GROUP BY o.clerk, t.name
                """), arguments: window) {
                bookings[row[0]]?.tickets[row[1]] = row[2]
            }
            var ledger: [ShiftFacts.LedgerLine] = []
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT clerk, method, COALESCE(SUM(CASE WHEN amount_cents >= 0 THEN amount_cents END), 0),
                       COALESCE(SUM(CASE WHEN amount_cents < 0 THEN amount_cents END), 0)
                FROM payment WHERE at >= ? AND at < ? AND (?3 IS NULL OR clerk = ?3) AND kind <> 'retained' GROUP BY clerk, method
                """), arguments: window) {
                ledger.append(ShiftFacts.LedgerLine(clerk: row[0], method: row[1], amountCents: row[2]))
                if (row[3] as Int) < 0 { ledger.append(ShiftFacts.LedgerLine(clerk: row[0], method: row[1], amountCents: row[3])) }
            }
            return ShiftFacts(bookings: bookings.keys.sorted().map { bookings[$0]! }, ledger: ledger)
        }
    }

    public func performanceReport(id: Int64) throws -> PerformanceReport {
        let p = try performance(id: id)
        return try read { db in
            let one = { (sql: String) throws -> Int in try Int.fetchOne(db.cachedStatement(sql: sql), arguments: [id]) ?? 0 }
            let capacity = try one("""
                SELECT COUNT(*) FROM seat s JOIN performance p ON p.theater_id = s.theater_id WHERE p.id = ? AND s.retired_at IS NULL
                """)
            let sold = try one("SELECT COUNT(*) FROM booked_seat WHERE performance_id = ? AND active = 1")
            // Each unsold seat is counted once: blocked first, then held back.
            let blocked = try one("""
                SELECT COUNT(*) FROM seat s JOIN performance p ON p.theater_id = s.theater_id
                WHERE p.id = ?1 AND s.retired_at IS NULL
                  AND (s.blocked = 1 OR EXISTS (SELECT 1 FROM performance_block pb WHERE pb.performance_id = p.id AND pb.seat_id = s.id))
                  AND NOT EXISTS (SELECT 1 FROM booked_seat b WHERE b.performance_id = p.id AND b.seat_id = s.id AND b.active = 1)
                """)
            let heldBack = try Int.fetchOne(db.cachedStatement(sql: """
                SELECT COUNT(*) FROM holdback h JOIN seat s ON s.id = h.seat_id
                WHERE h.performance_id = ?1 AND s.retired_at IS NULL AND (h.until_at IS NULL OR h.until_at > ?2) AND s.blocked = 0
                  AND NOT EXISTS (SELECT 1 FROM performance_block pb WHERE pb.performance_id = ?1 AND pb.seat_id = s.id)
                  AND NOT EXISTS (SELECT 1 FROM booked_seat b WHERE b.performance_id = ?1 AND b.seat_id = s.id AND b.active = 1)
                """), arguments: [id, Date().millis]) ?? 0
            var tickets: [String: [String: Int]] = [:]
            var complimentary = 0
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT s.price_band, t.name, COUNT(*) FROM booked_seat b JOIN seat s ON s.id = b.seat_id
                    JOIN ticket_type t ON t.id = b.ticket_type_id
                WHERE b.performance_id = ? AND b.active = 1 GROUP BY s.price_band, t.name
                """), arguments: [id]) {
                let (band, type, n): (String, String, Int) = (row[0], row[1], row[2])
                tickets[band, default: [:]][type] = n
                if type == "Complimentary" { complimentary += n }
            }
            let money = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT COALESCE(SUM(CASE WHEN p.kind = 'payment' THEN p.amount_cents END), 0),
                       COALESCE(SUM(CASE WHEN p.kind = 'refund' THEN -p.amount_cents END), 0),
                       COALESCE(SUM(CASE WHEN p.kind = 'retained' THEN -p.amount_cents END), 0)
                FROM payment p WHERE p.performance_id = ?
                """), arguments: [id])!
            // Each ledger row names its performance; an exchange to another performance moved its tickets' money along.
            let moved = try one("""
                SELECT COALESCE(SUM(CASE WHEN to_performance_id = ?1 THEN amount_cents ELSE -amount_cents END), 0)
                FROM money_moved WHERE to_performance_id = ?1 OR from_performance_id = ?1
                """)
            // Money's rule (Balance.isPaid): paid once a payment was recorded and the ledger covers the active tickets.
            // A booking is this performance's when one of its active tickets is (a mixed booking counts in each of its).
            let unpaid = try one("""
                SELECT COUNT(*) FROM orders o WHERE o.cancelled_at IS NULL
                  AND o.id IN (SELECT order_id FROM booked_seat WHERE performance_id = ? AND active = 1)
                  AND NOT (EXISTS (SELECT 1 FROM payment p WHERE p.order_id = o.id AND p.kind = 'payment')
                           AND (SELECT COALESCE(SUM(p.amount_cents), 0) FROM payment p WHERE p.order_id = o.id) >= o.total_cents)
                """)
            let admitted = try one("""
                SELECT COUNT(*) FROM admission a JOIN booked_seat b ON b.id = a.ticket_id WHERE a.performance_id = ? AND b.active = 1
                """)
            return PerformanceReport(performanceId: id, title: p.title, theater: p.theaterName, startsAt: p.startsAt,
                                     capacity: capacity, sold: sold, heldBack: heldBack, blocked: blocked, tickets: tickets,
                                     grossCents: money[0], refundsCents: money[1], complimentary: complimentary,
                                     unpaidBookings: unpaid, admitted: admitted, retainedCents: money[2],
                                     movedCents: moved)
        }
    }

    /// Bookings and ledger rows in [from, until), each with its local day and performance.
    public func salesFacts(from: Date, until: Date) throws -> SalesFacts {
        try read { db in
            // One row per booking and performance of its tickets (a mixed booking has several), its main performance first.
            var last: Int64?
            let bookings = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT o.id, o.created_at, COALESCE(b.performance_id, o.performance_id), COUNT(b.id)
                FROM orders o LEFT JOIN booked_seat b ON b.order_id = o.id AND b.status <> 'exchanged'
                WHERE o.created_at >= ? AND o.created_at < ?
                GROUP BY o.id, COALESCE(b.performance_id, o.performance_id)
                ORDER BY o.id, COALESCE(b.performance_id, o.performance_id) <> o.performance_id, 3
                """), arguments: [from.millis, until.millis]).map { row -> SalesFacts.Booking in
                let id: Int64 = row[0]
                defer { last = id }
                return SalesFacts.Booking(day: ReportWindow.day(Date(millis: row[1])), performanceID: row[2], tickets: row[3],
                                          primary: last != id)
            }
            // Each ledger row names the performance its money is for.
            let ledger = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT p.at, COALESCE(p.performance_id, o.performance_id), p.amount_cents FROM payment p JOIN orders o ON o.id = p.order_id
                WHERE p.at >= ? AND p.at < ? AND p.kind <> 'retained' ORDER BY p.id
                """), arguments: [from.millis, until.millis]).map {
                SalesFacts.Money(day: ReportWindow.day(Date(millis: $0[0])), performanceID: $0[1], amountCents: $0[2])
            }
            var moved: [SalesFacts.Money] = []
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT at, from_performance_id, to_performance_id, amount_cents FROM money_moved WHERE at >= ? AND at < ? ORDER BY id
                """), arguments: [from.millis, until.millis]) {
                let day = ReportWindow.day(Date(millis: row[0]))
                moved.append(SalesFacts.Money(day: day, performanceID: row[1], amountCents: -(row[3] as Int)))
                moved.append(SalesFacts.Money(day: day, performanceID: row[2], amountCents: row[3]))
            }
            let ids = Set(bookings.map(\.performanceID)).union(ledger.map(\.performanceID)).union(moved.map(\.performanceID))
            let performances = try Row.fetchAll(db, sql: "SELECT id, title, starts_at FROM performance ORDER BY id")
                .filter { ids.contains($0["id"]) }
                .map { SalesFacts.Performance(id: $0["id"], title: $0["title"], startsAt: ($0["starts_at"] as Int64?).map(Date.init(millis:))) }
            return SalesFacts(performances: performances, bookings: bookings, ledger: ledger, moved: moved)
        }
    }
}
