import Booking

/// The picker's booking form, step by step so that keys never clash: the customer's name, then each seat's ticket
/// type, then the payment. A value with its own update (`handle`), drawn by `renderSaleForm`; it knows nothing of the
/// map or the terminal.
public struct SaleForm: Hashable, Sendable {
    public enum Step: Hashable, Sendable { case name, types, payment, tendered }

    public struct Line: Hashable, Sendable {
        public var label: String
        public var band: String
        public var type: TicketType
        public var priceCents: Int
    }

    /// A payment taken in the form: the method and its amount, with the cash tendered.
    public struct Taken: Hashable, Sendable {
        public var method: PaymentMethod
        public var amountCents: Int
        public var tenderedCents: Int?
    }

    public private(set) var step: Step = .name
    public var name = TextField()
    public private(set) var lines: [Line]
    public private(set) var cursor = 0
    /// Digits typed before a type key: how many seats get that type.
    public private(set) var count: Int?
    /// The next seat a count-and-key assignment starts from.
    public private(set) var assignFrom = 0
    public private(set) var taken: [Taken] = []
    /// The amount typed on the payment step (a part payment), or the cash tendered on the tendered step.
    public private(set) var amount = TextField("", maxLength: 10)
    public private(set) var error: String?
    public let prices: PriceList
    public let currency: Booking.Currency

    public enum Outcome: Hashable, Sendable {
        case stay
        /// The clerk left the form (Esc on the first step): the seats stay held.
        case close
        case submit(name: String?, typeBySeat: [String: String], payments: [Taken], unpaid: Bool)
    }

    /// `seats`: the held seats in order, with their band; every seat starts as Adult (or the first type on sale).
    public init(seats: [(label: String, band: String)], prices: PriceList, currency: Booking.Currency) {
        self.prices = prices
        self.currency = currency
        lines = seats.map { seat in
            let type = prices.forSale(band: seat.band).first(where: \.isAdult) ?? prices.forSale(band: seat.band).first
                ?? TicketType(id: 0, name: "Adult", key: "a")
            return Line(label: seat.label, band: seat.band, type: type, priceCents: prices.price(band: seat.band, type: type)?.cents ?? 0)
        }
    }

    public var totalCents: Int { lines.reduce(0) { $0 + $1.priceCents } }
    public var paidCents: Int { taken.reduce(0) { $0 + $1.amountCents } }
    public var remainingCents: Int { totalCents - paidCents }
    public var changeCents: Int { taken.reduce(0) { $0 + max(0, ($1.tenderedCents ?? $1.amountCents) - $1.amountCents) } }

    /// The payment keys, one per method the form takes (invoice and external need text: the command line takes them).
    public static let methodKeys: [(key: Character, method: PaymentMethod?, label: String)] = [
        ("c", .cash, "cash"), ("d", .card, "card"), ("f", .complimentary, "complimentary"), ("u", nil, "unpaid"),
    ]

    public mutating func handle(_ key: Key) -> Outcome {
        error = nil
        switch step {
        case .name: return handleName(key)
        case .types: return handleTypes(key)
        case .payment: return handlePayment(key)
        case .tendered: return handleTendered(key)
        }
    }

    private mutating func handleName(_ key: Key) -> Outcome {
        switch key {
        case .escape: return .close
        case .enter, .tab:
            step = .types
        default:
            if name.apply(key) == .refused, case .char = key { error = "Control characters and escape sequences are not allowed in a name." }
        }
        return .stay
    }

    private mutating func handleTypes(_ key: Key) -> Outcome {
        switch key {
        case .escape: step = .name; count = nil
        case .enter: step = .payment; count = nil
        case .up: cursor = max(0, cursor - 1)
        case .down: cursor = min(lines.count - 1, cursor + 1)
        case .tab:
            let onSale = prices.forSale(band: lines[cursor].band)
            if let i = onSale.firstIndex(of: lines[cursor].type), !onSale.isEmpty {
                setType(onSale[(i + 1) % onSale.count], at: cursor)
            }
        case .backspace: count = nil
        case .char(let c) where c.isASCII && c.isNumber:
            let next = (count ?? 0) * 10 + Int(String(c))!
            count = min(next, 99)
        case .char(let c):
            guard let type = prices.types.first(where: { $0.key == String(c) }) else {
                error = "No type has the key \(c). Keys: " + prices.types.map { "\($0.key) \($0.name)" }.joined(separator: ", ") + "."
                return .stay
            }
            let n = count ?? 1
            count = nil
            if assignFrom >= lines.count { assignFrom = 0 }
            let range = assignFrom..<min(lines.count, assignFrom + n)
            for i in range where prices.price(band: lines[i].band, type: type) == nil {
                let onSale = prices.forSale(band: lines[i].band).map(\.name).joined(separator: ", ")
                error = "\(type.name) is not sold for \(lines[i].label) (band \(lines[i].band)); on sale there: \(onSale)."
                return .stay
            }
            for i in range { setType(type, at: i) }
            assignFrom = range.upperBound
            cursor = min(lines.count - 1, range.upperBound)
        default: break
        }
        return .stay
    }

