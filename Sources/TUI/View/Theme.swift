import Booking

/// What a cell means, never which colour it is: the backend's palette turns roles into colours (as htop names
/// its colours by meaning). Every seat role also has its own glyph, so a map reads without colour.
public enum Role: UInt8, CaseIterable, Hashable, Sendable {
    case text, dim, title, label, section
    case free, mine, heldByOther, booked, blocked, highlight, restricted, heldBack
    case cursor, stage, status, error, ok, warning
    case selectedRow, border, input, barSold, barHeld, barFree

    /// One letter per role for role-map snapshots in tests.
    public var code: Character {
        switch self {
        case .text: " "
        case .dim: "."
        case .title: "T"
        case .label: "L"
        case .section: "S"
        case .free: "f"
        case .mine: "m"
        case .heldByOther: "h"
        case .booked: "b"
        case .blocked: "k"
        case .restricted: "r"
        case .heldBack: "K"
        case .highlight: "H"
        case .cursor: "C"
        case .stage: "G"
        case .status: "s"
        case .error: "E"
        case .ok: "O"
        case .warning: "W"
        case .selectedRow: "R"
        case .border: "B"
        case .input: "I"
        case .barSold: "1"
        case .barHeld: "2"
        case .barFree: "3"
        }
    }
}

/// The characters the map and frames are drawn with. Every one is a single column wide (`wcwidth` 1) in a UTF-8
/// locale; the ASCII set is for other locales, `--ascii`, and terminals whose fonts lack the symbols.
public struct Glyphs: Equatable, Sendable {
    public var free: Character
    public var mine: Character
    public var heldByOther: Character
    public var booked: Character
    public var blocked: Character
    public var highlight: Character
    /// A free wheelchair space; taken ones show their state glyph, underlined.
    public var accessibleFree: Character
    /// A free seat with a restricted view, and a seat held back (house seats, press) for a code.
    public var restricted: Character
    public var heldBack: Character
    public var horizontal: Character
    public var vertical: Character
    public var corners: (topLeft: Character, topRight: Character, bottomLeft: Character, bottomRight: Character)
    public var separator: String
    public var barFull: Character
    public var barHeld: Character
    public var barEmpty: Character
    public var up: Character
    public var down: Character
    public var left: Character
    public var right: Character

    public static let unicode = Glyphs(
        free: "○", mine: "◆", heldByOther: "◐", booked: "×", blocked: "▪", highlight: "●", accessibleFree: "w",
        restricted: "◌", heldBack: "◇", horizontal: "─", vertical: "│", corners: ("╭", "╮", "╰", "╯"), separator: " · ",
        barFull: "█", barHeld: "▒", barEmpty: "░", up: "▲", down: "▼", left: "◀", right: "▶")

    public static let ascii = Glyphs(
        free: "o", mine: "#", heldByOther: "h", booked: "x", blocked: "-", highlight: "*", accessibleFree: "w",
        restricted: "r", heldBack: "=", horizontal: "-", vertical: "|", corners: ("+", "+", "+", "+"), separator: " | ",
        barFull: "#", barHeld: "+", barEmpty: ".", up: "^", down: "v", left: "<", right: ">")

    public var all: [Character] {
        [free, mine, heldByOther, booked, blocked, highlight, accessibleFree, restricted, heldBack, horizontal, vertical,
         corners.0, corners.1, corners.2, corners.3, barFull, barHeld, barEmpty, up, down, left, right] + Array(separator)
    }

    public static func == (a: Glyphs, b: Glyphs) -> Bool { a.all == b.all }
}

/// How the terminal can show things, decided once at start-up from the locale, `NO_COLOR`, the terminal's
/// colour count and `--ascii`.
public struct Theme: Equatable, Sendable {
    public enum ColorDepth: Equatable, Sendable { case none, basic, extended }

    public var glyphs: Glyphs
    public var colors: ColorDepth
    /// The locale cannot show anything but ASCII: every text is drawn through `ASCIIText` and money by its ISO code.
    /// (`--ascii` alone changes the glyphs, not the text: a UTF-8 locale still shows names as they are.)
    public var asciiText: Bool
    public var currency: Currency

    public init(glyphs: Glyphs = .unicode, colors: ColorDepth = .extended, asciiText: Bool = false, currency: Currency = .gbp) {
        self.glyphs = glyphs
        self.colors = colors
        self.asciiText = asciiText
        self.currency = currency
    }

    /// Money as this terminal can show it.
    public func money(_ minorUnits: Int) -> String { moneyText(minorUnits, in: currency, asciiOnly: asciiText) }

    public var isASCII: Bool { glyphs == .ascii }

