import ArgumentParser
import Booking
import Foundation

struct SeatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "seats", abstract: "List a performance's seats and their states.")

    @OptionGroup var clerk: ClerkOptions
    @OptionGroup var target: PerformanceOptions
    @Flag(help: "Only the seats still free.") var available = false
    @Flag(help: "Print JSON (the old service's fields plus state, held_by, expires_in_ms, booking_ref).") var json = false

    func run() throws {
        let box = try clerk.open()
        let (performance, note) = try target.resolve(box, purpose: .view)
        let map = try box.snapshot(performanceID: performance.id)
        var rows = zip(map.seats, map.states).map { ($0, $1) }
        if available { rows = rows.filter { $0.1 == .free } }
        if let note { FileHandle.standardError.write(Data((note + "\n").utf8)) }
        if !map.holdsOnline { FileHandle.standardError.write(Data("Holds are offline (Redis cannot be reached): held seats show as free.\n".utf8)) }
        if json { return try JSONOutput.print(rows.map { SeatJSON(seat: $0.0, state: $0.1, performanceID: performance.id) }) }
        print("\(performance.theaterName) · \(performance.title) · \(Format.startTime(performance.startsAt)) (performance \(performance.id))")
        var table = Table("SEAT", "SECTION", "PRICE", "STATE", "DETAIL", rightAligned: [2])
        for (seat, state) in rows {
            let detail: String = switch state {
            case .free: seat.accessible ? "wheelchair space" : ""
            case .held(let clerk, _, let ms): "\(clerk), \(Format.duration(ms: ms)) left"
            case .booked(let ref): "booking \(ref)"
            case .blocked(let reason): reason
            }
            table.add(seat.label, seat.section, Format.money(cents: seat.priceCents), state.name, detail)
        }
        print(table.text)
        let c = map.counts
        print("\(c.free) free, \(c.held) held, \(c.booked) booked, \(c.blocked) blocked")
    }
}

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
