import Foundation
import GRDB

/// Moving tickets to other seats: the new seats taken and the old freed in one transaction, or nothing changes.
public struct ExchangeRequest: Sendable {
    public var reference: String
    /// The tickets to move, by seat (nil: every active ticket).
    public var fromLabels: [String]?
    /// Only tickets of this performance (nil: any): picks between two tickets of one seat label in a mixed booking.
    public var fromPerformanceID: Int64?
    public var toPerformanceID: Int64
    public var toSeats: [Seat]
    /// The target performance's prices: each ticket keeps its type, priced for its new seat.
    public var prices: PriceList
    public var payments: [PaymentRequest]
    public var details: PaymentDetails
    public var refund: RefundChoice
    /// The code of held-back seats among the new ones (house seats, press): without it they are refused, as for a booking.
    public var holdbackCode: String?

    public init(reference: String, fromLabels: [String]?, toPerformanceID: Int64, toSeats: [Seat], prices: PriceList,
                payments: [PaymentRequest] = [], details: PaymentDetails = PaymentDetails(), refund: RefundChoice = .original,
                fromPerformanceID: Int64? = nil, holdbackCode: String? = nil) {
        self.fromPerformanceID = fromPerformanceID
        self.holdbackCode = holdbackCode
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
    /// The booking's main performance before the exchange.
    public var fromPerformanceID: Int64
    /// The old seats freed, by the performance they were for (a mixed booking's may be of several).
    public var freedByPerformance: [(performanceID: Int64, labels: [String])]
    public var toPerformanceID: Int64
    public var moved: [(from: String, to: String)]
    public var collected: [PlannedPayment]
    public var refunds: [PlannedPayment]

    /// Without `freedByPerformance`, the old seats were all of `fromPerformanceID`; without `toPerformanceID`, the new
    /// ones are of the booking's main performance after it.
    public init(order: Order, fromPerformanceID: Int64, freedByPerformance: [(performanceID: Int64, labels: [String])]? = nil,
                toPerformanceID: Int64? = nil, moved: [(from: String, to: String)], collected: [PlannedPayment], refunds: [PlannedPayment]) {
        self.order = order
        self.fromPerformanceID = fromPerformanceID
        self.freedByPerformance = freedByPerformance ?? [(fromPerformanceID, moved.map(\.from))]
        self.toPerformanceID = toPerformanceID ?? order.performanceID
        self.moved = moved
        self.collected = collected
        self.refunds = refunds
    }
}

extension SQLiteStore {
    public func exchange(_ request: ExchangeRequest, actor: Clerk, beforeCommit: () throws -> Void = {}) throws -> ExchangeResult {
        try write { db in
            try Self.expireUnpaid(db, actor: actor, performanceID: request.toPerformanceID)
            let order = try Self.order(db, reference: request.reference)
            if order.isCancelled { throw BookingError.invalidInput("Booking \(order.reference) is cancelled; there is nothing to exchange.") }
            let chosen = try order.chooseTickets(request.fromLabels, performanceID: request.fromPerformanceID, option: "--from-performance")
            guard chosen.count == request.toSeats.count else {
                throw BookingError.invalidInput("\(chosen.count) ticket\(chosen.count == 1 ? "" : "s") to move (\(chosen.map(\.label).joined(separator: ", "))) but \(request.toSeats.count) new seat\(request.toSeats.count == 1 ? "" : "s") named: old and new seats pair up in order, so the counts must match.")
            }
            let target = request.toPerformanceID
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
            if let refusal = try Self.unsellable(db, performanceID: target, seats: request.toSeats, holdbackCode: request.holdbackCode) {
                throw refusal
            }
            for (i, seat) in request.toSeats.enumerated() {
                try Self.insertTicket(db, orderID: order.id, performanceID: target, seatID: seat.id,
                                      typeID: chosen[i].typeID, priceCents: newPrices[i])
            }
            let newTotal = order.totalCents - chosen.reduce(0) { $0 + $1.priceCents } + newPrices.reduce(0, +)
            // Each ticket keeps its own performance; the booking's main performance follows only when every active ticket
            // is now for the target (a whole move), so a partial move leaves it where it was booked.
            let staying = order.tickets.filter { $0.status == .active && !chosen.contains($0) }
            let main = staying.allSatisfy { $0.performanceID == target } ? target : order.performanceID
            try db.execute(sql: "UPDATE orders SET total_cents = ?, performance_id = ? WHERE id = ?",
                           arguments: [newTotal, main, order.id])
            let moved = zip(chosen, request.toSeats).map { (from: $0.label, to: $1.label) }
            let sources = Order.performanceIDs(of: chosen)
            let now = Date().millis
            let total = " total \(Money.format(order.totalCents, currency)) → \(Money.format(newTotal, currency))"
            for source in sources {
                let pairs = zip(chosen, request.toSeats).filter { $0.0.performanceID == source }
                var detail = pairs.map { "\($0.0.label)→\($0.1.label)" }.joined(separator: " ")
                if source != target {
                    detail += " to performance \(target)"
                    // The money the old tickets were paid moves with them, so each performance's figures stay its own.
                    let value = pairs.reduce(0) { $0 + $1.0.priceCents }
                    let amount = min(value, max(0, try Self.moneyHeld(db, orderID: order.id, performanceID: source)))
                    if amount > 0 {
                        try db.execute(sql: """
                            INSERT INTO money_moved (order_id, from_performance_id, to_performance_id, amount_cents, clerk, unix_user, at)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            """, arguments: [order.id, source, target, amount, actor.name, actor.unixUser, now])
                        detail += ", \(Money.format(amount, currency)) paid for them moved with them"
                    }
                }
                try Self.audit(db, actor: actor, action: "exchange", performanceID: source, reference: order.reference,
                               seats: pairs.map(\.0.label), detail: detail + "," + total)
                if source != target {
                    // The target performance's log shows the seats it gained, too.
                    try Self.audit(db, actor: actor, action: "exchange", performanceID: target, reference: order.reference,
                                   seats: pairs.map(\.1.label),
                                   detail: "from performance \(source): " + pairs.map { "\($0.0.label)→\($0.1.label)" }.joined(separator: " ") + "," + total)
                }
            }
            let settle = order.balance.settle(newTotal: newTotal)
            var collected: [PlannedPayment] = []
            if settle.collect > 0 || !request.payments.isEmpty {
                let due = settle.collect > 0 ? settle.collect : newTotal - order.paidCents
                if request.payments.isEmpty {
                    throw BookingError.invalidInput("The new seats cost \(Money.format(due, currency)) more; take it with --pay (nothing was changed).")
                }
                if due <= 0 { throw BookingError.invalidInput("Nothing is due after this exchange; leave out --pay.") }
                collected = try PaymentPlan.plan(request.payments, due: due, details: request.details, currency: currency)
                try Self.insertPayments(db, orderID: order.id, reference: order.reference, performanceID: target,
                                        collected, kind: .payment, actor: actor, at: now, currency: currency)
                try db.execute(sql: "UPDATE orders SET collect_by = NULL WHERE id = ?", arguments: [order.id])
            }
            let refunds = try Self.refund(db, order: order, amount: settle.refund, choice: request.refund, reason: "exchange",
                                          actor: actor, at: now, performanceID: target)
            try beforeCommit()
            guard let after = try Self.order(db, id: order.id) else { throw BookingError.unknownBooking(order.reference) }
            return ExchangeResult(order: after, fromPerformanceID: order.performanceID,
                                  freedByPerformance: sources.map { p in (p, chosen.filter { $0.performanceID == p }.map(\.label)) },
                                  toPerformanceID: target, moved: moved, collected: collected, refunds: refunds)
        }
    }

    /// The money of a booking that is for one performance: its ledger rows for it (payments less refunds and money
    /// retained) and the money exchanges moved to it, less what they moved away.
    static func moneyHeld(_ db: Database, orderID: Int64, performanceID: Int64) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: """
            SELECT (SELECT COALESCE(SUM(amount_cents), 0) FROM payment WHERE order_id = ?1 AND performance_id = ?2)
                 + (SELECT COALESCE(SUM(amount_cents), 0) FROM money_moved WHERE order_id = ?1 AND to_performance_id = ?2)
                 - (SELECT COALESCE(SUM(amount_cents), 0) FROM money_moved WHERE order_id = ?1 AND from_performance_id = ?2)
            """), arguments: [orderID, performanceID]) ?? 0
    }
}