    public static func choose(ascii: Bool, utf8Locale: Bool, noColorSet: Bool, terminalColors: Int) -> Theme {
        let glyphs: Glyphs = (ascii || !utf8Locale) ? .ascii : .unicode
        let colors: ColorDepth
        if noColorSet || terminalColors < 8 { colors = .none } else if terminalColors >= 256 { colors = .extended } else { colors = .basic }
        return Theme(glyphs: glyphs, colors: colors, asciiText: !utf8Locale)
    }
}

/// Colours for each role. Okabe–Ito (safe for the common kinds of colour blindness) on 256-colour terminals, the
/// nearest of the 8 basic colours otherwise. -1 is the terminal's default colour.
public struct Palette: Sendable {
    public struct Entry: Sendable, Equatable {
        public var foreground: Int
        public var background: Int
        public var bold: Bool
        public var reverse: Bool
        public var dim: Bool
        public var underline: Bool
        public init(_ foreground: Int, _ background: Int = -1, bold: Bool = false, reverse: Bool = false, dim: Bool = false,
                    underline: Bool = false) {
            self.underline = underline
            self.foreground = foreground
            self.background = background
            self.bold = bold
            self.reverse = reverse
            self.dim = dim
        }
    }

    // Okabe–Ito as xterm-256 indices: orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple.
    static let orange = 214, skyBlue = 117, bluishGreen = 36, yellow = 227, blue = 32, vermillion = 166, purple = 175, grey = 244

    public static func entry(for role: Role, depth: Theme.ColorDepth) -> Entry {
        switch depth {
        case .none: return monochrome(role)
        case .basic: return basic(role)
        case .extended: return extended(role)
        }
    }

    /// Without colour, attributes alone carry the emphasis; glyphs carry the meaning.
    static func monochrome(_ role: Role) -> Entry {
        switch role {
        case .title, .mine, .error, .warning, .section: Entry(-1, bold: true)
        case .status, .selectedRow, .cursor: Entry(-1, reverse: true)
        case .input: Entry(-1, underline: true)
        case .dim, .booked, .blocked, .barSold: Entry(-1, dim: true)
        default: Entry(-1)
        }
    }

    static func basic(_ role: Role) -> Entry {
        // COLOR_BLACK 0, RED 1, GREEN 2, YELLOW 3, BLUE 4, MAGENTA 5, CYAN 6, WHITE 7
        switch role {
        case .text, .label: Entry(-1)
        case .dim: Entry(-1, dim: true)
        case .title: Entry(6, bold: true)
        case .section: Entry(6)
        case .free: Entry(2)
        case .mine: Entry(3, bold: true)
        case .heldByOther: Entry(4, bold: true)
        case .booked: Entry(1)
        case .blocked: Entry(-1, dim: true)
        case .restricted: Entry(2, dim: true)
        case .heldBack: Entry(5)
        case .highlight: Entry(5, bold: true)
        case .cursor: Entry(-1, reverse: true)
        case .stage: Entry(6, bold: true)
        case .status: Entry(0, 6)
        case .error: Entry(1, bold: true)
        case .ok: Entry(2, bold: true)
        case .warning: Entry(3, bold: true)
        case .selectedRow: Entry(-1, reverse: true)
        case .border: Entry(6)
        case .input: Entry(0, 7)
        case .barSold: Entry(1)
        case .barHeld: Entry(4)
        case .barFree: Entry(2)
        }
    }

    static func extended(_ role: Role) -> Entry {
        switch role {
        case .text, .label: Entry(-1)
        case .dim: Entry(grey)
        case .title: Entry(skyBlue, bold: true)
        case .section: Entry(skyBlue)
        case .free: Entry(bluishGreen)
        case .mine: Entry(orange, bold: true)
        case .heldByOther: Entry(blue, bold: true)
        case .booked: Entry(vermillion)
        case .blocked: Entry(grey)
        case .restricted: Entry(bluishGreen, dim: true)
        case .heldBack: Entry(purple)
        case .highlight: Entry(purple, bold: true)
        case .cursor: Entry(-1, reverse: true)
        case .stage: Entry(yellow, bold: true)
        case .status: Entry(16, skyBlue)
        case .error: Entry(vermillion, bold: true)
        case .ok: Entry(bluishGreen, bold: true)
        case .warning: Entry(orange, bold: true)
        case .selectedRow: Entry(16, yellow)
        case .border: Entry(skyBlue)
        case .input: Entry(16, 252)
        case .barSold: Entry(vermillion)
        case .barHeld: Entry(blue)
        case .barFree: Entry(bluishGreen)
        }
    }
}
