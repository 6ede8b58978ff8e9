@preconcurrency import CNcursesw
import Foundation

/// The one wrapper around ncurses: start and stop the terminal, copy a screen buffer to it, and decode keys.
/// Everything else in the picker draws into `ScreenBuffer` and never sees curses.
final class Curses {
    private let screen: OpaquePointer
    private let output: UnsafeMutablePointer<FILE>
    private let input: UnsafeMutablePointer<FILE>
    private(set) var theme: Theme
    /// True when the locale cannot encode non-ASCII text: such characters are drawn as `?`.
    private let asciiOnlyText: Bool
    /// What the terminal shows now, to send only the cells that changed.
    private var previous: ScreenBuffer?
    private var attributes: [Role: (attr: attr_t, pair: Int16)] = [:]
    /// By role: a blank in it shows nothing (no background, reverse video or underline), so it may be drawn in
    /// another cell's colour; and its colours keep the default background, so it may lend its colour to a blank.
    private var rolePlainBlank: [Bool] = []
    private var roleLendsColour: [Bool] = []
    private(set) var isActive = true

    // NCURSES_MOUSE_MASK(1, NCURSES_BUTTON_PRESSED): the macro does not import into Swift.
    private static let button1Pressed: mmask_t = 0o2

    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    /// Opens the terminal with `newterm` (unlike `initscr`, it reports failure instead of exiting the process).
    init(ascii: Bool, utf8Locale: Bool) throws {
        guard let term = ProcessInfo.processInfo.environment["TERM"], !term.isEmpty else {
            throw StartError(description: "TERM is not set, so the seat picker cannot draw. Run it in a terminal (or set TERM, e.g. xterm-256color).")
        }
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw StartError(description: "The seat picker needs a terminal on standard input and output.")
        }
        guard let output = fdopen(dup(1), "w"), let input = fdopen(dup(0), "r") else {
            throw StartError(description: "Could not open the terminal: \(String(cString: strerror(errno))).")
        }
        guard let screen = newterm(nil, output, input) else {
            fclose(output)
            fclose(input)
            throw StartError(description: "The terminal type \"\(term)\" is unknown to ncurses; try TERM=xterm-256color.")
        }
        self.screen = screen
        self.output = output
        self.input = input
        set_term(screen)
        cbreak()
        noecho()
        nonl()
        keypad(bo_stdscr(), true)
        nodelay(bo_stdscr(), true)
        intrflush(bo_stdscr(), false)
        curs_set(0)
        // Short enough that Esc feels instant, long enough for an arrow key's bytes to arrive together over SSH.
        bo_set_escdelay(40)
        mousemask(Self.button1Pressed, nil)
        mouseinterval(0)

