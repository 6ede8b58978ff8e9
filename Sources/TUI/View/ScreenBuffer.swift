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
