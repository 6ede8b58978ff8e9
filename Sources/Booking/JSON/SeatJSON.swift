import Foundation

/// A seat of `seats --json`: the old service's fields (id, seat_number, is_booked, theater_id) plus its state.
/// Every object has the same keys: those that do not apply are null. `band`, `restricted_view` and the seat's place on
/// the map (`map_column` in seat widths from the left, `map_line` in rows from the stage, gaps included; the picker adds
/// a line naming each section) let other tools draw the plan.
public enum SeatJSON {
    /// `holdback`: the seat's hold-back whatever its state (`SeatMap.holdbacks`), so that a held-back seat a clerk is
    /// selling (state `held`) still names its code.
    public static func json(seat: Seat, state: SeatState, performanceID: Int64, holdback: SeatMap.Holdback? = nil) -> JSONText {
        var members = JSONMemberList(capacity: 21)
        add(seat: seat, state: state, performanceID: performanceID, holdback: holdback, to: &members)
        return .object(members.members)
    }

    /// The members of `json(…)`, sorted by key, to any receiver: `seats --json` writes them straight out
    /// (`JSONText.writeObjects`), the HTTP server's seat lists keep them as a value.
    public static func add<Members: JSONMembers>(seat: Seat, state: SeatState, performanceID: Int64, holdback: SeatMap.Holdback?,
                                                 to m: inout Members) {
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
        // Sorted by key, as they are written: JSONText then need not sort 744 objects, and a stream cannot.
        m.add("accessible", .bool(seat.accessible)); m.add("band", .string(seat.priceBand))
        m.add("blocked_reason", .string(blockedReason)); m.add("booking_ref", .string(bookingRef))
        m.add("expires_in_ms", .int(expiresInMs)); m.add("held_by", .string(heldBy))
        m.add("holdback_code", .string(holdbackCode)); m.add("holdback_until", .date(holdbackUntil))
        m.add("id", .int(seat.id)); m.add("is_booked", .bool(isBooked)); m.add("map_column", .int(seat.x))
        m.add("map_line", .int(seat.y)); m.add("number", .int(seat.number)); m.add("performance_id", .int(performanceID))
        m.add("price_cents", .int(seat.priceCents)); m.add("restricted_view", .bool(seat.restrictedView))
        m.add("row", .string(seat.row)); m.add("seat_number", .string(seat.label)); m.add("section", .string(seat.section))
        m.add("state", .string(state.name)); m.add("theater_id", .int(seat.theaterID))
    }
}
