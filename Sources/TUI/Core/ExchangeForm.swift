import Booking

/// Confirming an exchange: the tickets moved and their new prices, the difference, then paying it (the payment
/// step, as in the booking form) or choosing where the refund goes. Each ticket keeps its type and is priced for its
/// new seat, as the booking layer will price it; the difference settles as the booking layer settles it (a paid
/// booking pays or is refunded the change; an unpaid one is repriced and paid later). Esc goes back one step; the
/// last Enter asks for the exchange in one transaction.
public struct ExchangeForm: Sendable {
    public struct Pair: Hashable, Sendable {
        public var from: String
        public var to: String
        public var type: String
        public var oldCents: Int
        public var newCents: Int
    }

    public enum Step: Hashable, Sendable { case confirm, pay, refund }

    public var order: Order
    /// The performance shown, whose tickets move within it (a mixed booking's others stay as they are).
    public var performanceID: Int64
    public var pairs: [Pair]
    public var newTotalCents: Int
    /// What the customer pays now, and what goes back (at most one is above 0).
    public var collectCents: Int
    public var refundCents: Int
    public var currency: Booking.Currency
    public private(set) var step: Step = .confirm
    public private(set) var payment: PaymentStep?
    /// Where a refund goes: nil, to the methods paid (largest first).
    public private(set) var refundTo: PaymentMethod?
    public var submitting = false
    public var error: String?

    /// The refund keys: back to the methods paid (Enter), or to one method.
    public static let refundKeys: [(key: Character, method: PaymentMethod)] = [("c", .cash), ("d", .card), ("i", .invoice), ("e", .external)]

    /// Prices the exchange from the map's price list, or says why it cannot be made (nothing changes).
    public static func make(order: Order, performanceID: Int64? = nil, moving: [String], to seats: [Seat], prices: PriceList?,
                            currency: Booking.Currency) -> Result<ExchangeForm, Failure> {
        guard let prices else { return .failure(Failure("The prices could not be read with the map: r reads it again.")) }
        let performanceID = performanceID ?? order.performanceID
        let active = order.tickets.filter { $0.status == .active && $0.performanceID == performanceID }
        var pairs: [Pair] = []
        for (label, seat) in zip(moving, seats) {
            guard let ticket = active.first(where: { $0.label == label }) else {
                return .failure(Failure("Booking \(order.reference) no longer has a ticket for \(label): find it again."))
            }
            guard let type = prices.types.first(where: { $0.id == ticket.typeID }) else {
                return .failure(Failure("\(ticket.typeName) tickets are no longer sold, so \(label) cannot be exchanged."))
            }
            guard let price = prices.price(band: seat.priceBand, type: type) else {
                let onSale = prices.forSale(band: seat.priceBand).map(\.name).joined(separator: ", ")
                return .failure(Failure("\(type.name) is not sold for \(seat.label) (band \(seat.priceBand)); on sale there: \(onSale)."))
            }
            pairs.append(Pair(from: label, to: seat.label, type: type.name, oldCents: ticket.priceCents, newCents: price.cents))
        }
        let newTotal = order.totalCents - pairs.reduce(0) { $0 + $1.oldCents } + pairs.reduce(0) { $0 + $1.newCents }
        let settle = order.balance.settle(newTotal: newTotal)
        return .success(ExchangeForm(order: order, performanceID: performanceID, pairs: pairs, newTotalCents: newTotal, collectCents: settle.collect,
                                     refundCents: settle.refund, currency: currency))
    }

    mutating func handleKey(_ key: Key) -> Reply {
        if submitting { return Reply() }
        error = nil
        switch step {
        case .confirm:
            switch key {
            case .escape:
                var reply = Reply.saying("Not exchanged yet: change the new seats, Enter confirms again, Esc backs out.")
                reply.closeOverlay()
                return reply
            case .enter:
                if collectCents > 0 {
                    let after = order.tickets.filter { $0.status == .active && !pairs.map(\.from).contains($0.label) }.map(\.typeName) + pairs.map(\.type)
                    payment = PaymentStep(dueCents: collectCents, currency: currency,
                                          allComplimentary: after.allSatisfy { $0 == "Complimentary" }, allowsUnpaid: false)
                    step = .pay
                    return Reply()
                }
                if refundCents > 0 {
                    step = .refund
                    return Reply()
                }
                return submit()
            default: return Reply()
            }
        case .pay:
            guard var payment else { step = .confirm; return Reply() }
            let outcome = payment.handle(key)
            self.payment = payment
            error = payment.error
            switch outcome {
            case .stay: return Reply()
            case .back:
                step = .confirm
                self.payment = nil
                return Reply()
            case .done: return submit()
            }
        case .refund:
            switch key {
            case .escape:
                step = .confirm
                refundTo = nil
            case .enter:
                return submit()
            case .char("o"):
                refundTo = nil
            case .char(let c):
                if let entry = Self.refundKeys.first(where: { $0.key == c }) {
                    refundTo = entry.method
                } else {
                    error = "Keys: o the methods paid, " + Self.refundKeys.map { "\($0.key) \($0.method.rawValue)" }.joined(separator: ", ") + "."
                }
            default: break
            }
            return Reply()
        }
    }

    private mutating func submit() -> Reply {
        submitting = true
        return Reply([.exchange(reference: order.reference, performanceID: performanceID, from: pairs.map(\.from),
                                to: pairs.map(\.to), payments: payment?.taken ?? [], refundTo: refundTo)])
    }

    /// The booking layer refused: the form stays open, saying why.
    mutating func failed(_ failure: Failure) {
        submitting = false
        error = failure.message
    }

    /// The exchange went through: the message line says what moved and how the difference was settled.
    static func exchanged(_ result: ExchangeResult, warnings: [String], _ context: Context) -> Reply {
        let money = context.theme.money
        let arrow = context.theme.isASCII ? "->" : "→"
        let moved = result.moved.map { "\($0.from)\(arrow)\($0.to)" }.joined(separator: " ")
        var settled = ""
        if !result.collected.isEmpty {
            settled = "; took " + result.collected.map { p in
                "\(money(p.amountCents)) \(p.method.rawValue)" + (p.changeCents.map { $0 > 0 ? " (change \(money($0)))" : "" } ?? "")
            }.joined(separator: ", ")
        }
        if !result.refunds.isEmpty {
            settled = "; refunded " + result.refunds.map { "\(money($0.amountCents)) \($0.method.rawValue)" }.joined(separator: ", ")
        }
        var reply = Reply.saying("Exchanged \(result.order.reference): \(moved) · total \(money(result.order.totalCents))\(settled)."
                                 + (warnings.isEmpty ? "" : " " + warnings.joined(separator: " ")), .ok)
        reply.requests.insert(.closeOverlay, at: 0)
        return reply
    }
}
