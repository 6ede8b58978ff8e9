import Booking
import Foundation

struct SeatJSON: Encodable {
    var id: Int64, seatNumber: String, isBooked: Bool, theaterId: Int64, performanceId: Int64
    var state: String, heldBy: String?, expiresInMs: Int?, bookingRef: String?, blockedReason: String?
    var row: String, number: Int, section: String, priceCents: Int, accessible: Bool

    init(seat: Seat, state: SeatState, performanceID: Int64) {
        id = seat.id; seatNumber = seat.label; theaterId = seat.theaterID; performanceId = performanceID
        row = seat.row; number = seat.number; section = seat.section; priceCents = seat.priceCents; accessible = seat.accessible
        self.state = state.name
        switch state {
        case .free: isBooked = false
        case .held(let clerk, _, let ms): isBooked = false; heldBy = clerk; expiresInMs = ms
        case .booked(let ref): isBooked = true; bookingRef = ref
        case .blocked(let reason): isBooked = false; blockedReason = reason
        }
    }

    // Keys with nil values are written as null, so every object has the same fields.
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(seatNumber, forKey: .seatNumber); try c.encode(isBooked, forKey: .isBooked)
        try c.encode(theaterId, forKey: .theaterId); try c.encode(performanceId, forKey: .performanceId)
        try c.encode(state, forKey: .state); try c.encode(heldBy, forKey: .heldBy); try c.encode(expiresInMs, forKey: .expiresInMs)
        try c.encode(bookingRef, forKey: .bookingRef); try c.encode(blockedReason, forKey: .blockedReason)
        try c.encode(row, forKey: .row); try c.encode(number, forKey: .number); try c.encode(section, forKey: .section)
        try c.encode(priceCents, forKey: .priceCents); try c.encode(accessible, forKey: .accessible)
    }

    enum CodingKeys: String, CodingKey {
        case id, seatNumber, isBooked, theaterId, performanceId, state, heldBy, expiresInMs, bookingRef, blockedReason
        case row, number, section, priceCents, accessible
    }
}
