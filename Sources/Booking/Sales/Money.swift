import Foundation

/// Amounts of money are integers of minor units (pence, cents) everywhere inside; text only at the edges.
/// Parsing is strict: a clerk's "12.5" is 1250, but "-3", "1.005", "1e3" or "£12" are refused rather than guessed.
public enum Money {
    /// The largest amount accepted from a clerk (10 million major units): far above any sale, far below overflow.
    public static let maxCents = 1_000_000_000

    /// "12.50" → 1250, "12" → 1200, "0.5" → 50. `field` names the amount in the error.
    public static func parse(_ text: String, field: String, currency: Currency = .gbp) throws -> Int {
        let t = text.trimmingCharacters(in: .whitespaces)
        func refuse(_ why: String) -> BookingError {
            .invalidInput("The \(field) \"\(SafeText.display(text, limit: 20))\" is not an amount: \(why).")
        }
        if t.hasPrefix("-") { throw refuse("amounts cannot be negative") }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard !t.isEmpty, parts.count <= 2, let whole = parts.first, !whole.isEmpty,
              whole.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw refuse("write it as digits with at most one point, such as 12.50")
        }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy({ $0.isASCII && $0.isNumber }), parts.count == 1 || !fraction.isEmpty else {
            throw refuse("write it as digits with at most one point, such as 12.50")
        }
        if fraction.count > currency.minorDigits {
            throw refuse(currency.minorDigits == 0 ? "\(currency.code) has no smaller unit"
                         : "\(currency.code) has only \(currency.minorDigits) digits after the point")
        }
        guard whole.count <= 10, let major = Int(whole) else { throw refuse("it is too large") }
        let padded = fraction + String(repeating: "0", count: currency.minorDigits - fraction.count)
        let cents = major * currency.unit + (Int(padded) ?? 0)
        if cents > maxCents { throw refuse("it is too large") }
        return cents
    }

    /// "£12.50", "-£3.00", "12.50 CHF": the sign first, then the currency's symbol (or code after the number).
    public static func format(_ cents: Int, _ currency: Currency = .gbp) -> String {
        let sign = cents < 0 ? "-" : ""
        let c = cents.magnitude
        var number = "\(c / UInt(currency.unit))"
        if currency.minorDigits > 0 {
            let minor = String(c % UInt(currency.unit))
            number += "." + String(repeating: "0", count: currency.minorDigits - minor.count) + minor
        }
        if let symbol = currency.symbol { return sign + symbol + number }
        return sign + number + " " + currency.code
    }
}

/// The box office's currency: an ISO 4217 code, stored in the database by `init` so that every clerk shows the same.
public struct Currency: Sendable, Hashable, Codable {
    public var code: String
    public var minorDigits: Int

    public static let gbp = Currency(code: "GBP", minorDigits: 2)

    public init(code: String, minorDigits: Int) {
        self.code = code
        self.minorDigits = minorDigits
    }

    /// A currency code as `BOXOFFICE_CURRENCY` gives it: three letters. The few without minor units are known.
    public init(parsing text: String) throws {
        let code = SafeText.trimmingSpaces(text).uppercased()
        guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw BookingError.invalidInput("BOXOFFICE_CURRENCY must be a three-letter currency code such as GBP, EUR or USD (it is \"\(SafeText.display(text, limit: 20))\").")
        }
        self.init(code: code, minorDigits: ["JPY", "KRW", "ISK", "CLP", "VND"].contains(code) ? 0 : 2)
    }

    var unit: Int { minorDigits == 0 ? 1 : Int(pow10(minorDigits)) }
    private func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { r, _ in r * 10 } }

    public var symbol: String? {
        switch code {
        case "GBP": "£"
        case "EUR": "€"
        case "USD": "$"
        case "JPY": "¥"
        default: nil
        }
    }
}
