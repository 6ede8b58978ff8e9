import Foundation
import GRDB

/// Moving tickets to other seats: the new seats taken and the old freed in one transaction, or nothing changes.
public struct ExchangeRequest: Sendable {
    public var reference: String
    /// The tickets to move, by seat (nil: every active ticket).
    public var fromLabels: [String]?
    public var toPerformanceID: Int64
    public var toSeats: [Seat]
    /// The target performance's prices: each ticket keeps its type, priced for its new seat.
    public var prices: PriceList
    public var payments: [PaymentRequest]
    public var details: PaymentDetails
    public var refund: RefundChoice

    public init(reference: String, fromLabels: [String]?, toPerformanceID: Int64, toSeats: [Seat], prices: PriceList,
                payments: [PaymentRequest] = [], details: PaymentDetails = PaymentDetails(), refund: RefundChoice = .original) {
        self.reference = reference
        self.fromLabels = fromLabels
        self.toPerformanceID = toPerformanceID
        self.toSeats = toSeats
        self.prices = prices
        self.payments = payments
        self.details = details
        self.refund = refund
    }
}

public struct ExchangeResult: Sendable {
    public var order: Order
    public var fromPerformanceID: Int64
    public var moved: [(from: String, to: String)]
    public var collected: [PlannedPayment]
    public var refunds: [PlannedPayment]
}

extension SQLiteStore {
    public func exchange(_ request: ExchangeRequest, actor: Clerk, beforeCommit: () throws -> Void = {}) throws -> ExchangeResult {
        try write { db in
            try Self.expireUnpaid(db, actor: actor, performanceID: request.toPerformanceID)
            let order = try Self.order(db, reference: request.reference)
            if order.isCancelled { throw BookingError.invalidInput("Booking \(order.reference) is cancelled; there is nothing to exchange.") }
            let active = order.tickets.filter { $0.status == .active }
            var chosen = active
            if let labels = request.fromLabels {
                chosen = try labels.map { raw in
                    let label = raw.trimmingCharacters(in: .whitespaces).uppercased()
                    guard let t = active.first(where: { $0.label == label }) else {
                        throw BookingError.invalidInput("Booking \(order.reference) has no ticket for seat \(SafeText.display(raw, limit: 12)); its seats: \(active.map(\.label).joined(separator: ", ")).")
                    }
                    return t
                }
                if Set(chosen).count != chosen.count { throw BookingError.duplicateSeats(labels) }
            }
            guard chosen.count == request.toSeats.count else {
                throw BookingError.invalidInput("\(chosen.count) ticket\(chosen.count == 1 ? "" : "s") to move (\(chosen.map(\.label).joined(separator: ", "))) but \(request.toSeats.count) new seat\(request.toSeats.count == 1 ? "" : "s") named: old and new seats pair up in order, so the counts must match.")
            }
            if request.toPerformanceID != order.performanceID && chosen.count != active.count {
                // A booking's tickets are all of one performance (its reference, reports, the door and `cancel --performance`
                // rely on it), so only the whole booking moves; the clerk is told how to move some of it.
                throw BookingError.invalidInput("A booking moves to another performance whole (all its tickets are for one performance): leave out --seats, or name all its seats (\(active.map(\.label).joined(separator: ", "))). To move only \(chosen.map(\.label).joined(separator: ", ")), cancel \(chosen.count == 1 ? "it" : "them") (cancel \(order.reference) --seats …) and book a new booking there.")
            }
            let currency = order.currency
            // Priced before anything changes, so that a type not sold in a new seat's band refuses the whole exchange.
            let newPrices = try zip(chosen, request.toSeats).map { old, seat -> Int in
                guard let type = request.prices.types.first(where: { $0.id == old.typeID }) else {
                    throw BookingError.invalidInput("\(old.typeName) tickets are no longer sold, so seat \(old.label) cannot be exchanged.")
                }
                return try request.prices.require(band: seat.priceBand, type: type, seat: seat.label, currency: currency)
            }
            for t in chosen {
                try db.execute(sql: "UPDATE booked_seat SET status = 'exchanged', active = 0 WHERE id = ?", arguments: [t.ticketID])
            }
            // The old seats are free within this transaction: swapping seats inside one booking works.
            if let refusal = try Self.unsellable(db, performanceID: request.toPerformanceID, seats: request.toSeats) { throw refusal }
            for (i, seat) in request.toSeats.enumerated() {
                try Self.insertTicket(db, orderID: order.id, performanceID: request.toPerformanceID, seatID: seat.id,
                                      typeID: chosen[i].typeID, priceCents: newPrices[i])
            }
            let newTotal = order.totalCents - chosen.reduce(0) { $0 + $1.priceCents } + newPrices.reduce(0, +)
            try db.execute(sql: "UPDATE orders SET total_cents = ?, performance_id = ? WHERE id = ?",
                           arguments: [newTotal, request.toPerformanceID, order.id])
            let moved = zip(chosen, request.toSeats).map { (from: $0.label, to: $1.label) }
            let elsewhere = request.toPerformanceID != order.performanceID ? " to performance \(request.toPerformanceID)" : ""
            try Self.audit(db, actor: actor, action: "exchange", performanceID: order.performanceID, reference: order.reference,
                           seats: chosen.map(\.label),
                           detail: moved.map { "\($0.from)→\($0.to)" }.joined(separator: " ") + elsewhere
                               + ", total \(Money.format(order.totalCents, currency)) → \(Money.format(newTotal, currency))")
            let now = Date().millis
            let settle = order.balance.settle(newTotal: newTotal)
            var collected: [PlannedPayment] = []
            if settle.collect > 0 || !request.payments.isEmpty {
                let due = settle.collect > 0 ? settle.collect : newTotal - order.paidCents
                if request.payments.isEmpty {
                    throw BookingError.invalidInput("The new seats cost \(Money.format(due, currency)) more; take it with --pay (nothing was changed).")
                }
                if due <= 0 { throw BookingError.invalidInput("Nothing is due after this exchange; leave out --pay.") }
                collected = try PaymentPlan.plan(request.payments, due: due, details: request.details, currency: currency)
                try Self.insertPayments(db, orderID: order.id, reference: order.reference, performanceID: request.toPerformanceID,
                                        collected, kind: .payment, actor: actor, at: now, currency: currency)
                try db.execute(sql: "UPDATE orders SET collect_by = NULL WHERE id = ?", arguments: [order.id])
            }
            let refunds = try Self.refund(db, order: order, amount: settle.refund, choice: request.refund, reason: "exchange",
                                          actor: actor, at: now)
            try beforeCommit()
            guard let after = try Self.order(db, id: order.id) else { throw BookingError.unknownBooking(order.reference) }
            return ExchangeResult(order: after, fromPerformanceID: order.performanceID, moved: moved, collected: collected, refunds: refunds)
        }
    }
}