    private mutating func setType(_ type: TicketType, at i: Int) {
        guard let price = prices.price(band: lines[i].band, type: type) else { return }
        lines[i].type = type
        lines[i].priceCents = price.cents
        taken = []  // a changed total voids the payments begun
    }

    private mutating func handlePayment(_ key: Key) -> Outcome {
        switch key {
        case .escape:
            if !taken.isEmpty { taken.removeLast() } else { step = .types }
            amount = TextField("", maxLength: 10)
        case .enter:
            if remainingCents == 0 && !taken.isEmpty { return submit(unpaid: false) }
            error = "\(Money.format(remainingCents, currency)) still to pay: choose how (c cash, d card), or u to book unpaid."
        case .char(let c) where (c.isASCII && c.isNumber) || c == ".":
            amount.apply(key)
        case .backspace:
            amount.apply(key)
        case .char(let c):
            guard let entry = Self.methodKeys.first(where: { $0.key == c }) else {
                error = "Keys: " + Self.methodKeys.map { "\($0.key) \($0.label)" }.joined(separator: ", ") + "."
                return .stay
            }
            guard let method = entry.method else {
                if !taken.isEmpty { error = "Payments are begun: Esc takes them back before booking unpaid."; return .stay }
                return submit(unpaid: true)
            }
            return take(method)
        default: break
        }
        return .stay
    }

    private mutating func take(_ method: PaymentMethod) -> Outcome {
        if taken.contains(where: { $0.method == method }) { error = "\(method.rawValue) is taken already."; return .stay }
        if method == .complimentary && !lines.allSatisfy(\.type.isComplimentary) {
            error = "Complimentary needs every ticket Complimentary (f on the types step); with a reason, use the command line."
            return .stay
        }
        var cents = remainingCents
        if !amount.text.isEmpty {
            do { cents = try Money.parse(amount.text, field: "amount", currency: currency) } catch { self.error = "\(error)"; return .stay }
            if cents > remainingCents { error = "\(Money.format(cents, currency)) is more than the \(Money.format(remainingCents, currency)) to pay."; return .stay }
        }
        if cents == 0 && method != .complimentary { error = "Nothing remains to pay; Enter books."; return .stay }
        taken.append(Taken(method: method, amountCents: cents))
        amount = TextField("", maxLength: 10)
        if method == .cash { step = .tendered }
        return .stay
    }

    private mutating func handleTendered(_ key: Key) -> Outcome {
        switch key {
        case .escape:
            taken.removeLast()
            step = .payment
        case .enter:
            if !amount.text.isEmpty {
                let tendered: Int
                do { tendered = try Money.parse(amount.text, field: "amount tendered", currency: currency) } catch { self.error = "\(error)"; return .stay }
                guard tendered >= taken[taken.count - 1].amountCents else {
                    error = "\(Money.format(tendered, currency)) tendered is less than the \(Money.format(taken[taken.count - 1].amountCents, currency)) in cash."
                    return .stay
                }
                taken[taken.count - 1].tenderedCents = tendered
            }
            amount = TextField("", maxLength: 10)
            step = .payment
        case .char(let c) where (c.isASCII && c.isNumber) || c == ".":
            amount.apply(key)
        case .backspace:
            amount.apply(key)
        default: break
        }
        return .stay
    }

    private func submit(unpaid: Bool) -> Outcome {
        let trimmed = name.text.trimmingCharacters(in: .whitespaces)
        return .submit(name: trimmed.isEmpty ? nil : trimmed,
                       typeBySeat: Dictionary(lines.map { ($0.label, $0.type.name) }, uniquingKeysWith: { a, _ in a }),
                       payments: unpaid ? [] : taken, unpaid: unpaid)
    }

    /// The booking layer's terms for what the form holds.
    public static func terms(typeBySeat: [String: String], payments: [Taken]) -> SaleTerms {
        SaleTerms(typeBySeat: typeBySeat.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                  payments: payments.map { PaymentRequest(method: $0.method, amountCents: $0.amountCents) },
                  details: PaymentDetails(tenderedCents: payments.first { $0.method == .cash }?.tenderedCents))
    }
}
