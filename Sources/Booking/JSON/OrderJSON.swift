import Foundation

public struct OrderJSON: Encodable {
    public var reference: String, performanceId: Int64, customerName: String?, customerContact: String?
    public var clerk: String, unixUser: String, idempotencyKey: String?, createdAt: Date, cancelledAt: Date?
    public var seats: [Line], totalCents: Int, total: String, replay: Bool?
    public struct Line: Encodable { var seatNumber: String, priceCents: Int }

    public init(_ o: Order, replay: Bool?) {
        reference = o.reference; performanceId = o.performanceID; customerName = o.customerName
        customerContact = o.customerContact; clerk = o.clerk; unixUser = o.unixUser; idempotencyKey = o.idempotencyKey
        createdAt = o.createdAt; cancelledAt = o.cancelledAt; totalCents = o.totalCents; total = Format.money(cents: o.totalCents)
        seats = o.seats.map { Line(seatNumber: $0.label, priceCents: $0.priceCents) }
        self.replay = replay
    }
}
