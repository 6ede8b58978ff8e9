import Booking
import Foundation

struct SeatJSON: Encodable {
    var id: Int64, seatNumber: String, isBooked: Bool, theaterId: Int64, performanceId: Int64
    var state: String, heldBy: String?, expiresInMs: Int?, bookingRef: String?, blockedReason: String?
    var row: String, number: Int, section: String, priceCents: Int, accessible: Bool
    /// The seat's price band, its view, and its place on the map (seat widths from the left and rows from the stage,
    /// gaps included; the picker adds a line naming each section), so other tools can draw the plan.
    var band: String, restrictedView: Bool, mapColumn: Int, mapLine: Int
    var holdbackCode: String?, holdbackUntil: Date?

    init(seat: Seat, state: SeatState, performanceID: Int64) {
        id = seat.id; seatNumber = seat.label; theaterId = seat.theaterID; performanceId = performanceID
        row = seat.row; number = seat.number; section = seat.section; priceCents = seat.priceCents; accessible = seat.accessible
        band = seat.priceBand; restrictedView = seat.restrictedView; mapColumn = seat.x; mapLine = seat.y
        self.state = state.name
        switch state {
        case .free: isBooked = false
        case .held(let clerk, _, let ms): isBooked = false; heldBy = clerk; expiresInMs = ms
        case .booked(let ref): isBooked = true; bookingRef = ref
        case .blocked(let reason): isBooked = false; blockedReason = reason
        case .heldBack(let code, let until): isBooked = false; holdbackCode = code; holdbackUntil = until
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
        try c.encode(band, forKey: .band); try c.encode(restrictedView, forKey: .restrictedView)
        try c.encode(mapColumn, forKey: .mapColumn); try c.encode(mapLine, forKey: .mapLine)
        try c.encode(holdbackCode, forKey: .holdbackCode); try c.encode(holdbackUntil, forKey: .holdbackUntil)
    }

    enum CodingKeys: String, CodingKey {
        case id, seatNumber, isBooked, theaterId, performanceId, state, heldBy, expiresInMs, bookingRef, blockedReason
        case row, number, section, priceCents, accessible, band, restrictedView, mapColumn, mapLine, holdbackCode, holdbackUntil
    }
}
