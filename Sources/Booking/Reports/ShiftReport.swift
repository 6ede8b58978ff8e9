import Foundation

/// A clerk's shift in numbers, for cashing up: bookings made, tickets by type, takings and refunds by payment method,
/// net, and the cash the drawer should hold (the float, plus cash taken, less cash refunded). Built from plain facts
/// (read from the ledger by the store), so the arithmetic is tested without a database.
public struct ClerkShift: Sendable, Equatable, Encodable {
    public var clerk: String
    public var bookings: Int
    /// Ticket type name → tickets sold.
    public var tickets: [String: Int]
    /// Payment method → minor units taken.
    public var takingsCents: [String: Int]
    /// Payment method → minor units refunded, as positive amounts.
    public var refundsCents: [String: Int]
    public var netCents: Int
    public var floatCents: Int
    public var expectedCashCents: Int
    /// With `--count`: what the clerk counted, and counted − expected (positive over, negative short).
    public var countedCents: Int?
    public var overShortCents: Int?

    enum CodingKeys: String, CodingKey {
        case clerk, bookings, tickets
        case takingsCents = "takings_cents", refundsCents = "refunds_cents", netCents = "net_cents"
        case floatCents = "float_cents", expectedCashCents = "expected_cash_cents"
        case countedCents = "counted_cents", overShortCents = "over_short_cents"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(clerk, forKey: .clerk)
        try c.encode(bookings, forKey: .bookings)
        try c.encode(tickets, forKey: .tickets)
        try c.encode(takingsCents, forKey: .takingsCents)
        try c.encode(refundsCents, forKey: .refundsCents)
        try c.encode(netCents, forKey: .netCents)
        try c.encode(floatCents, forKey: .floatCents)
        try c.encode(expectedCashCents, forKey: .expectedCashCents)
        try c.encodeIfPresent(countedCents, forKey: .countedCents)
        try c.encodeIfPresent(overShortCents, forKey: .overShortCents)
    }
}

/// What a shift is made of, as the store reads it for a time window.
public struct ShiftFacts: Sendable, Equatable {
    /// Bookings made in the window by one clerk: how many, and their tickets by type (the store counts them in SQL;
    /// tests may list one booking at a time).
    public struct Booking: Sendable, Equatable {
        public var clerk: String
        public var count: Int
        public var tickets: [String: Int]
        public init(clerk: String, count: Int, tickets: [String: Int]) {
            self.clerk = clerk
            self.count = count
            self.tickets = tickets
        }
        /// One booking and the type of each ticket it issued.
        public init(clerk: String, ticketTypes: [String]) {
            self.init(clerk: clerk, count: 1, tickets: ticketTypes.reduce(into: [:]) { $0[$1, default: 0] += 1 })
        }
    }

    /// Money in the window: who took (or gave back) it, how, and how much (refunds negative, as the ledger stores
    /// them); one row of the ledger, or the store's sum of many rows of one sign.
    public struct LedgerLine: Sendable, Equatable {
        public var clerk: String
        public var method: String
        public var amountCents: Int
        public init(clerk: String, method: String, amountCents: Int) {
            self.clerk = clerk
            self.method = method
            self.amountCents = amountCents
        }
    }

    public var bookings: [Booking]
    public var ledger: [LedgerLine]

    public init(bookings: [Booking], ledger: [LedgerLine]) {
        self.bookings = bookings
        self.ledger = ledger
    }
}

public enum ShiftReport {
    /// The methods every shift shows, even at zero, so a table and a CSV keep their columns from day to day.
    public static let standardMethods = ["cash", "card", "complimentary", "invoice"]

    /// One entry per clerk with a booking or a ledger row in the facts, by name; `float` is the cash the drawer
    /// started with, `counted` what was counted at the end (for one clerk's drawer).
    public static func build(_ facts: ShiftFacts, floatCents: Int = 0, countedCents: Int? = nil) -> [ClerkShift] {
        // One pass over each list (a busy day is 100,000 bookings), then each clerk's figures.
        let zero = Dictionary(uniqueKeysWithValues: Set(standardMethods).union(facts.ledger.map(\.method)).map { ($0, 0) })
        var shifts: [String: ClerkShift] = [:]
        func blank(_ clerk: String) -> ClerkShift {
            ClerkShift(clerk: clerk, bookings: 0, tickets: [:], takingsCents: zero, refundsCents: zero, netCents: 0,
                       floatCents: floatCents, expectedCashCents: 0)
        }
        for booking in facts.bookings {
            shifts[booking.clerk, default: blank(booking.clerk)].bookings += booking.count
            for (type, n) in booking.tickets { shifts[booking.clerk, default: blank(booking.clerk)].tickets[type, default: 0] += n }
        }
        for line in facts.ledger {
            if line.amountCents >= 0 { shifts[line.clerk, default: blank(line.clerk)].takingsCents[line.method, default: 0] += line.amountCents }
            else { shifts[line.clerk, default: blank(line.clerk)].refundsCents[line.method, default: 0] -= line.amountCents }
        }
        return shifts.keys.sorted().map { clerk in
            var s = shifts[clerk]!
            s.netCents = s.takingsCents.values.reduce(0, +) - s.refundsCents.values.reduce(0, +)
            s.expectedCashCents = floatCents + s.takingsCents["cash", default: 0] - s.refundsCents["cash", default: 0]
            s.countedCents = countedCents
            s.overShortCents = countedCents.map { $0 - s.expectedCashCents }
            return s
        }
    }

    /// Methods in a stable order: the standard four, then any other the ledger used, by name.
    public static func methods(in shifts: [ClerkShift]) -> [String] {
        let extra = Set(shifts.flatMap { $0.takingsCents.keys }).union(shifts.flatMap { $0.refundsCents.keys })
            .subtracting(standardMethods).sorted()
        return standardMethods + extra
    }
}
