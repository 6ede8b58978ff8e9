import Foundation

/// A sale: one or more seats of one performance, under a booking reference a clerk can read out on the phone.
public struct Order: Sendable, Hashable, Codable {
    public struct Line: Sendable, Hashable, Codable {
        public var seatID: Int64
        public var label: String
        public var priceCents: Int
        public init(seatID: Int64, label: String, priceCents: Int) {
            self.seatID = seatID
            self.label = label
            self.priceCents = priceCents
        }
    }

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
    public var seats: [Line]
    public var totalCents: Int

    public var isCancelled: Bool { cancelledAt != nil }

    public init(id: Int64, reference: String, performanceID: Int64, customerName: String?, customerContact: String?,
                clerk: String, unixUser: String, idempotencyKey: String?, createdAt: Date, cancelledAt: Date?,
                seats: [Line], totalCents: Int) {
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
        self.seats = seats
        self.totalCents = totalCents
    }
}
