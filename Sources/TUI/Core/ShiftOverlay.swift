import Booking
import Foundation

/// `$`: the clerk's own shift so far, as `boxoffice report shift --clerk <me>` shows it (the booking layer's report,
/// read when the overlay opens). Any of its closing keys closes it; `r` reads it again.
public struct ShiftOverlay: Sendable {
    /// The clerk's figures from the start of today to now (empty: nothing sold, taken or refunded yet).
    public struct Figures: Sendable, Equatable {
        public var shifts: [ClerkShift]
        public var since: Date
        public var until: Date
        public init(shifts: [ClerkShift], since: Date, until: Date) {
            self.shifts = shifts
            self.since = since
            self.until = until
        }
    }

    public var figures: Figures?
    public var error: String?
    public var loading = true

    public init() {}

    /// `$`: open it and read the figures.
    static func open() -> Reply {
        var reply = Reply([.loadShift])
        reply.open(.shift(ShiftOverlay()))
        return reply
    }

    mutating func handleKey(_ key: Key) -> Reply {
        switch key {
        case .escape, .enter, .char("$"), .char("q"), .char(" "):
            var reply = Reply()
            reply.closeOverlay()
            return reply
        case .char("r"), .control("r"):
            loading = true
            return Reply([.loadShift])
        default:
            return Reply()
        }
    }

    mutating func loaded(_ result: Result<Figures, Failure>) {
        loading = false
        switch result {
        case .success(let figures):
            self.figures = figures
            error = nil
        case .failure(let failure):
            error = failure.message
        }
    }
}
