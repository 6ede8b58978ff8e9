import Foundation

/// Held-back seats: house seats, press, production holds. Withheld from sale in one performance for a code, in
/// SQLite (they last for weeks); sold only by naming the code; back on sale at `until` by themselves.
extension BoxOffice {
    /// Holds the seats back for the code, all or none; returns them. A booked or blocked seat is refused.
    public func holdBack(performanceID: Int64, labels: [String], code: String, until: Date? = nil) throws -> [Seat] {
        let trimmed = try Self.requiredText(code, field: "code", maxLength: 40,
                                            whenEmpty: "Name the hold-back's code (--code), such as HOUSE or PRESS.")
        if let until, until <= Date() { throw BookingError.invalidInput("--until \(Format.timestamp(until)) has already passed.") }
        let seats = try resolveSeats(labels, performanceID: performanceID)
        try store.holdBack(performanceID: performanceID, seats: seats, code: trimmed, until: until, actor: clerk)
        try? holds.notify(performanceID: performanceID, kind: .block, labels: seats.map(\.label), clerk: clerk)
        return seats
    }

    /// Returns held-back seats to sale; each must be held back (else nothing changes).
    public func releaseHoldback(performanceID: Int64, labels: [String]) throws -> [Seat] {
        let seats = try resolveSeats(labels, performanceID: performanceID)
        try store.releaseHoldback(performanceID: performanceID, seats: seats, actor: clerk)
        try? holds.notify(performanceID: performanceID, kind: .unblock, labels: seats.map(\.label), clerk: clerk)
        return seats
    }
}