        var colors = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(bo_colors())
        }
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        var theme = Theme.choose(ascii: ascii, utf8Locale: utf8Locale, noColorSet: noColor, terminalColors: colors)
        // A glyph that this locale draws wider than one column would break the grid: then ASCII it is.
        if !theme.isASCII, theme.glyphs.all.contains(where: { c in c.unicodeScalars.contains { systemWidth(wchar_t($0.value)) != 1 } }) {
            theme.glyphs = .ascii
        }
        self.theme = theme
        asciiOnlyText = !utf8Locale
        setUpPalette()
    }

    private func setUpPalette() {
        rolePlainBlank = Array(repeating: false, count: Role.allCases.count)
        roleLendsColour = rolePlainBlank
        for role in Role.allCases {
            let entry = Palette.entry(for: role, depth: theme.colors)
            roleLendsColour[Int(role.rawValue)] = entry.background == -1
            rolePlainBlank[Int(role.rawValue)] = entry.background == -1 && !entry.reverse && !entry.underline
            var attr = bo_a_normal()
            if entry.bold { attr |= bo_a_bold() }
            if entry.reverse { attr |= bo_a_reverse() }
            if entry.dim { attr |= bo_a_dim() }
            if entry.underline { attr |= bo_a_underline() }
            var pair: Int16 = 0
            if theme.colors != .none {
                pair = Int16(role.rawValue) + 1
                init_pair(pair, Int16(entry.foreground), Int16(entry.background))
            }
            attributes[role] = (attr, pair)
        }
    }

    var size: (width: Int, height: Int) { (Int(bo_cols()), Int(bo_lines())) }

    /// Copies the cells that differ from what is on screen, then lets ncurses send the difference in one write.
    /// Returns how many cells were sent to ncurses.
    @discardableResult
    func draw(_ buffer: ScreenBuffer) -> Int {
        let window = bo_stdscr()
        var full = false
        if previous == nil || previous!.width != buffer.width || previous!.height != buffer.height {
            werase(window)
            full = true
        }
        var changed = 0
        var cchar = cchar_t()
        var wide = [wchar_t](repeating: 0, count: 6)
        for y in 0..<buffer.height {
            // Blanks up to this column follow a cell drawn where there was a blank before (the map appearing after
            // "Loading…", a scroll): they are sent again, unchanged, to take its colour. Where the colour is already
            // right, ncurses sends nothing for them.
            var lendUntil = -1
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if cell.isContinuation { continue }
                let plain = isPlainBlank(cell)
                if !full, let previous, previous[x, y] == cell {
                    if !plain { lendUntil = -1 }
                    if !plain || x > lendUntil { continue }
                } else if !plain {
                    lendUntil = full || isPlainBlank(previous![x, y]) ? x + BlankRuns.longestRun : -1
                }
                var n = 0
                for scalar in cell.char.unicodeScalars where n < 5 {
                    wide[n] = wchar_t(asciiOnlyText && scalar.value > 0x7E ? 0x3F : scalar.value)
                    n += 1
                }
                wide[n] = 0
                var (attr, pair) = style(of: cell)
                // A gap between seats goes out in the colour of the seat on its left, so ncurses need not switch
                // the colour off and on again around it; only what a space cannot show is lent (see BlankRuns).
                if plain,
                   let donor = BlankRuns.donor(forBlankAt: x, y: y, in: buffer, isPlain: isPlainBlank, canLend: lendsColour) {
                    (attr, pair) = style(of: buffer[donor, y])
                    attr &= bo_a_bold() | bo_a_dim()
                }
                setcchar(&cchar, wide, attr, pair, nil)
                mvwadd_wch(window, Int32(y), Int32(x), &cchar)
                changed += 1
            }
        }
        previous = buffer
        wnoutrefresh(window)
        doupdate()
        return changed
    }

    /// The attributes and colour pair a cell is drawn with: its role's, and the cell's own attributes on top.
    private func style(of cell: Cell) -> (attr: attr_t, pair: Int16) {
        let style = attributes[cell.role] ?? (bo_a_normal(), 0)
        var attr = style.attr
        if cell.attributes.contains(.underline) { attr |= bo_a_underline() }
        if cell.attributes.contains(.reverse) { attr ^= bo_a_reverse() }
        if cell.attributes.contains(.bold) { attr |= bo_a_bold() }
        return (attr, style.pair)
    }

    /// A space that shows nothing but the terminal's default background.
    private func isPlainBlank(_ cell: Cell) -> Bool {
        cell.char == " " && !cell.isContinuation && cell.attributes.isDisjoint(with: [.underline, .reverse])
            && rolePlainBlank[Int(cell.role.rawValue)]
    }

    private func lendsColour(_ cell: Cell) -> Bool { roleLendsColour[Int(cell.role.rawValue)] }

    /// Forgets what is on screen and repaints everything (Ctrl-L, after a suspend).
    func invalidate() {
        previous = nil
        clearok(curscr, true)
    }

    /// Every key and mouse click waiting on the terminal, without blocking.
    func readInput() -> [Msg] {
        var messages: [Msg] = []
        while true {
            var ch: wint_t = 0
            let result = get_wch(&ch)
            if result == ERR { break }
            if result == KEY_CODE_YES {
                let code = Int32(ch)
                switch code {
                case KEY_RESIZE:
                    let s = size
                    messages.append(.resize(width: s.width, height: s.height))
                case KEY_MOUSE:
                    var event = MEVENT()
                    if getmouse(&event) == OK, event.bstate & Self.button1Pressed != 0 {
                        messages.append(.click(x: Int(event.x), y: Int(event.y)))
                    }
                default:
                    messages.append(.key(Self.functionKey(code)))
                }
            } else {
                messages.append(.key(Self.characterKey(UInt32(ch))))
            }
        }
        return messages
    }

    static func functionKey(_ code: Int32) -> Key {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case KEY_ENTER: .enter
        case KEY_BACKSPACE: .backspace
        case KEY_DC: .delete
        default: .unknown
        }
    }

    static func characterKey(_ value: UInt32) -> Key {
        switch value {
        case 27: return .escape
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 9: return .tab
        case 1...26: return .control(Character(Unicode.Scalar(value + 96)!))
        case 0, 28...31: return .unknown
        default:
            guard let scalar = Unicode.Scalar(value) else { return .unknown }
            return .char(Character(scalar))
        }
    }

    /// Ctrl-Z: give the terminal back, stop, and take it again on `fg` with a full repaint.
    func suspend() {
        endwin()
        isActive = false
    }

    func resume() {
        reset_prog_mode()
        isActive = true
        invalidate()
        refresh()
    }

    /// Restores the terminal; safe to call more than once.
    func end() {
        guard isActive else { return }
        isActive = false
        endwin()
        delscreen(screen)
        fclose(output)
        fclose(input)
    }
}

/// The C library's `wcwidth`, which Glibc's Swift module hides without `_XOPEN_SOURCE`.
@_silgen_name("wcwidth")
func systemWidth(_ character: wchar_t) -> Int32
