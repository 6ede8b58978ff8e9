import Foundation
import GRDB

/// A performance's life: added (one or a run, in one transaction), closed and reopened, cancelled for good.
extension SQLiteStore {
    func addPerformances(theaterID: Int64, title: String, starts: [Date], salesCloseMinutes: Int, actor: Clerk) throws -> [Int64] {
        try write { db in
            var ids: [Int64] = []
            for start in starts {
                try db.execute(sql: "INSERT INTO performance (theater_id, title, starts_at, sales_close_minutes) VALUES (?, ?, ?, ?)",
                               arguments: [theaterID, title, start.millis, salesCloseMinutes])
                ids.append(db.lastInsertedRowID)
            }
            try Self.audit(db, actor: actor, action: "add performance", performanceID: ids.first,
                           detail: ids.count == 1 ? title : "\(title): \(ids.count) performances (\(ids.map(String.init).joined(separator: ", ")))")
            return ids
        }
    }

    /// Closes (sales stop; bookings stay) or reopens a performance. A cancelled one stays cancelled.
    func setClosed(performanceID: Int64, closed: Bool, reason: String?, actor: Clerk) throws {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT cancelled_at FROM performance WHERE id = ?", arguments: [performanceID]) else {
                throw BookingError.unknownPerformance(performanceID)
            }
            if row["cancelled_at"] as Int64? != nil {
                throw BookingError.invalidInput("Performance \(performanceID) is cancelled; it cannot be \(closed ? "closed" : "reopened").")
            }
            try db.execute(sql: "UPDATE performance SET closed_at = ? WHERE id = ?", arguments: [closed ? Date().millis : nil, performanceID])
            try Self.audit(db, actor: actor, action: closed ? "close performance" : "reopen performance",
                           performanceID: performanceID, detail: reason)
        }
    }

    /// Cancels a performance for good and returns its active bookings (to contact and refund; they stay until then).
    /// Cancelling twice changes nothing and lists them again.
    func cancelPerformance(performanceID: Int64, reason: String, actor: Clerk) throws -> (orders: [Order], alreadyCancelled: Bool) {
        let already = try write { db -> Bool in
            guard let row = try Row.fetchOne(db, sql: "SELECT cancelled_at FROM performance WHERE id = ?", arguments: [performanceID]) else {
                throw BookingError.unknownPerformance(performanceID)
            }
            if row["cancelled_at"] as Int64? != nil { return true }
            try db.execute(sql: "UPDATE performance SET cancelled_at = ?, cancel_reason = ? WHERE id = ?",
                           arguments: [Date().millis, reason, performanceID])
            try Self.audit(db, actor: actor, action: "cancel performance", performanceID: performanceID, detail: reason)
            return false
        }
        let ids = try read { db in
            try Int64.fetchAll(db, sql: """
                SELECT DISTINCT o.id FROM orders o JOIN booked_seat b ON b.order_id = o.id
                WHERE b.performance_id = ? AND b.active = 1 AND o.cancelled_at IS NULL ORDER BY o.created_at, o.id
                """, arguments: [performanceID])
        }
        return (try ids.compactMap { try order(id: $0) }, already)
    }
}
