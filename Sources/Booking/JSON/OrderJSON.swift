import Foundation

public struct OrderJSON: Encodable {
    public var reference: String, performanceId: Int64, customerName: String?, customerContact: String?
    public var clerk: String, unixUser: String, idempotencyKey: String?, createdAt: Date, cancelledAt: Date?
    public var seats: [Line], totalCents: Int, total: String, replay: Bool?
    public var status: String, paidCents: Int, changeCents: Int, currency: String, collectBy: Date?
    public var tickets: [Ticket], payments: [PaymentJSON]
    /// Money kept by a cancellation without refund (`--refund none`): apart from `payments`, whose kinds stay the
    /// issue's `payment` and `refund`, so `paid_cents` is still payments less refunds, as clients read it.
    public var retainedCents: Int, retained: [PaymentJSON]
    public struct Line: Encodable { var seatNumber: String, priceCents: Int, performanceId: Int64 }
    public struct Ticket: Encodable { var seatNumber: String, type: String, priceCents: Int, status: String, performanceId: Int64, code: String? }

    public init(_ o: Order, replay: Bool?) {
        reference = o.reference; performanceId = o.performanceID; customerName = o.customerName
        customerContact = o.customerContact; clerk = o.clerk; unixUser = o.unixUser; idempotencyKey = o.idempotencyKey
        createdAt = o.createdAt; cancelledAt = o.cancelledAt; totalCents = o.totalCents; total = Money.format(o.totalCents, o.currency)
        // Each seat and ticket names its own performance: after a partial exchange they may differ from `performance_id`.
        seats = o.seats.map { Line(seatNumber: $0.label, priceCents: $0.priceCents, performanceId: $0.performanceID) }
        self.replay = replay
        let (kept, money) = (o.payments.filter { $0.kind == .retained }, o.payments.filter { $0.kind != .retained })
        status = o.status.rawValue; paidCents = money.reduce(0) { $0 + $1.amountCents }; changeCents = o.changeCents; currency = o.currency.code
        collectBy = o.collectBy
        tickets = o.tickets.map { Ticket(seatNumber: $0.label, type: $0.typeName, priceCents: $0.priceCents, status: $0.status.rawValue,
                                         performanceId: $0.performanceID, code: $0.code) }
        payments = money.map(PaymentJSON.init)
        retainedCents = -kept.reduce(0) { $0 + $1.amountCents }
        retained = kept.map(PaymentJSON.init)
    }

    /// The same fields written by `JSONText` (the HTTP server's booking replies): Foundation's JSONEncoder was about 7 %
    /// of a booking's CPU in the server. Absent optionals are left out, as the encoder leaves them out;
    /// `OrderJSONTests` checks that both write the same text (but for empty arrays, `[]` here).
    public var json: JSONText {
        .object(present([
            ("cancelled_at", .date(cancelledAt)), ("change_cents", .int(changeCents)), ("clerk", .string(clerk)),
            ("collect_by", .date(collectBy)), ("created_at", .date(createdAt)), ("currency", .string(currency)),
            ("customer_contact", .string(customerContact)), ("customer_name", .string(customerName)),
            ("idempotency_key", .string(idempotencyKey)), ("paid_cents", .int(paidCents)),
            ("payments", .array(payments.map(\.json))), ("performance_id", .int(performanceId)),
            ("reference", .string(reference)), ("replay", replay.map { .bool($0) } ?? .null),
            ("retained", .array(retained.map(\.json))), ("retained_cents", .int(retainedCents)),
            ("seats", .array(seats.map {
                .object([("performance_id", .int($0.performanceId)), ("price_cents", .int($0.priceCents)), ("seat_number", .string($0.seatNumber))])
            })),
            ("status", .string(status)),
            ("tickets", .array(tickets.map { t in
                .object(present([("code", .string(t.code)), ("performance_id", .int(t.performanceId)), ("price_cents", .int(t.priceCents)),
                                 ("seat_number", .string(t.seatNumber)), ("status", .string(t.status)), ("type", .string(t.type))]))
            })),
            ("total", .string(total)), ("total_cents", .int(totalCents)), ("unix_user", .string(unixUser)),
        ]))
    }
}

public struct PaymentJSON: Encodable {
    public var method: String, amountCents: Int, kind: String, clerk: String, unixUser: String, at: Date
    public var tenderedCents: Int?, changeCents: Int?, reference: String?, account: String?, reason: String?

    public init(_ p: Payment) {
        method = p.method.rawValue; amountCents = p.amountCents; kind = p.kind.rawValue; clerk = p.clerk; unixUser = p.unixUser
        at = p.at; tenderedCents = p.tenderedCents; changeCents = p.changeCents; reference = p.reference; account = p.account
        reason = p.reason
    }

    /// As JSONEncoder writes it (see `OrderJSON.json`).
    public var json: JSONText {
        .object(present([
            ("account", .string(account)), ("amount_cents", .int(amountCents)), ("at", .date(at)), ("change_cents", .int(changeCents)),
            ("clerk", .string(clerk)), ("kind", .string(kind)), ("method", .string(method)), ("reason", .string(reason)),
            ("reference", .string(reference)), ("tendered_cents", .int(tenderedCents)), ("unix_user", .string(unixUser)),
        ]))
    }
}

/// How a booking reads on one line of text: its seats and types, total, and where its money stands.
public enum OrderText {
    public static func summary(_ o: Order) -> String {
        let money = { (c: Int) in Money.format(c, o.currency) }
        let seats = o.performanceIDs.map { id in
            o.seats(of: id).map { $0.typeName == "Adult" ? $0.label : "\($0.label) \($0.typeName)" }.joined(separator: ", ")
                + (o.isMixed ? " (performance \(id))" : "")
        }.joined(separator: "; ")
        var text = "\(seats) · \(money(o.totalCents))"
        switch o.status {
        case .paid:
            let methods = o.payments.filter { $0.kind == .payment }.map { "\($0.method.rawValue) \(money($0.amountCents))" }
            let refunded = -o.payments.filter { $0.kind == .refund }.reduce(0) { $0 + $1.amountCents }
            text += " · paid (\(methods.joined(separator: ", "))\(refunded > 0 ? ", \(money(refunded)) refunded" : "")\(retainedNote(o)))"
            if o.changeCents > 0 { text += " · change \(money(o.changeCents))" }
        case .unpaid:
            text += " · unpaid" + (o.paidCents > 0 ? " (\(money(o.paidCents)) paid)" : "")
            if let by = o.collectBy { text += ", collect by \(Format.timestamp(by))" }
        case .cancelled:
            text += " · cancelled"
            if retainedCents(o) > 0 { text += " (\(money(retainedCents(o))) retained, not refunded)" }
        }
        return text
    }

    /// What the box office kept without refunding (`--refund none`), over the booking's life.
    public static func retainedCents(_ o: Order) -> Int { -o.payments.filter { $0.kind == .retained }.reduce(0) { $0 + $1.amountCents } }

    static func retainedNote(_ o: Order) -> String {
        retainedCents(o) > 0 ? ", \(Money.format(retainedCents(o), o.currency)) retained, not refunded" : ""
    }

    public static func refunds(_ refunds: [PlannedPayment], _ currency: Currency) -> String {
        refunds.isEmpty ? "" : " Refunded " + refunds.map { "\(Money.format($0.amountCents, currency)) by \($0.method.rawValue)" }.joined(separator: " and ") + "."
    }
}
