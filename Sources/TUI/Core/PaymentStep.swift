import Booking

/// Taking the money for an amount due, one key per method: what the booking form's payment step and the exchange's
/// "pay the difference" share. A part payment is typed before its key; cash then asks what was tendered (the change
/// follows); invoice asks for the account, external for the reference, `D` is a card with the terminal's reference,
/// and complimentary asks for a reason unless every ticket is Complimentary. Every method the command line has.
public struct PaymentStep: Hashable, Sendable {
    public enum Phase: Hashable, Sendable {
        case choose
        /// The last payment is cash: how much the customer handed over.
        case tendered
        /// The last payment needs words: the invoiced account, a reference, the reason for a complimentary.
        case note(PaymentMethod)
    }

    /// A payment taken: the method, its amount, the cash tendered, and its words (reference, account or reason).
    public struct Taken: Hashable, Sendable {
        public var method: PaymentMethod
        public var amountCents: Int
        public var tenderedCents: Int?
        public var note: String?

        public init(method: PaymentMethod, amountCents: Int, tenderedCents: Int? = nil, note: String? = nil) {
            self.method = method
            self.amountCents = amountCents
            self.tenderedCents = tenderedCents
            self.note = note
        }
    }

    public enum Outcome: Hashable, Sendable {
        case stay
        /// Esc with nothing taken: back to the step before.
        case back
        /// Paid in full (or `unpaid`, when the step allows it).
        case done(unpaid: Bool)
    }

    public let dueCents: Int
    public let currency: Booking.Currency
    /// Every ticket is Complimentary: a complimentary payment needs no reason.
    public let allComplimentary: Bool
    /// The booking form may reserve unpaid (`u`); an exchange's difference must be paid.
    public let allowsUnpaid: Bool
    public private(set) var phase: Phase = .choose
    public private(set) var taken: [Taken] = []
    /// A part payment's amount, or the cash tendered.
    public private(set) var amount = TextField("", maxLength: 10)
    /// The words a method needs.
    public private(set) var note = TextField("", maxLength: 120)
    public private(set) var error: String?

    public init(dueCents: Int, currency: Booking.Currency, allComplimentary: Bool, allowsUnpaid: Bool) {
        self.dueCents = dueCents
        self.currency = currency
        self.allComplimentary = allComplimentary
        self.allowsUnpaid = allowsUnpaid
    }

    public var paidCents: Int { taken.reduce(0) { $0 + $1.amountCents } }
    public var remainingCents: Int { dueCents - paidCents }
    public var changeCents: Int { taken.reduce(0) { $0 + max(0, ($1.tenderedCents ?? $1.amountCents) - $1.amountCents) } }
    public var isComplete: Bool { remainingCents == 0 && !taken.isEmpty }

    /// One key per method (`u` only where unpaid is allowed); `D` is a card with the terminal's reference, `=` cash handed
    /// over exactly (no tendered amount to type: the commonest cash sale at a busy window).
    public static let methodKeys: [(key: Character, method: PaymentMethod?, label: String)] = [
        ("c", .cash, "cash"), ("=", .cash, "exact"), ("d", .card, "card"), ("D", .card, "card+ref"), ("i", .invoice, "invoice"),
        ("e", .external, "external"), ("f", .complimentary, "comp"), ("u", nil, "unpaid"),
    ]

    var keys: [(key: Character, method: PaymentMethod?, label: String)] {
        Self.methodKeys.filter { allowsUnpaid || $0.method != nil }
    }

    /// The keys line of the step, as the form shows it.
    public func hint(separator sep: String, back: String) -> String {
        switch phase {
        case .choose:
            if isComplete { return "Enter confirms\(sep)Esc takes back a payment" }
            // Two spaces between methods, so that all of them fit a form's width.
            return keys.map { "\($0.key) \($0.label)" }.joined(separator: "  ") + "\(sep)Esc \(taken.isEmpty ? back : "takes back")"
        case .tendered: return "Enter: the change (empty: exact)\(sep)Esc back"
        case .note(let method): return method == .card ? "Enter takes it (empty: no reference)\(sep)Esc back" : "Enter takes it\(sep)Esc back"
        }
    }

    /// What the field on the step asks for.
    public var prompt: String {
        switch phase {
        // Once it adds up nothing is left to type: asking for "all that remains" of nothing puzzled clerks.
        case .choose: isComplete ? "Paid in full." : "Amount (empty: all that remains):"
        case .tendered: "Cash tendered:"
        case .note(.invoice): "Account to invoice:"
        case .note(.external): "Reference of the payment taken elsewhere:"
        case .note(.card): "Card terminal reference (optional):"
        case .note: "Reason it is complimentary:"
        }
    }

    public mutating func handle(_ key: Key) -> Outcome {
        error = nil
        switch phase {
        case .choose: return handleChoose(key)
        case .tendered: handleTendered(key)
        case .note(let method): handleNote(key, method: method)
        }
        return .stay
    }

