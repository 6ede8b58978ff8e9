import Booking

/// The picker's booking form, step by step so that keys never clash: the customer's name, then each seat's ticket
/// type, then the payment. A value with its own update (`handle`), drawn by `renderSaleForm`; it knows nothing of the
/// map or the terminal.
public struct SaleForm: Hashable, Sendable {
    public enum Step: Hashable, Sendable { case name, types, payment, tendered, note }

    public struct Line: Hashable, Sendable {
        public var label: String
        public var band: String
        public var type: TicketType
        public var priceCents: Int
    }

    /// A payment taken in the form (the payment step's).
    public typealias Taken = PaymentStep.Taken

    private var entryStep: Step = .name
    /// Where the form is; `.tendered` and `.note` are phases of the payment step.
    public var step: Step {
        guard entryStep == .payment, let payment else { return entryStep }
        switch payment.phase {
        case .choose: return .payment
        case .tendered: return .tendered
        case .note: return .note
        }
    }
    public var name = TextField()
    public private(set) var lines: [Line]
    public private(set) var cursor = 0
    /// Digits typed before a type key: how many seats get that type.
    public private(set) var count: Int?
    /// The next seat a count-and-key assignment starts from.
    public private(set) var assignFrom = 0
    /// The payment step, from the moment the types are settled (a changed type starts it again).
    public private(set) var payment: PaymentStep?
    public private(set) var error: String?
    /// The clerk's last customer, which `↑` in the empty name field fills in.
    public let lastCustomer: String?
    public let prices: PriceList
    public let currency: Booking.Currency

    public enum Outcome: Hashable, Sendable {
        case stay
        /// The clerk left the form (Esc on the first step): the seats stay held.
        case close
        case submit(name: String?, typeBySeat: [String: String], payments: [Taken], unpaid: Bool)
    }

    /// `seats`: the held seats in order, with their band; every seat starts as Adult (or the first type on sale).
    public init(seats: [(label: String, band: String)], prices: PriceList, currency: Booking.Currency, lastCustomer: String? = nil) {
        self.lastCustomer = lastCustomer
        self.prices = prices
        self.currency = currency
        lines = seats.map { seat in
            let type = prices.forSale(band: seat.band).first(where: \.isAdult) ?? prices.forSale(band: seat.band).first
                ?? TicketType(id: 0, name: "Adult", key: "a")
            return Line(label: seat.label, band: seat.band, type: type, priceCents: prices.price(band: seat.band, type: type)?.cents ?? 0)
        }
    }

    public var totalCents: Int { lines.reduce(0) { $0 + $1.priceCents } }
    public var taken: [Taken] { payment?.taken ?? [] }
    public var paidCents: Int { payment?.paidCents ?? 0 }
    public var remainingCents: Int { totalCents - paidCents }
    public var changeCents: Int { payment?.changeCents ?? 0 }
    /// The amount (or tendered) field of the payment step.
    public var amount: TextField { payment?.amount ?? TextField("", maxLength: 10) }

    public mutating func handle(_ key: Key) -> Outcome {
        error = nil
        switch entryStep {
        case .name: return handleName(key)
        case .types: return handleTypes(key)
        default: return handlePayment(key)
        }
    }

    private mutating func handleName(_ key: Key) -> Outcome {
        switch key {
        case .escape: return .close
        case .enter, .tab:
            entryStep = .types
        case .up:
            if name.text.isEmpty, let lastCustomer { name = TextField(lastCustomer) }
        default:
            if name.apply(key) == .refused, case .char = key { error = "Control characters and escape sequences are not allowed in a name." }
        }
        return .stay
    }

    private mutating func handleTypes(_ key: Key) -> Outcome {
        switch key {
        case .escape: entryStep = .name; count = nil
        case .enter:
            entryStep = .payment
            count = nil
            payment = PaymentStep(dueCents: totalCents, currency: currency, allComplimentary: lines.allSatisfy(\.type.isComplimentary),
                                  allowsUnpaid: true)
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
        payment = nil  // a changed total voids the payments begun
    }

    private mutating func handlePayment(_ key: Key) -> Outcome {
        guard var step = payment else { entryStep = .types; return .stay }
        let outcome = step.handle(key)
        payment = step
        error = step.error
        switch outcome {
        case .stay: return .stay
        case .back:
            entryStep = .types
            payment = nil
            return .stay
        case .done(let unpaid): return submit(unpaid: unpaid)
        }
    }

    private func submit(unpaid: Bool) -> Outcome {
        let trimmed = name.text.trimmingCharacters(in: .whitespaces)
        return .submit(name: trimmed.isEmpty ? nil : trimmed,
                       typeBySeat: Dictionary(lines.map { ($0.label, $0.type.name) }, uniquingKeysWith: { a, _ in a }),
                       payments: unpaid ? [] : taken, unpaid: unpaid)
    }

    /// The booking layer's terms for what the form holds.
    public static func terms(typeBySeat: [String: String], payments: [Taken]) -> SaleTerms {
        let (requests, details) = PaymentStep.requests(payments)
        return SaleTerms(typeBySeat: typeBySeat.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, payments: requests, details: details)
    }
}
