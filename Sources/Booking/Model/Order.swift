import Foundation

/// A sale: one or more tickets (a seat each), under a booking reference a clerk can read out on the phone, with the
/// payments and refunds made for it. Each ticket names its own performance: a booking is made for one, and an exchange
/// of some of its tickets to another performance leaves it holding tickets of both (a "mixed" booking). Whatever asks
/// which performance a ticket is for reads the ticket's `performanceID`, never the booking's.
public struct Order: Sendable, Hashable, Codable {
    /// One ticket: a seat of the booking with its type and price.
    public struct Line: Sendable, Hashable, Codable {
        public enum Status: String, Sendable, Hashable, Codable { case active, cancelled, exchanged }

        public var seatID: Int64
        public var label: String
        public var priceCents: Int
        public var ticketID: Int64
        public var typeName: String
        public var status: Status
        public var performanceID: Int64
        public var typeID: Int64
        /// The code printed on the ticket and scanned at the door (`TicketCode`'s ten characters).
        public var code: String?

        public init(seatID: Int64, label: String, priceCents: Int, ticketID: Int64 = 0, typeName: String = "Adult",
                    status: Status = .active, performanceID: Int64 = 0, typeID: Int64 = 0, code: String? = nil) {
            self.code = code
            self.typeID = typeID
            self.seatID = seatID
            self.label = label
            self.priceCents = priceCents
            self.ticketID = ticketID
            self.typeName = typeName
            self.status = status
            self.performanceID = performanceID
        }
    }

    public enum Status: String, Sendable, Hashable, Codable { case paid, unpaid, cancelled }

    public var id: Int64
    public var reference: String
    /// The booking's main performance (`orders.performance_id`): the one it was booked for, or, once an exchange moved
    /// every active ticket to another performance, that one. A partial exchange to another performance leaves it as it
    /// was. It names the booking (lists, the picker's "performance N" of a result); it never says where a ticket is.
    public var performanceID: Int64
    public var customerName: String?
    public var customerContact: String?
    public var clerk: String
    public var unixUser: String
    public var idempotencyKey: String?
    public var createdAt: Date
    public var cancelledAt: Date?
    /// Every ticket the booking ever had, cancelled and exchanged ones too.
    public var tickets: [Line]
    /// The price of its active tickets.
    public var totalCents: Int
    /// The ledger, oldest first: payments positive, refunds negative.
    public var payments: [Payment]
    /// An unpaid reservation's deadline: past it, the seats go back on sale.
    public var collectBy: Date?
    public var currency: Currency

    public var isCancelled: Bool { cancelledAt != nil }

    /// The seats that count now: the active tickets, or for a cancelled booking those it gave up.
    public var seats: [Line] {
        let active = tickets.filter { $0.status == .active }
        return active.isEmpty && isCancelled ? tickets.filter { $0.status == .cancelled } : active
    }

    /// The performances of `lines`, each once, in the order of its first line.
    public static func performanceIDs(of lines: [Line]) -> [Int64] {
        var ids: [Int64] = []
        for line in lines where !ids.contains(line.performanceID) { ids.append(line.performanceID) }
        return ids
    }

    /// The performances of `seats`, the main one first, then in the order of their first seat.
    public var performanceIDs: [Int64] {
        var ids = Self.performanceIDs(of: seats)
        if let i = ids.firstIndex(of: performanceID), i > 0 { ids.insert(ids.remove(at: i), at: 0) }
        return ids.isEmpty ? [performanceID] : ids
    }

    /// True when the booking's seats are for more than one performance (after a partial exchange to another).
    public var isMixed: Bool { performanceIDs.count > 1 }

    /// The seats that count now (`seats`) of one performance.
    public func seats(of performanceID: Int64) -> [Line] { seats.filter { $0.performanceID == performanceID } }