    private mutating func handleChoose(_ key: Key) -> Outcome {
        switch key {
        case .escape:
            amount = TextField("", maxLength: 10)
            if taken.isEmpty { return .back }
            taken.removeLast()
        case .enter:
            if isComplete { return .done(unpaid: false) }
            error = "\(Money.format(remainingCents, currency)) still to pay: choose how (c cash, d card…)"
                + (allowsUnpaid ? ", or u to book unpaid." : ".")
        case .char(let c) where (c.isASCII && c.isNumber) || c == ".":
            amount.apply(key)
        case .backspace, .delete, .control("u"):
            amount.apply(key)
        case .char(let c):
            guard let entry = keys.first(where: { $0.key == c }) else {
                error = "Keys: " + keys.map { "\($0.key) \($0.label)" }.joined(separator: ", ") + "."
                return .stay
            }
            guard let method = entry.method else {
                if !taken.isEmpty { error = "Payments are begun: Esc takes them back before booking unpaid."; return .stay }
                return .done(unpaid: true)
            }
            take(method, askReference: c == "D", exact: c == "=")
        default: break
        }
        return .stay
    }

    private mutating func take(_ method: PaymentMethod, askReference: Bool, exact: Bool = false) {
        if taken.contains(where: { $0.method == method }) { error = "\(method.rawValue) is taken already."; return }
        // The ledger keeps one reference per sale (the command line's --reference): card and external share it.
        if (method == .card && askReference || method == .external),
           taken.contains(where: { ($0.method == .card || $0.method == .external) && $0.note != nil }) {
            error = "One reference per payment: a card with a reference and an external payment cannot both be taken."
            return
        }
        var cents = remainingCents
        if !amount.text.isEmpty {
            do { cents = try Money.parse(amount.text, field: "amount", currency: currency) } catch { self.error = "\(error)"; return }
            if cents > remainingCents { error = "\(Money.format(cents, currency)) is more than the \(Money.format(remainingCents, currency)) to pay."; return }
        }
        if cents == 0 && method != .complimentary { error = "Nothing remains to pay; Enter confirms."; return }
        taken.append(Taken(method: method, amountCents: cents, tenderedCents: exact ? cents : nil))
        amount = TextField("", maxLength: 10)
        note = TextField("", maxLength: 120)
        switch method {
        case .cash where !exact: phase = .tendered
        case .invoice, .external: phase = .note(method)
        case .card where askReference: phase = .note(.card)
        case .complimentary where !allComplimentary: phase = .note(.complimentary)
        default: break
        }
    }

    private mutating func handleTendered(_ key: Key) {
        switch key {
        case .escape:
            taken.removeLast()
            amount = TextField("", maxLength: 10)
            phase = .choose
        case .enter:
            if !amount.text.isEmpty {
                let tendered: Int
                do { tendered = try Money.parse(amount.text, field: "amount tendered", currency: currency) } catch { self.error = "\(error)"; return }
                guard tendered >= taken[taken.count - 1].amountCents else {
                    error = "\(Money.format(tendered, currency)) tendered is less than the \(Money.format(taken[taken.count - 1].amountCents, currency)) in cash."
                    return
                }
                taken[taken.count - 1].tenderedCents = tendered
            }
            amount = TextField("", maxLength: 10)
            phase = .choose
        case .char(let c) where (c.isASCII && c.isNumber) || c == ".":
            amount.apply(key)
        case .backspace, .delete, .control("u"):
            amount.apply(key)
        default: break
        }
    }

    private mutating func handleNote(_ key: Key, method: PaymentMethod) {
        switch key {
        case .escape:
            taken.removeLast()
            phase = .choose
        case .enter:
            let text = note.text.trimmingCharacters(in: .whitespaces)
            if text.isEmpty && method != .card {
                error = method == .invoice ? "Name the account to invoice." : method == .external
                    ? "Give the reference of the payment taken elsewhere." : "Say why it is complimentary."
                return
            }
            taken[taken.count - 1].note = text.isEmpty ? nil : text
            note = TextField("", maxLength: 120)
            phase = .choose
        default:
            if note.apply(key) == .refused, case .char = key { error = "Control characters and escape sequences are not allowed here." }
        }
    }

    /// The booking layer's terms for the payments taken: each method's amount, and the details that go with them.
    public static func requests(_ taken: [Taken]) -> (payments: [PaymentRequest], details: PaymentDetails) {
        func note(_ methods: Set<PaymentMethod>) -> String? { taken.first { methods.contains($0.method) && $0.note != nil }?.note }
        return (taken.map { PaymentRequest(method: $0.method, amountCents: $0.amountCents) },
                PaymentDetails(tenderedCents: taken.first { $0.method == .cash }?.tenderedCents,
                               reference: note([.card, .external]), account: note([.invoice]), reason: note([.complimentary])))
    }
}
