import Logging

/// The hold store as a group commit's batches use it (`BatchLease`): leases for the length of a booking's commit, and
/// a settling failure logged (the bookings have committed; their leases lapse on their own within `leaseMs`).
struct BookingBatchHolds: BatchHolds {
    let holds: RedisHolds
    let logger: Logger

    func lease(_ requests: [LeaseRequest]) -> [LeaseOutcome] {
        holds.leaseBatch(requests, ttlMs: HoldTiming.leaseMs)
    }

    func settle(_ settlements: [LeaseSettlement]) {
        do {
            try holds.settleBatch(settlements)
        } catch {
            logger.warning("booked, but could not clear holds", metadata: ["error": "\(error)", "bookings": "\(settlements.count)"])
        }
    }
}