    /// The active tickets a clerk names by seat (nil: every active ticket), optionally only those of one performance.
    /// A label names one ticket: when the same seat label is booked for two performances of this booking, the clerk
    /// must say which (`--performance`), so a cancellation or exchange never guesses. One home for this rule: cancel,
    /// exchange and the picker all choose tickets here.
    public func chooseTickets(_ labels: [String]?, performanceID: Int64? = nil, option: String = "--performance") throws -> [Line] {
        let active = tickets.filter { $0.status == .active }
        let candidates = performanceID.map { p in active.filter { $0.performanceID == p } } ?? active
        if let performanceID, candidates.isEmpty {
            let held = Set(active.map(\.performanceID)).sorted().map(String.init).joined(separator: ", ")
            throw BookingError.invalidInput("Booking \(reference) has no active ticket for performance \(performanceID)"
                                            + (held.isEmpty ? "." : "; its tickets are for performance \(held)."))
        }
        guard let labels else { return candidates }
        guard !labels.isEmpty else { throw BookingError.noSeats }
        var chosen: [Line] = []
        for raw in labels {
            let label = raw.trimmingCharacters(in: .whitespaces).uppercased()
            let matches = candidates.filter { $0.label == label }
            guard let t = matches.first else {
                throw BookingError.invalidInput("Booking \(reference) has no ticket for seat \(SafeText.display(raw, limit: 12))"
                                                + "\(performanceID.map { " of performance \($0)" } ?? ""); its seats: \(Self.describe(candidates)).")
            }
            if matches.count > 1 {
                let ids = matches.map { String($0.performanceID) }.joined(separator: " and ")
                throw BookingError.invalidInput("Booking \(reference) has seat \(label) for performances \(ids): name one with \(option) <id>.")
            }
            if chosen.contains(t) { throw BookingError.duplicateSeats([label]) }
            chosen.append(t)
        }
        return chosen
    }

    /// Seat labels, each performance's apart when they are several: "A1, A2" or "A1, A2 (performance 3); B5 (performance 4)".
    public static func describe(_ lines: [Line], separator: String = ", ") -> String {
        describe(lines, performances: performanceIDs(of: lines), separator: separator)
    }

    /// `seats` described, the main performance's first: "A1 A2" or "A1 (performance 3); B5 (performance 4)".
    public func describeSeats(separator: String = " ") -> String {
        Self.describe(seats, performances: performanceIDs, separator: separator)
    }

    private static func describe(_ lines: [Line], performances ids: [Int64], separator: String) -> String {
        if ids.count <= 1 { return lines.map(\.label).joined(separator: separator) }
        return ids.map { id in
            lines.filter { $0.performanceID == id }.map(\.label).joined(separator: separator) + " (performance \(id))"
        }.joined(separator: "; ")
    }

    public var paidCents: Int { payments.reduce(0) { $0 + $1.amountCents } }
    public var changeCents: Int { payments.reduce(0) { $0 + ($1.changeCents ?? 0) } }
    public var balance: Balance {
        Balance(totalCents: totalCents, paidCents: paidCents, hasPayment: payments.contains { $0.kind == .payment })
    }
    public var status: Status { isCancelled ? .cancelled : balance.isPaid ? .paid : .unpaid }

    public init(id: Int64, reference: String, performanceID: Int64, customerName: String?, customerContact: String?,
                clerk: String, unixUser: String, idempotencyKey: String?, createdAt: Date, cancelledAt: Date?,
                seats: [Line], totalCents: Int, payments: [Payment] = [], collectBy: Date? = nil, currency: Currency = .gbp) {
        self.id = id
        self.reference = reference
        self.performanceID = performanceID
        self.customerName = customerName
        self.customerContact = customerContact
        self.clerk = clerk
        self.unixUser = unixUser
        self.idempotencyKey = idempotencyKey
        self.createdAt = createdAt
        self.cancelledAt = cancelledAt
        // A line made without its performance (0, the Line's default) is for the booking's.
        self.tickets = seats.map { line in
            var line = line
            if line.performanceID == 0 { line.performanceID = performanceID }
            return line
        }
        self.totalCents = totalCents
        self.payments = payments
        self.collectBy = collectBy
        self.currency = currency
    }
}
