import Foundation

/// How money changed hands at the window.
public enum PaymentMethod: String, Sendable, Hashable, Codable, CaseIterable {
    case cash, card, complimentary, invoice, external

    public static func named(_ text: String) throws -> PaymentMethod {
        if let m = PaymentMethod(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) { return m }
        throw BookingError.invalidInput("There is no payment method \"\(SafeText.display(text, limit: 20))\". Methods: \(allCases.map(\.rawValue).joined(separator: ", ")).")
    }
}

/// One `--pay method[=amount]` as the clerk typed it.
public struct PaymentRequest: Sendable, Hashable {
    public var method: PaymentMethod
    /// nil: takes what remains.
    public var amountCents: Int?

    public init(method: PaymentMethod, amountCents: Int?) {
        self.method = method
        self.amountCents = amountCents
    }

    public static func parse(_ text: String, currency: Currency = .gbp) throws -> PaymentRequest {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let method = try PaymentMethod.named(parts[0])
        guard parts.count == 2 else { return PaymentRequest(method: method, amountCents: nil) }
        return PaymentRequest(method: method, amountCents: try Money.parse(parts[1], field: "\(method.rawValue) amount", currency: currency))
    }
}

/// What goes with the payments: the cash tendered, the card terminal's or web shop's reference, the invoiced account,
/// and why a booking is complimentary.
public struct PaymentDetails: Sendable, Hashable {
    public var tenderedCents: Int?
    public var reference: String?
    public var account: String?
    public var reason: String?

    public init(tenderedCents: Int? = nil, reference: String? = nil, account: String? = nil, reason: String? = nil) {
        self.tenderedCents = tenderedCents
        self.reference = reference
        self.account = account
        self.reason = reason
    }
}

extension PaymentDetails {
    /// A reference, account or reason as a clerk typed it or a web shop sent it: trimmed, not empty, no control
    /// characters, at most 120 characters (nil stays nil). One rule for the command line and the HTTP API.
    public static func text(_ s: String?, field: String) throws -> String? {
        guard let s else { return nil }
        let t = s.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { throw BookingError.invalidInput("The \(field) is empty.") }
        if let problem = SafeText.problem(in: t, field: field, maxLength: 120) { throw BookingError.invalidInput(problem) }
        return t
    }
}

/// A payment ready for the ledger.
public struct PlannedPayment: Sendable, Hashable {
    public var method: PaymentMethod
    public var amountCents: Int
    public var tenderedCents: Int?
    public var changeCents: Int?
    public var reference: String?
    public var account: String?
    public var reason: String?

    public init(method: PaymentMethod, amountCents: Int, tenderedCents: Int? = nil, changeCents: Int? = nil,
                reference: String? = nil, account: String? = nil, reason: String? = nil) {
        self.method = method
        self.amountCents = amountCents
        self.tenderedCents = tenderedCents
        self.changeCents = changeCents
        self.reference = reference
        self.account = account
        self.reason = reason
    }
}

public enum PaymentPlan {
    /// Turns the clerk's `--pay` list into payments that add up to exactly `due`, or says what is wrong.
    /// `allComplimentary`: every ticket is Complimentary (a complimentary payment needs no reason then).
    public static func plan(_ requests: [PaymentRequest], due: Int, details: PaymentDetails = PaymentDetails(),
                            allComplimentary: Bool = false, currency: Currency = .gbp) throws -> [PlannedPayment] {
        func money(_ c: Int) -> String { Money.format(c, currency) }
        guard !requests.isEmpty else { throw BookingError.invalidInput("Say how it is paid: --pay cash, --pay card, … .") }
        var seen = Set<PaymentMethod>()
        for r in requests where !seen.insert(r.method).inserted {
            throw BookingError.invalidInput("--pay \(r.method.rawValue) is given twice; give each method once with its whole amount.")
        }
        let open = requests.filter { $0.amountCents == nil }
        if open.count > 1 {
            throw BookingError.invalidInput("Only one --pay may leave out its amount (\(open.map(\.method.rawValue).joined(separator: " and ")) both do); give the others an amount, such as --pay card=20.00.")
        }
        let named = requests.compactMap(\.amountCents).reduce(0, +)
        var amounts = requests.map { $0.amountCents ?? (due - named) }
        if let i = requests.firstIndex(where: { $0.amountCents == nil }), amounts[i] < 0 {
            throw BookingError.invalidInput("The payments named already come to \(money(named)), more than the \(money(due)) due; nothing remains for \(requests[i].method.rawValue).")
        }
        let sum = amounts.reduce(0, +)
        if sum != due {
            throw BookingError.invalidInput("The payments add up to \(money(sum)), but \(money(due)) is due: a split payment must add up exactly.")
        }
        for (i, r) in requests.enumerated() where amounts[i] == 0 && r.method != .complimentary && requests.count > 1 {
            throw BookingError.invalidInput("Nothing remains to pay by \(r.method.rawValue); leave that --pay out.")
        }
        amounts = amounts.map { max(0, $0) }
        let methods = Set(requests.map(\.method))
        if methods.contains(.complimentary) && !allComplimentary && (details.reason ?? "").isEmpty {
            throw BookingError.invalidInput("A complimentary payment needs every ticket to be Complimentary, or a reason (--reason).")
        }
        if details.tenderedCents != nil && !methods.contains(.cash) {
            throw BookingError.invalidInput("--tendered goes with a cash payment (--pay cash).")
        }
        if details.account != nil && !methods.contains(.invoice) {
            throw BookingError.invalidInput("--account goes with an invoice payment (--pay invoice).")
        }
        if methods.contains(.invoice) && (details.account ?? "").isEmpty {
            throw BookingError.invalidInput("An invoice payment needs the account to invoice (--account).")
        }
        if details.reference != nil && !methods.contains(.card) && !methods.contains(.external) {
            throw BookingError.invalidInput("--reference goes with a card or external payment.")
        }
        if methods.contains(.external) && (details.reference ?? "").isEmpty {
            throw BookingError.invalidInput("An external payment needs the reference of the payment taken elsewhere (--reference).")
        }
        return try requests.enumerated().map { i, r in
            var p = PlannedPayment(method: r.method, amountCents: amounts[i])
            switch r.method {
            case .cash:
                if let tendered = details.tenderedCents {
                    if tendered < amounts[i] {
                        throw BookingError.invalidInput("\(money(tendered)) tendered is less than the \(money(amounts[i])) to pay in cash.")
                    }
                    p.tenderedCents = tendered
                    p.changeCents = tendered - amounts[i]
                }
            case .card, .external: p.reference = details.reference
            case .invoice: p.account = details.account
            case .complimentary: p.reason = details.reason
            }
            return p
        }
    }
}
