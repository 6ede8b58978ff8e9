import Foundation
import Synchronization

/// Text for a terminal whose locale cannot show anything but ASCII (`LANG=C`, `POSIX`, Latin-1): the picker's own
/// symbols by their ASCII stand-ins, and everything else (customer names, theater names) transliterated where ICU
/// knows how (`Zoë Ångström` → `Zoe Angstrom`, `山田` → `shan tian`), `?` only for what is left. Pure, and used
/// only when the locale is not UTF-8: ICU's transliterator costs 15–90 ms the first time, more for Han.
public enum ASCIIText {
    /// The picker's own symbols, each one column as the original, so a map or a frame keeps its shape.
    public static let symbols: [Character: Character] = ["…": "~", "·": "|", "×": "x", "▲": "^", "▼": "v", "─": "-"]

    public static func transliterate(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        if let known = cache.withLock({ $0[text] }) { return known }
        var own = ""
        own.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for character in text { if let stand = symbols[character] { own.append(stand) } else { own.append(character) } }
        // Any script to Latin, then Latin to ASCII (ß → ss, Æ → AE, Ł → L, accents dropped).
        let latin = own.applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false) ?? own
        var out = ""
        for scalar in latin.unicodeScalars { out.unicodeScalars.append(scalar.isASCII ? scalar : "?") }
        cache.withLock {
            if $0.count > 1_000 { $0.removeAll() }
            $0[text] = out
        }
        return out
    }

    /// A frame asks for the same names again and again (the header, a found booking): ICU is asked once each.
    private static let cache = Mutex<[String: String]>([:])
}

/// The currency prices are shown in. GBP until the box office has a currency of its own: then feed it here.
public struct Currency: Hashable, Sendable {
    /// ISO 4217 code, shown where the locale cannot show the sign (`GBP 38.00`).
    public var code: String
    public var sign: String
    /// Digits after the decimal point (2 for pounds: amounts are in pence).
    public var minorDigits: Int

    public init(code: String, sign: String, minorDigits: Int = 2) {
        self.code = code
        self.sign = sign
        self.minorDigits = minorDigits
    }

    public static let gbp = Currency(code: "GBP", sign: "£")
}

/// An amount of minor units (pence) as the clerk reads it: `£38.00`, or `GBP 38.00` when the locale is ASCII only.
/// The one place the picker formats money.
public func moneyText(_ minorUnits: Int, in currency: Currency = .gbp, asciiOnly: Bool) -> String {
    let sign = minorUnits < 0 ? "-" : ""
    let magnitude = minorUnits.magnitude
    var number = "\(magnitude)"
    if currency.minorDigits > 0 {
        var scale: UInt = 1
        for _ in 0..<currency.minorDigits { scale *= 10 }
        let fraction = String(magnitude % scale)
        number = "\(magnitude / scale)." + String(repeating: "0", count: currency.minorDigits - fraction.count) + fraction
    }
    let useCode = asciiOnly && !currency.sign.allSatisfy(\.isASCII)
    return useCode ? "\(sign)\(currency.code) \(number)" : "\(sign)\(currency.sign)\(number)"
}
