import GRDB

/// What a booking reads before it writes: its performance, its seats and their prices. A clerk's process reads them
/// from the store, each through the pool; the HTTP server's group commit reads them inside the batch's transaction, on
/// its writer thread (`SQLiteStore.InBatch`), where no pool, queue hop or BEGIN/COMMIT of its own is paid.
protocol BookingReads {
    /// The performance, its theater's layout version and whether an order already has the idempotency key.
    func bookingContext(performanceID: Int64, idempotencyKey: String?) throws -> (performance: Performance, layoutVersion: Int64, keyUsed: Bool)
    /// A theater's whole layout and its version.
    func seats(theaterID: Int64) throws -> (layoutVersion: Int64, seats: [Seat])
    /// A theater's seats with these labels (stored case), by label.
    func seats(theaterID: Int64, labels: [String]) throws -> [String: Seat]
    func priceList(theaterID: Int64, performanceID: Int64?) throws -> PriceList
}

extension SQLiteStore: BookingReads {
    /// The reads of a booking inside a group commit's transaction; what every booking of the batch reads alike (the
    /// performance, its price list) is read once per batch.
    struct InBatch: BookingReads {
        let db: Database
        let memo: BatchMemo

        func bookingContext(performanceID: Int64, idempotencyKey: String?) throws -> (performance: Performance, layoutVersion: Int64, keyUsed: Bool) {
            let (performance, layoutVersion) = try memo.value(.performance(performanceID)) { () throws -> (Performance, Int64) in
                let context = try SQLiteStore.bookingContext(db, performanceID: performanceID, idempotencyKey: nil)
                return (context.performance, context.layoutVersion)
            }
            guard let idempotencyKey else { return (performance, layoutVersion, false) }
            let used = try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM orders WHERE idempotency_key = ?"), arguments: [idempotencyKey]) ?? false
            return (performance, layoutVersion, used)
        }

        func seats(theaterID: Int64) throws -> (layoutVersion: Int64, seats: [Seat]) { try SQLiteStore.seats(db, theaterID: theaterID) }

        func seats(theaterID: Int64, labels: [String]) throws -> [String: Seat] {
            try SQLiteStore.seats(db, theaterID: theaterID, labels: labels)
        }

        func priceList(theaterID: Int64, performanceID: Int64?) throws -> PriceList {
            try memo.value(.priceList(theaterID: theaterID, performanceID: performanceID)) {
                try SQLiteStore.priceList(db, theaterID: theaterID, performanceID: performanceID)
            }
        }
    }
}
