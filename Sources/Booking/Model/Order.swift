import Foundation

/// A sale: one or more tickets (a seat each) of one performance, under a booking reference a clerk can read out on
/// the phone, with the payments and refunds made for it.
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
        self.tickets = seats
        self.totalCents = totalCents
        self.payments = payments
        self.collectBy = collectBy
        self.currency = currency
    }
}
