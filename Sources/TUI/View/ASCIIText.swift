import Booking
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

/// An amount of minor units (pence) as the clerk reads it: the booking layer's format (`£38.00`), or, where the locale
/// shows ASCII only and the currency's sign is not ASCII, its ISO code first (`GBP 38.00`). The one place the picker
/// formats money; the currency is the box office's own (`BoxOffice.currency`).
public func moneyText(_ minorUnits: Int, in currency: Currency = .gbp, asciiOnly: Bool) -> String {
    guard asciiOnly, let symbol = currency.symbol, !symbol.allSatisfy(\.isASCII) else { return Money.format(minorUnits, currency) }
    let sign = minorUnits < 0 ? "-" : ""
    let magnitude = minorUnits.magnitude
    var number = "\(magnitude)"
    if currency.minorDigits > 0 {
        let scale = (0..<currency.minorDigits).reduce(UInt(1)) { r, _ in r * 10 }
        let fraction = String(magnitude % scale)
        number = "\(magnitude / scale)." + String(repeating: "0", count: currency.minorDigits - fraction.count) + fraction
    }
    return "\(sign)\(currency.code) \(number)"
}
