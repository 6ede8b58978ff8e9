import Booking

/// Extra attributes a cell can carry on top of its role. Kept apart from roles so that a wheelchair space or the
/// cursor stays recognisable in every seat state, with or without colour.
public struct CellAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let underline = CellAttributes(rawValue: 1)
    public static let reverse = CellAttributes(rawValue: 2)
    public static let bold = CellAttributes(rawValue: 4)
}

/// One terminal column: a character (a whole grapheme cluster), its style role and attributes.
/// A wide character fills its own cell and marks the next one as its continuation, which the backend skips.
public struct Cell: Hashable, Sendable {
    public var char: Character
    public var role: Role
    public var attributes: CellAttributes
    public var isContinuation: Bool

    public init(_ char: Character = " ", role: Role = .text, attributes: CellAttributes = [], isContinuation: Bool = false) {
        self.char = char
        self.role = role
        self.attributes = attributes
        self.isContinuation = isContinuation
    }

    public static let blank = Cell()
}

/// What `render` draws into: a grid of cells that tests read as text and the curses backend copies to the screen.
public struct ScreenBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// The locale shows ASCII only: `put` transliterates text (see `ASCIIText`) so that no `?` reaches the screen
    /// where a letter can stand.
    public let asciiOnly: Bool

    public init(width: Int, height: Int, asciiOnly: Bool = false) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.asciiOnly = asciiOnly
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes text at (x, y), at most `maxWidth` columns, and returns the columns used. Every character passes
    /// through `SafeText` rules here, so nothing a customer typed can reach the terminal as a control sequence.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: Role = .text, attributes: CellAttributes = [],
                             maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = min(width, x + (maxWidth ?? width))
        var column = x
        for character in asciiOnly ? ASCIIText.transliterate(text) : text {
            let safe = TextWidth.safe(character)
            let w = TextWidth.of(safe)
            if column + w > limit { break }
            if column >= 0 {
                self[column, y] = Cell(safe, role: role, attributes: attributes)
                if w == 2 { self[column + 1, y] = Cell(" ", role: role, attributes: attributes, isContinuation: true) }
            }
            column += w
        }
        return column - x
    }

    /// Fills a run of cells with one character (lines, blank backgrounds).
    public mutating func fill(_ char: Character = " ", x: Int, y: Int, count: Int, role: Role = .text, attributes: CellAttributes = []) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<max(max(0, x), min(width, x + count)) {
            self[column, y] = Cell(char, role: role, attributes: attributes)
        }
    }

    /// Changes the style of cells already drawn (the cursor, a highlighted row) without touching their characters.
    public mutating func restyle(x: Int, y: Int, count: Int, role: Role? = nil, adding attributes: CellAttributes = []) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<max(max(0, x), min(width, x + count)) {
            if let role { self[column, y].role = role }
            self[column, y].attributes.formUnion(attributes)
        }
    }

    /// Replaces characters cell by cell (each replacement one column wide, as the original).
    public mutating func transliterate(_ table: [Character: Character]) {
        for i in cells.indices { if let replacement = table[cells[i].char] { cells[i].char = replacement } }
    }

    /// The buffer as plain text, one line per row, trailing blanks trimmed: what snapshot tests compare.
    public var text: String {
        (0..<height).map { line($0) }.joined(separator: "\n")
    }

    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<width where !self[x, y].isContinuation { s.append(self[x, y].char) }
        while s.last == " " { s.removeLast() }
        return s
    }

    /// One letter per cell naming its role (see `Role.code`), for tests that check styling without a terminal.
    public func roleLine(_ y: Int) -> String {
        var s = ""
        for x in 0..<width { s.append(self[x, y].role.code) }
        while s.last == " " { s.removeLast() }
        return s
    }
}

/// Display width of text, as the terminal will lay it out. A table rather than the C library's `wcwidth`, so
/// that layout does not depend on the process locale (tests run under `C`); a test checks it against `wcwidth`.
public enum TextWidth {
    public static func of(_ character: Character) -> Int {
        var width = 0
        for (i, scalar) in character.unicodeScalars.enumerated() {
            let w = of(scalar)
            if i == 0 { width = w } else if w == 2 { width = 2 }
        }
        return width
    }

    public static func of(_ text: String) -> Int { text.reduce(0) { $0 + of($1) } }

    public static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        switch v {
        // Printable ASCII, Latin-1 (but the soft hyphen), dashes and ellipsis, box drawing and the map's geometric
        // shapes: one column, without a Unicode property lookup (a frame of the map asks thousands of times).
        case 0x20...0x7E, 0xA0...0xAC, 0xAE...0xFF, 0x2010...0x2027, 0x2500...0x25FC: return 1
        default: break
        }
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
}
