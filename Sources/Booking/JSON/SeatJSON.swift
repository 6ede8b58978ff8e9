import Foundation

/// One seat of a performance as `seats --json` and the HTTP server give it: the old service's fields first.
public struct SeatJSON: Encodable {
    public var id: Int64, seatNumber: String, isBooked: Bool, theaterId: Int64, performanceId: Int64
    public var state: String, heldBy: String?, expiresInMs: Int?, bookingRef: String?, blockedReason: String?
    public var row: String, number: Int, section: String, priceCents: Int, accessible: Bool
    /// Where the seat is drawn on the map: its column and line in character cells (aisles are missing columns).
    public var column: Int, line: Int

    public init(seat: Seat, state: SeatState, performanceID: Int64) {
        id = seat.id; seatNumber = seat.label; theaterId = seat.theaterID; performanceId = performanceID
        row = seat.row; number = seat.number; section = seat.section; priceCents = seat.priceCents; accessible = seat.accessible
        column = seat.x; line = seat.y
        self.state = state.name
        switch state {
        case .free: isBooked = false
        case .held(let clerk, _, let ms): isBooked = false; heldBy = clerk; expiresInMs = ms
        case .booked(let ref): isBooked = true; bookingRef = ref
        case .blocked(let reason): isBooked = false; blockedReason = reason
        }
    }

    // Keys with nil values are written as null, so every object has the same fields.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(seatNumber, forKey: .seatNumber); try c.encode(isBooked, forKey: .isBooked)
        try c.encode(theaterId, forKey: .theaterId); try c.encode(performanceId, forKey: .performanceId)
        try c.encode(state, forKey: .state); try c.encode(heldBy, forKey: .heldBy); try c.encode(expiresInMs, forKey: .expiresInMs)
        try c.encode(bookingRef, forKey: .bookingRef); try c.encode(blockedReason, forKey: .blockedReason)
        try c.encode(row, forKey: .row); try c.encode(number, forKey: .number); try c.encode(section, forKey: .section)
        try c.encode(priceCents, forKey: .priceCents); try c.encode(accessible, forKey: .accessible)
        try c.encode(column, forKey: .column); try c.encode(line, forKey: .line)
    }

    enum CodingKeys: String, CodingKey {
        case id, seatNumber, isBooked, theaterId, performanceId, state, heldBy, expiresInMs, bookingRef, blockedReason
        case row, number, section, priceCents, accessible, column, line
    }
}
