import Foundation

/// A seat of `seats --json`: the old service's fields (id, seat_number, is_booked, theater_id) plus its state.
/// Every object has the same keys: those that do not apply are null. `band`, `restricted_view` and the seat's place on
/// the map (`map_column` in seat widths from the left, `map_line` in rows from the stage, gaps included; the picker adds
/// a line naming each section) let other tools draw the plan.
public enum SeatJSON {
    /// `holdback`: the seat's hold-back whatever its state (`SeatMap.holdbacks`), so that a held-back seat a clerk is
    /// selling (state `held`) still names its code.
    public static func json(seat: Seat, state: SeatState, performanceID: Int64, holdback: SeatMap.Holdback? = nil) -> JSONText {
        var isBooked = false
        var heldBy: String?, expiresInMs: Int?, bookingRef: String?, blockedReason: String?
        var holdbackCode = holdback?.code, holdbackUntil = holdback?.until
        switch state {
        case .free: break
        case .held(let clerk, _, let ms): heldBy = clerk; expiresInMs = ms
        case .booked(let ref): isBooked = true; bookingRef = ref
        case .blocked(let reason): blockedReason = reason
        case .heldBack(let code, let until): holdbackCode = code; holdbackUntil = until
        }
        return .object([
            ("id", .int(seat.id)), ("seat_number", .string(seat.label)), ("is_booked", .bool(isBooked)),
            ("theater_id", .int(seat.theaterID)), ("performance_id", .int(performanceID)), ("state", .string(state.name)),
            ("held_by", .string(heldBy)), ("expires_in_ms", .int(expiresInMs)), ("booking_ref", .string(bookingRef)),
            ("blocked_reason", .string(blockedReason)), ("row", .string(seat.row)), ("number", .int(seat.number)),
            ("section", .string(seat.section)), ("price_cents", .int(seat.priceCents)), ("accessible", .bool(seat.accessible)),
            ("band", .string(seat.priceBand)), ("restricted_view", .bool(seat.restrictedView)), ("map_column", .int(seat.x)),
            ("map_line", .int(seat.y)), ("holdback_code", .string(holdbackCode)), ("holdback_until", .date(holdbackUntil)),
        ])
    }
}
