import Foundation

/// What one seat of one performance is right now.
public enum SeatState: Sendable, Hashable, Codable {
    case free
    /// `expiresInMs` is counted from the moment the snapshot was read.
    case held(clerk: String, session: String, expiresInMs: Int)
    case booked(reference: String)
    case blocked(reason: String)
    /// Withheld from sale for a code (house seats, press, a production hold), until a time or until released; sold
    /// only by naming the code.
    case heldBack(code: String, until: Date?)

    public var name: String {
        switch self {
        case .free: "free"
        case .held: "held"
        case .booked: "booked"
        case .blocked: "blocked"
        case .heldBack: "held_back"
        }
    }
}

/// Every seat of a performance with its state: what a clerk's map draws.
public struct SeatMap: Sendable, Hashable {
    public var performance: Performance
    /// Seats in a stable order (by y, then x); `states[i]` belongs to `seats[i]`.
    public var seats: [Seat]
    public var states: [SeatState]
    /// The Redis version counter the holds were read at (0 when holds are offline).
    public var version: Int64
    /// False when Redis could not be read: holds are unknown, states come from SQLite alone.
    public var holdsOnline: Bool
    /// The prices and currency of this performance, for the picker's booking form (nil: not read).
    public var prices: PriceList?
    public var currency: Currency = .gbp
    /// Unpaid reservations (with a deadline) still waiting for their customers, across the box office.
    public var unpaidPending = 0
    /// Every seat held back, by index, whatever its state shows: one a clerk holds with the code shows `held`, and
    /// must go back to held back (not free) when that hold is let go or runs out.
    public var holdbacks: [Int: Holdback] = [:]

    public struct Holdback: Sendable, Hashable {
        public var code: String
        public var until: Date?
        public init(code: String, until: Date?) { self.code = code; self.until = until }

        /// A hold-back's code as a clerk types it: any case, spaces around ignored. The one rule, for the booking layer
        /// and the picker alike.
        public static func codeMatches(_ code: String, _ given: String?) -> Bool {
            guard let given else { return false }
            return code.trimmingCharacters(in: .whitespaces).caseInsensitiveCompare(given.trimmingCharacters(in: .whitespaces)) == .orderedSame
        }
    }

    /// What seat `i` is once a hold or booking on it is gone: held back again if it is, else free.
    public func stateWhenLetGo(_ i: Int) -> SeatState {
        holdbacks[i].map { .heldBack(code: $0.code, until: $0.until) } ?? .free
    }

    public init(performance: Performance, seats: [Seat], states: [SeatState], version: Int64, holdsOnline: Bool) {
        self.performance = performance
        self.seats = seats
        self.states = states
        self.version = version
        self.holdsOnline = holdsOnline
    }

    public func index(ofLabel label: String) -> Int? {
        seats.firstIndex { $0.label == label }
    }

    public var counts: (free: Int, held: Int, booked: Int, blocked: Int) {
        var c = (free: 0, held: 0, booked: 0, blocked: 0)
        for state in states {
            switch state {
            case .free: c.free += 1
            case .held: c.held += 1
            case .booked: c.booked += 1
            case .blocked, .heldBack: c.blocked += 1  // withheld from sale, either way
            }
        }
        return c
    }
}
