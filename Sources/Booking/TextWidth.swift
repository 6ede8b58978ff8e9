/// Display width of text, as a terminal lays it out: the seat picker's screen and the command line's tables.
/// East Asian wide = 2, combining marks = 0. A table rather than the C library's `wcwidth`, so that layout does not
/// depend on the process locale (tests run under `C`); a test checks it against `wcwidth`.
public enum TextWidth {
    public static func of(_ character: Character) -> Int {
        var width = 0
        for (i, scalar) in character.unicodeScalars.enumerated() {
            let w = of(scalar)
            if i == 0 { width = w } else if w == 2 { width = 2 }
        }
        return width
    }

    public static func of(_ text: String) -> Int {
        // Printable ASCII is one column a byte: no grapheme breaking (a seat table measures thousands of cells).
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        // Text of one-column scalars only (`£22.00`, every price cell) is one column a scalar: none of them joins
        // another into one character, and breaking 744 prices into characters was a sixth of a seat table.
        var columns = 0
        for s in text.unicodeScalars {
            guard isOneColumn(s.value) else { return text.reduce(0) { $0 + of($1) } }
            columns += 1
        }
        return columns
    }

    /// Printable ASCII, Latin-1 (but the soft hyphen), dashes and ellipsis, box drawing and the map's geometric
    /// shapes: one column, without a Unicode property lookup (a frame of the map asks thousands of times).
    @inline(__always) static func isOneColumn(_ v: UInt32) -> Bool {
        switch v {
        case 0x20...0x7E, 0xA0...0xAC, 0xAE...0xFF, 0x2010...0x2027, 0x2500...0x25FC: true
        default: false
        }
    }

    public static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if isOneColumn(v) { return 1 }
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if isWide(v) { return 2 }
        return 1
    }

    /// East Asian Wide and Fullwidth ranges, and the emoji blocks terminals draw two columns wide.
    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3, 0x25FD...0x25FE,
             0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE,
             0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705,
             0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0, 0x27BF,
             0x2B1B...0x2B1C, 0x2B50, 0x2B55, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
             0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F, 0x1F680...0x1F6FF,
             0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The character itself, or `?` when any part of it could move the cursor, recolour or reorder text, or when
    /// it would take no column of its own (a stray combining mark).
    public static func safe(_ character: Character) -> Character {
        if character.unicodeScalars.contains(where: SafeText.isUnsafe) { return "?" }
        if of(character) == 0 { return "?" }
        return character
    }

    /// Cuts text to at most `columns` display columns, ending with `…` when cut.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if of(text) <= columns { return text }
        var out = "", used = 0
        for c in text {
            let w = of(TextWidth.safe(c))
            if used + w > columns - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }

    /// Pads (or cuts) text to exactly `columns` display columns.
    public static func pad(_ text: String, to columns: Int, right: Bool = false) -> String {
        let cut = truncate(text, to: columns)
        let padding = String(repeating: " ", count: max(0, columns - of(cut)))
        return right ? padding + cut : cut + padding
    }

    /// Breaks text into lines of at most `columns` display columns at its spaces (a word wider than a line is cut), so
    /// that a narrow terminal shows all of a help or hint rather than its first columns.
    public static func wrap(_ text: String, to columns: Int) -> [String] {
        guard columns > 0 else { return [text] }
        var lines: [String] = [], line = "", used = 0
        for piece in text.split(separator: " ") {
            var word = String(piece), width = of(word)
            while width > columns {
                if used > 0 { lines.append(line); line = ""; used = 0 }
                var head = "", headWidth = 0
                for c in word {
                    if headWidth + of(c) > columns && !head.isEmpty { break }
                    head.append(c)
                    headWidth += of(c)
                }
                lines.append(head)
                word = String(word.dropFirst(head.count))
                width = of(word)
            }
            if word.isEmpty { continue }
            if used == 0 {
                line = word
                used = width
            } else if used + 1 + width <= columns {
                line += " " + word
                used += 1 + width
            } else {
                lines.append(line)
                line = word
                used = width
            }
        }
        if used > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }
}
