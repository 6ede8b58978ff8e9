/// Text from clerks, customers and files reaches other clerks' terminals: anything that could move a cursor,
/// change colours or reorder text (C0/C1 controls, ESC sequences, bidi overrides, zero-width characters) is refused
/// on input and replaced on display.
public enum SafeText {
    public static let maxCustomerName = 120
    public static let maxLabel = 8

    /// Nil when the text is acceptable, else the reason in plain words.
    public static func problem(in text: String, field: String, maxLength: Int) -> String? {
        if text.unicodeScalars.count > maxLength {
            return "The \(field) is too long (\(text.unicodeScalars.count) characters; at most \(maxLength))."
        }
        if let bad = text.unicodeScalars.first(where: isUnsafe) {
            let hex = String(bad.value, radix: 16, uppercase: true)
            return "The \(field) contains a control or invisible character (U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex)), which is not allowed."
        }
        return nil
    }

    /// `text` without the spaces and tabs at its ends: what Foundation's `trimmingCharacters(in: .whitespaces)` does,
    /// in Swift alone. Every command names its clerk first, and Foundation's first trim bridges to NSString and builds
    /// its character sets: ~0.1 ms of a command line's start-up.
    public static func trimmingSpaces(_ text: String) -> String {
        // CoreFoundation's whitespace set: tab, the space separators (Zs) and, as it always has, U+200B.
        func isSpace(_ s: Unicode.Scalar) -> Bool {
            switch s.value {
            case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
            default: false
            }
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    public static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        // Printable ASCII, Latin-1 (but the soft hyphen), dashes, box drawing and geometric shapes are all assigned and
        // visible: answered without a Unicode property lookup, since the seat picker asks for every cell it draws.
        case 0x20...0x7E, 0xA0...0xAC, 0xAE...0xFF, 0x2010...0x2027, 0x2500...0x25FF: return false
        case 0x00...0x1F, 0x7F...0x9F: return true                // C0, DEL, C1 (ESC is 0x1B)
        case 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F: return true  // zero-width, separators, bidi
        case 0xFEFF, 0xFFF9...0xFFFB: return true                // BOM, interlinear annotation
        case 0xE000...0xF8FF: return true                        // private use: no agreed width
        default:
            let category = s.properties.generalCategory
            return category == .format || category == .unassigned
        }
    }

    /// For display of text that came from elsewhere: unsafe characters become `?`, and long text is cut with `…`.
    public static func display(_ text: String, limit: Int = 200) -> String {
        // Printable ASCII within the limit is shown as it is (a seat table makes thousands of cells).
        if text.utf8.count <= limit, text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        // Nothing to replace or cut (`£22.00`, a name with an accent): the text as it is, not rebuilt a scalar at a time.
        if text.utf8.count <= limit, !text.unicodeScalars.contains(where: isUnsafe) { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if out.count >= limit { out.append("…"); break }
            out.append(isUnsafe(s) ? "?" : s)
        }
        return String(out)
    }
}
