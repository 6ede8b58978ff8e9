import Foundation

/// Where a refund goes: back to the methods paid, largest first, unless the clerk names one method.
public enum Refunds {
    /// `paid`: what each method has paid net of earlier refunds, in the order first paid.
    public static func allocate(_ amount: Int, paid: [(method: PaymentMethod, net: Int)], to named: PaymentMethod? = nil,
                                currency: Currency = .gbp) throws -> [(method: PaymentMethod, amount: Int)] {
        guard amount > 0 else { return [] }
        let total = paid.reduce(0) { $0 + max(0, $1.net) }
        if amount > total {
            throw BookingError.invalidInput("A refund of \(Money.format(amount, currency)) is more than the \(Money.format(total, currency)) paid.")
        }
        if let named { return [(named, amount)] }
        var left = amount
        var result: [(method: PaymentMethod, amount: Int)] = []
        // Stable: among equal amounts the method paid first is refunded first.
        let order = paid.enumerated().sorted { ($0.element.net, -$0.offset) > ($1.element.net, -$1.offset) }
        for (_, p) in order where left > 0 && p.net > 0 && p.method != .complimentary {
            let part = min(left, p.net)
            result.append((p.method, part))
            left -= part
        }
        if left > 0 {
            throw BookingError.invalidInput("\(Money.format(left, currency)) of the refund has no payment to go back to; name a method with --refund.")
        }
        return result
    }

    /// Money kept rather than refunded, taken from the methods paid, largest first (complimentary too: what was written
    /// off is kept as written off), so that no method's net falls below nothing.
    public static func allocateKept(_ amount: Int, paid: [(method: PaymentMethod, net: Int)]) -> [(method: PaymentMethod, amount: Int)] {
        var left = amount
        var result: [(method: PaymentMethod, amount: Int)] = []
        let order = paid.enumerated().sorted { ($0.element.net, -$0.offset) > ($1.element.net, -$1.offset) }
        for (_, p) in order where left > 0 && p.net > 0 {
            let part = min(left, p.net)
            result.append((p.method, part))
            left -= part
        }
        return result
    }

    /// The net paid per method from a booking's ledger, in the order each method was first used.
    public static func netByMethod(_ ledger: [Payment]) -> [(method: PaymentMethod, net: Int)] {
        var order: [PaymentMethod] = []
        var net: [PaymentMethod: Int] = [:]
        for p in ledger {
            if net[p.method] == nil { order.append(p.method) }
            net[p.method, default: 0] += p.amountCents
        }
        return order.map { ($0, net[$0]!) }
    }
}

/// One row of the payments ledger: a payment (positive) or a refund (negative). Rows are never edited.
public struct Payment: Sendable, Hashable, Codable {
    /// `retained`: money the box office keeps when a change refunds nothing (`--refund none`); negative like a refund,
    /// so that a booking's ledger sums to the price of its active tickets, but never handed back.
    public enum Kind: String, Sendable, Hashable, Codable { case payment, refund, retained }

    public var method: PaymentMethod
    public var amountCents: Int
    public var kind: Kind
    public var tenderedCents: Int?
    public var changeCents: Int?
    public var reference: String?
    public var account: String?
    public var reason: String?
    public var clerk: String
    public var unixUser: String
    public var at: Date

    public init(method: PaymentMethod, amountCents: Int, kind: Kind, tenderedCents: Int? = nil, changeCents: Int? = nil,
                reference: String? = nil, account: String? = nil, reason: String? = nil, clerk: String, unixUser: String, at: Date) {
        self.method = method
        self.amountCents = amountCents
        self.kind = kind
        self.tenderedCents = tenderedCents
        self.changeCents = changeCents
        self.reference = reference
        self.account = account
        self.reason = reason
        self.clerk = clerk
        self.unixUser = unixUser
        self.at = at
    }
}

/// What a booking owes or is owed, from its active tickets and its ledger.
public struct Balance: Sendable, Hashable {
    public var totalCents: Int
    public var paidCents: Int
    public var hasPayment: Bool

    public init(totalCents: Int, paidCents: Int, hasPayment: Bool) {
        self.totalCents = totalCents
        self.paidCents = paidCents
        self.hasPayment = hasPayment
    }

    /// Paid once something was paid and it covers the active tickets.
    public var isPaid: Bool { hasPayment && paidCents >= totalCents }
    public var dueCents: Int { totalCents - paidCents }

    /// After the tickets change to `newTotal`: what must be collected now (a paid booking stays paid) and what must go
    /// back. An unpaid booking collects nothing now; it is repriced and paid later.
    public func settle(newTotal: Int) -> (collect: Int, refund: Int) {
        let diff = newTotal - paidCents
        if diff > 0 { return (isPaid ? diff : 0, 0) }
        return (0, -diff)
    }
}

extension Order {
    /// What cancelling `lines` (some of its active tickets) owes back: the price they leave, as far as it was paid.
    /// One home for the rule: the store refunds this, the picker's confirmation shows it before the clerk says yes.
    public func refundOwed(cancelling lines: [Line]) -> Int {
        balance.settle(newTotal: totalCents - lines.reduce(0) { $0 + $1.priceCents }).refund
    }

    /// Where that refund goes when the clerk names no method: to the methods paid, largest first. Empty when nothing
    /// was paid (or it cannot be placed: the cancel itself then says why).
    public func plannedRefunds(cancelling lines: [Line]) -> [(method: PaymentMethod, amount: Int)] {
        (try? Refunds.allocate(refundOwed(cancelling: lines), paid: Refunds.netByMethod(payments), currency: currency)) ?? []
    }
}
