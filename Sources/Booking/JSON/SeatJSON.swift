import Foundation

/// A seat of `seats --json`: the old service's fields (id, seat_number, is_booked, theater_id) plus its state.
/// Every object has the same keys: those that do not apply are null.
public enum SeatJSON {
    public static func json(seat: Seat, state: SeatState, performanceID: Int64) -> JSONText {
        var isBooked = false
        var heldBy: String?, expiresInMs: Int?, bookingRef: String?, blockedReason: String?
        switch state {
        case .free: break
        case .held(let clerk, _, let ms): heldBy = clerk; expiresInMs = ms
        case .booked(let ref): isBooked = true; bookingRef = ref
        case .blocked(let reason): blockedReason = reason
        }
        return .object([
            ("id", .int(seat.id)), ("seat_number", .string(seat.label)), ("is_booked", .bool(isBooked)),
            ("theater_id", .int(seat.theaterID)), ("performance_id", .int(performanceID)), ("state", .string(state.name)),
            ("held_by", .string(heldBy)), ("expires_in_ms", .int(expiresInMs)), ("booking_ref", .string(bookingRef)),
            ("blocked_reason", .string(blockedReason)), ("row", .string(seat.row)), ("number", .int(seat.number)),
            ("section", .string(seat.section)), ("price_cents", .int(seat.priceCents)), ("accessible", .bool(seat.accessible)),
            // Where the seat is drawn on the map (character cells), for a web seat map.
            ("column", .int(seat.x)), ("line", .int(seat.y)),
        ])
    }
}
