import Foundation
import GRDB

/// How a cancellation or exchange gives money back.
public enum RefundChoice: Sendable, Hashable {
    /// To the methods paid, largest first.
    case original
    case to(PaymentMethod)
    /// Nothing goes back (the money is kept).
    case none

    public static func parse(_ text: String) throws -> RefundChoice {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t == "none" { return .none }
        if t == "original" { return .original }
        let m = try PaymentMethod.named(t)
        guard [.cash, .card, .invoice, .external].contains(m) else {
            throw BookingError.invalidInput("A refund goes back as cash, card, invoice or external (or none), not \(m.rawValue).")
        }
        return .to(m)
    }
}

/// What a cancellation did: the booking after it, the seats it freed and the refunds it made.
public struct CancelResult: Sendable {
    public var order: Order
    public var alreadyCancelled: Bool
    public var freed: [String]
    public var refunds: [PlannedPayment]
    /// `freed` by performance (a mixed booking's seats are of several), for the maps to hear of.
    public var freedByPerformance: [(performanceID: Int64, labels: [String])] = []
}

/// Tickets, the payments ledger, cancellations and unpaid reservations.
extension SQLiteStore {
    static func adultTypeID(_ db: Database) throws -> Int64 {
        guard let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM ticket_type WHERE name = 'Adult' ORDER BY removed_at IS NOT NULL, id LIMIT 1")) else {
            throw BookingError.databaseUnavailable("it has no Adult ticket type; run `boxoffice init`.")
        }
        return id
    }

    /// Returns the ticket's id and code (issued from its id: `IssuedCodes`).
    @discardableResult
    static func insertTicket(_ db: Database, orderID: Int64, performanceID: Int64, seatID: Int64, typeID: Int64,
                             priceCents: Int, issued: IssuedCodes? = nil, memo: BatchMemo? = nil) throws -> (id: Int64, code: String) {
        // Every ticket is born with its code (the door's); an exchange writes a new ticket, so a new code.
        let (id, code) = try nextTicket(db, issued ?? IssuedCodes.read(db), memo: memo)
        try db.cachedStatement(sql: """
            INSERT INTO booked_seat (id, order_id, performance_id, seat_id, ticket_type_id, price_cents, code) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [id, orderID, performanceID, seatID, typeID, priceCents, code.value])
        return (id, code.value)
    }

    static func currency(_ db: Database) throws -> Currency {
        guard let code = try String.fetchOne(db.cachedStatement(sql: "SELECT currency FROM box_office WHERE id = 1")) else { return .gbp }
        return (try? Currency(parsing: code)) ?? .gbp
    }

    static func ledger(_ db: Database, orderID: Int64) throws -> [Payment] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM payment WHERE order_id = ? ORDER BY id"), arguments: [orderID]).map {
            Payment(method: PaymentMethod(rawValue: $0["method"]) ?? .external, amountCents: $0["amount_cents"],
                    kind: Payment.Kind(rawValue: $0["kind"]) ?? .payment, tenderedCents: $0["tendered_cents"],
                    changeCents: $0["change_cents"], reference: $0["reference"], account: $0["account"], reason: $0["reason"],
                    clerk: $0["clerk"], unixUser: $0["unix_user"], at: Date(millis: $0["at"]))
        }
    }

    /// Appends payments (or, with kind refund or retained, refunds or money kept: the amounts given positive, written
    /// negative) and audits each. Each row names the performance its money is for (`payment.performance_id`): the
    /// reports add money up per performance from it, so a mixed booking's money is not all put on one performance.
    static func insertPayments(_ db: Database, orderID: Int64, reference: String, performanceID: Int64, _ payments: [PlannedPayment],
                               kind: Payment.Kind, actor: Clerk, at: Int64, currency: Currency) throws {
        for p in payments {
            let amount = kind == .payment ? p.amountCents : -p.amountCents
            try db.cachedStatement(sql: """
                INSERT INTO payment (order_id, method, amount_cents, kind, tendered_cents, change_cents, reference, account, reason,
                                     clerk, unix_user, at, performance_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [orderID, p.method.rawValue, amount, kind.rawValue, p.tenderedCents, p.changeCents,
                                         p.reference, p.account, p.reason, actor.name, actor.unixUser, at, performanceID])
            var detail = "\(p.method.rawValue) \(Money.format(amount, currency))"
            if let t = p.tenderedCents { detail += ", tendered \(Money.format(t, currency)), change \(Money.format(p.changeCents ?? 0, currency))" }
            if let r = p.reference { detail += ", reference \(r)" }
            if let a = p.account { detail += ", account \(a)" }
            if let r = p.reason { detail += ", reason \(r)" }
            try audit(db, actor: actor, action: kind == .payment ? "pay" : kind == .refund ? "refund" : "retain", performanceID: performanceID,
                      reference: reference, detail: detail)
        }
    }

    /// The order under a reference, read inside the caller's transaction.
    static func order(_ db: Database, reference: String) throws -> Order {
        guard let row = try orderRow(db, reference: reference) else {
            throw BookingError.unknownBooking(reference)
        }
        return try order(db, row)
    }

    /// Records the refunds a change owes (per `choice`), and returns them.
    /// `performanceID` is the performance the money goes back from (the tickets given up were for it).
    static func refund(_ db: Database, order: Order, amount: Int, choice: RefundChoice, reason: String?, actor: Clerk,
                       at: Int64, performanceID: Int64) throws -> [PlannedPayment] {
        guard amount > 0 else { return [] }
        let named: PaymentMethod?
        switch choice {
        case .none:
            // Nothing goes back, and the ledger says so: the money kept is a row of its own, so the books still balance.
            let kept = Refunds.allocateKept(amount, paid: Refunds.netByMethod(order.payments))
                .map { PlannedPayment(method: $0.method, amountCents: $0.amount, reason: reason ?? "no refund") }
            try insertPayments(db, orderID: order.id, reference: order.reference, performanceID: performanceID, kept,
                               kind: .retained, actor: actor, at: at, currency: order.currency)
            return []
        case .original: named = nil
        case .to(let m): named = m
        }
        let parts = try Refunds.allocate(amount, paid: Refunds.netByMethod(order.payments), to: named, currency: order.currency)
        let refunds = parts.map { PlannedPayment(method: $0.method, amountCents: $0.amount, reason: reason) }
        try insertPayments(db, orderID: order.id, reference: order.reference, performanceID: performanceID, refunds,
                           kind: .refund, actor: actor, at: at, currency: order.currency)
        return refunds
    }

    // MARK: Paying later

    /// Pays what is due on a booking, in one transaction. The plan is made inside it, against the balance of that moment.
    public func pay(reference: String, requests: [PaymentRequest], details: PaymentDetails, actor: Clerk) throws -> Order {
        try write { db in
            try Self.expireUnpaid(db, actor: actor, performanceID: nil)
            let order = try Self.order(db, reference: reference)
            if order.isCancelled {
                throw BookingError.invalidInput("Booking \(order.reference) is cancelled; nothing can be paid on it.")
            }
            let due = order.balance.dueCents
            if due <= 0 && order.balance.hasPayment {
                throw BookingError.invalidInput("Booking \(order.reference) is paid in full; nothing is due.")
            }
            let allComp = order.seats.allSatisfy { $0.typeName == "Complimentary" }
            let plan = try PaymentPlan.plan(requests, due: max(0, due), details: details, allComplimentary: allComp, currency: order.currency)
            let now = Date().millis
            try Self.insertPayments(db, orderID: order.id, reference: order.reference, performanceID: order.performanceID, plan,
                                    kind: .payment, actor: actor, at: now, currency: order.currency)
            try Self.spread(db, order: order, paid: plan.reduce(0) { $0 + $1.amountCents }, actor: actor, at: now)
            try db.execute(sql: "UPDATE orders SET collect_by = NULL WHERE id = ?", arguments: [order.id])
            return try Self.order(db, reference: order.reference)
        }
    }

    /// A mixed booking's payment is one ledger row, written for its main performance: the part of it that pays for
    /// another performance's tickets (what they still lacked) is moved to that performance, as an exchange moves money.
    static func spread(_ db: Database, order: Order, paid: Int, actor: Clerk, at: Int64) throws {
        var left = paid
        for other in order.performanceIDs where other != order.performanceID && left > 0 {
            let value = order.seats(of: other).reduce(0) { $0 + $1.priceCents }
            let amount = min(left, value - (try moneyHeld(db, orderID: order.id, performanceID: other)))
            guard amount > 0 else { continue }
            try db.execute(sql: """
                INSERT INTO money_moved (order_id, from_performance_id, to_performance_id, amount_cents, clerk, unix_user, at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [order.id, order.performanceID, other, amount, actor.name, actor.unixUser, at])
            left -= amount
        }
    }

    // MARK: Cancelling

    /// Cancels a booking (or, with `labels` or `performanceID`, some of its tickets) and refunds what the cancelled tickets were paid,
    /// all in one transaction. Cancelling a cancelled booking whole changes nothing.
    public func cancel(reference: String, labels: [String]? = nil, performanceID: Int64? = nil, refund choice: RefundChoice = .original,
                       reason: String? = nil, actor: Clerk) throws -> CancelResult {
        try write { db in
            let order = try Self.order(db, reference: reference)
            if order.isCancelled {
                if labels != nil || performanceID != nil { throw BookingError.invalidInput("Booking \(order.reference) is already cancelled.") }
                return CancelResult(order: order, alreadyCancelled: true, freed: [], refunds: [])
            }
            return try Self.cancel(db, order: order, labels: labels, performanceID: performanceID, refund: choice, reason: reason,
                                   action: "cancel", actor: actor)
        }
    }

    /// Cancels the chosen tickets (`labels`, or all; with `performanceID`, only that performance's) and refunds what
    /// they were paid. A booking whose every active ticket goes is cancelled whole; a mixed booking losing one
    /// performance's tickets keeps the others. The tickets go performance by performance, each group's refund written
    /// (and audited) against its own performance, so the reports' money per performance stays right.
    static func cancel(_ db: Database, order: Order, labels: [String]?, performanceID: Int64? = nil, refund choice: RefundChoice,
                       reason: String?, action: String, actor: Clerk) throws -> CancelResult {
        let chosen = try order.chooseTickets(labels, performanceID: performanceID)
        let groups = Order.performanceIDs(of: chosen)
        let now = Date().millis
        let activeBefore = order.tickets.filter { $0.status == .active }.count
        var current = order
        var refunds: [PlannedPayment] = []
        for group in groups {
            let lines = chosen.filter { $0.performanceID == group }
            for t in lines {
                try db.execute(sql: "UPDATE booked_seat SET status = 'cancelled', active = 0 WHERE id = ?", arguments: [t.ticketID])
            }
            let whole = current.tickets.filter { $0.status == .active }.count == lines.count
            let newTotal = current.totalCents - lines.reduce(0) { $0 + $1.priceCents }
            try db.execute(sql: "UPDATE orders SET total_cents = ?, cancelled_at = ?, cancel_reason = ?, collect_by = CASE WHEN ? THEN NULL ELSE collect_by END WHERE id = ?",
                           arguments: [newTotal, whole ? now : nil, whole ? reason : nil, whole, order.id])
            var detail = whole && chosen.count == activeBefore ? "whole booking" : "\(lines.count) of \(activeBefore) tickets"
            if groups.count > 1 || order.isMixed { detail += " (performance \(group))" }
            if let reason { detail += ", reason: \(reason)" }
            try audit(db, actor: actor, action: action, performanceID: group, reference: order.reference,
                      seats: lines.map(\.label), detail: detail)
            let owed = current.refundOwed(cancelling: lines)
            refunds += try refund(db, order: current, amount: owed, choice: choice, reason: reason, actor: actor, at: now,
                                  performanceID: group)
            guard let after = try Self.order(db, id: order.id) else { throw BookingError.unknownBooking(order.reference) }
            current = after
        }
        return CancelResult(order: current, alreadyCancelled: false, freed: chosen.map(\.label), refunds: refunds,
                            freedByPerformance: groups.map { g in (g, chosen.filter { $0.performanceID == g }.map(\.label)) })
    }

    /// Cancels every live ticket of a performance (a cancelled show), each booking refunded as `choice` says, in one
    /// transaction. A booking all of whose tickets are for it is cancelled whole; a mixed booking keeps its others.
    public func cancelPerformance(_ performanceID: Int64, refund choice: RefundChoice, reason: String?, actor: Clerk) throws -> [CancelResult] {
        try write { db in
            // From the performance's active tickets (the seat-ownership index), not a scan of every booking.
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM orders WHERE cancelled_at IS NULL
                  AND id IN (SELECT order_id FROM booked_seat WHERE performance_id = ? AND active = 1)
                ORDER BY id
                """, arguments: [performanceID])
            return try rows.map { row in
                try Self.cancel(db, order: try Self.order(db, row), labels: nil, performanceID: performanceID, refund: choice,
                                reason: reason ?? "performance cancelled", action: "cancel", actor: actor)
            }
        }
    }

    // MARK: Unpaid reservations

    /// Cancels every unpaid reservation whose deadline has passed (holding a seat of one performance, or all), freeing
    /// its seats (a mixed booking's, of every performance: it was not paid for any of them).
    /// Runs inside the caller's write; a reservation with money on it waits for a clerk instead.
    @discardableResult
    static func expireUnpaid(_ db: Database, actor: Clerk, performanceID: Int64?, now: Int64 = Date().millis) throws -> [CancelResult] {
        // Rows, not `Int64.fetchAll`: every booking runs this, and that generic fetch's first use in a process checks
        // two types at run time (each a scan of the binary's ~7,000 conformance records).
        var ids: [Int64] = []
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT id FROM orders WHERE collect_by IS NOT NULL AND cancelled_at IS NULL AND collect_by < ?1
              AND (?2 IS NULL OR EXISTS (SELECT 1 FROM booked_seat b WHERE b.order_id = orders.id AND b.performance_id = ?2 AND b.active = 1))
              AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.order_id = orders.id)
            """), arguments: [now, performanceID])
        while let row = try rows.next() { ids.append(row[0]) }
        return try ids.compactMap { id in
            guard let order = try Self.order(db, id: id) else { return nil }
            return try cancel(db, order: order, labels: nil, refund: .none, reason: "unpaid by its deadline", action: "expire", actor: actor)
        }
    }

    /// True when some unpaid reservation is past its deadline: one indexed read, so that every read of a map can ask.
    public func hasExpiredUnpaid(now: Date = Date()) throws -> Bool {
        try readOneStatement { db in
            try Bool.fetchOne(db.cachedStatement(sql: """
                SELECT 1 FROM orders WHERE collect_by IS NOT NULL AND cancelled_at IS NULL AND collect_by < ? LIMIT 1
                """), arguments: [now.millis]) ?? false
        }
    }

    public func expireUnpaid(actor: Clerk) throws -> [CancelResult] {
        try write { db in try Self.expireUnpaid(db, actor: actor, performanceID: nil) }
    }

    /// Unpaid reservations still waiting for their customer (with a deadline), for the picker's status line.
    public func pendingUnpaidCount() throws -> Int {
        try readOneStatement { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM orders WHERE collect_by IS NOT NULL AND cancelled_at IS NULL") ?? 0
        }
    }
}
