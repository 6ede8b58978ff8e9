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
        // Listed sorted by key, as they are written: JSONText then need not sort 744 objects.
        return .object([
            ("accessible", .bool(seat.accessible)), ("band", .string(seat.priceBand)), ("blocked_reason", .string(blockedReason)),
            ("booking_ref", .string(bookingRef)), ("expires_in_ms", .int(expiresInMs)), ("held_by", .string(heldBy)),
            ("holdback_code", .string(holdbackCode)), ("holdback_until", .date(holdbackUntil)), ("id", .int(seat.id)),
            ("is_booked", .bool(isBooked)), ("map_column", .int(seat.x)), ("map_line", .int(seat.y)), ("number", .int(seat.number)),
            ("performance_id", .int(performanceID)), ("price_cents", .int(seat.priceCents)),
            ("restricted_view", .bool(seat.restrictedView)), ("row", .string(seat.row)), ("seat_number", .string(seat.label)),
            ("section", .string(seat.section)), ("state", .string(state.name)), ("theater_id", .int(seat.theaterID)),
        ])
    }
}
