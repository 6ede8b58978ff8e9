import Foundation
import Booking

/// A ticket as 42 columns of text, for a receipt printer or a terminal: the show, the seat, the type and price,
/// the booking, and the code both as text and as a QR code in half blocks. Where the terminal cannot show
/// UTF-8, the code alone, large, in ASCII (a half-block QR code needs UTF-8). Pure: the QR code comes in.
public enum TextTicket {
    public static let width = 42

    public enum Charset: Sendable { case unicode, ascii }

    /// Every ticket of a booking, each with its QR code, separated by a tear-off line.
    public static func render(_ tickets: [PrintableTicket], charset: Charset) throws -> String {
        let pages = try tickets.map { ticket in
            lines(ticket, qr: charset == .unicode ? try QRCode.encode(ticket.code.value) : nil, charset: charset)
        }
        let tear = charset == .unicode ? String(repeating: "┄", count: width) : String(repeating: "- ", count: width / 2)
        return pages.map { $0.joined(separator: "\n") + "\n" }.joined(separator: "\n\(tear)\n\n")
    }

    public static func lines(_ t: PrintableTicket, qr: QRCode?, charset: Charset) -> [String] {
        let heavy = String(repeating: charset == .unicode ? "═" : "=", count: width)
        let light = String(repeating: charset == .unicode ? "─" : "-", count: width)
        func fit(_ s: String) -> String { fitted(s, width: width, charset: charset) }

        var out = [heavy, centred(fit(t.venue)), centred(fit(t.title)), centred(fit(Format.startTime(t.startsAt))), light]
        let labelWidth = 9
        for (label, value) in t.details {
            let padded = TextWidth.pad(label, to: labelWidth)
            out.append(fitted("  " + padded + value, width: width, charset: charset))
        }
        out.append(light)
        if charset == .unicode, let qr {
            out += HalfBlockQR.lines(qr).map { centred($0) }
        } else {
            // Two rows of five big characters (7 × 5 each, two columns apart: 33 columns).
            let code = t.code.value
            out.append("")
            out += BigText.lines(String(code.prefix(5))).map { centred($0) }
            out.append("")
            out += BigText.lines(String(code.suffix(5))).map { centred($0) }
            out.append("")
        }
        out.append(centred(t.code.grouped))
        out.append(heavy)
        return out.map { trimmingTrailingSpaces($0) }
    }

    /// Text from elsewhere (names, titles) made safe to print and cut to the width in display columns (a Chinese
    /// name or an emoji takes two columns of a receipt printer's line, not one); in ASCII, the pound sign spelled out
    /// and anything else outside ASCII shown as `?`.
    static func fitted(_ text: String, width: Int, charset: Charset) -> String {
        var s = SafeText.display(text, limit: width * 4)
        if charset == .ascii {
            s = s.replacingOccurrences(of: "£", with: "GBP ").replacingOccurrences(of: "·", with: "-")
            s = String(String.UnicodeScalarView(s.unicodeScalars.map { $0.isASCII ? $0 : "?" }))
            guard s.count > width else { return s }
            return String(s.prefix(width - 3)) + "..."
        }
        return TextWidth.truncate(s, to: width)
    }

    /// Centred in the 42 columns, by display width.
    static func centred(_ s: String) -> String {
        let pad = max(0, (width - TextWidth.of(s)) / 2)
        return String(repeating: " ", count: pad) + s
    }

    private static func trimmingTrailingSpaces(_ s: String) -> String {
        var s = s
        while s.last == " " { s.removeLast() }
        return s
    }
}
