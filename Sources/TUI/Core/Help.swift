import Booking

/// The `?` overlay: the key bindings of the screen it was opened on (see `Bindings`), scrolled by the arrow and
/// page keys when they do not all fit; any of its closing keys closes it.
public struct Help: Sendable {
    /// The screen whose keys are listed: the map and the chooser answer different keys.
    let screen: Model.Screen
    /// The first line shown (a binding may take two), never past the one that fills the last page (so Up after End
    /// moves at once).
    var top = 0

    init(for screen: Model.Screen) { self.screen = screen }

    var entries: [KeyBinding] { Bindings.help(for: screen) }

    /// The widest keys of any screen, so the descriptions start in the same column on every screen.
    static var keyWidth: Int { Bindings.all.map { TextWidth.of($0.plainKeys) }.max() ?? 10 }

    /// The box's inner width on a screen that wide (`renderBox` keeps a column free each side, and pads inside).
    static func innerWidth(screenWidth: Int) -> Int { max(4, min(helpWidth, screenWidth - 2)) - 4 }

    /// Each binding on as many lines as its description needs beside the keys (the keys on its first line): on an
    /// 80-column terminal the longest descriptions take two lines rather than losing their last words.
    func lines(screenWidth: Int) -> [(keys: String, text: String)] {
        let textWidth = max(8, Self.innerWidth(screenWidth: screenWidth) - Self.keyWidth - 2)
        return entries.flatMap { binding in
            TextWidth.wrap(binding.does, to: textWidth).enumerated().map { ($0.offset == 0 ? binding.plainKeys : "", $0.element) }
        }
    }

    /// The lines the seat glyphs take at the foot of the box (all of them, on as many lines as that width needs).
    static func legendLines(screenWidth: Int) -> Int { glyphLegendRows(Theme(), width: innerWidth(screenWidth: screenWidth)).count }

    /// How many lines of bindings fit on a screen that size: the box keeps a line free above and below it, and its
    /// frame, the glyph lines and the closing hint take the rest (`HelpView` draws it so).
    func rows(screenWidth: Int, screenHeight: Int) -> Int {
        let legend = Self.legendLines(screenWidth: screenWidth)
        let total = lines(screenWidth: screenWidth).count + legend + 3
        return max(1, max(3, min(total, screenHeight - 2)) - 3 - legend)
    }

    mutating func handleKey(_ key: Key, screenWidth: Int, screenHeight: Int) -> Reply {
        let last = max(0, lines(screenWidth: screenWidth).count - rows(screenWidth: screenWidth, screenHeight: screenHeight))
        switch key {
        case .up, .char("k"): top = max(0, top - 1)
        case .down, .char("j"): top = min(last, top + 1)
        case .pageUp: top = max(0, top - 10)
        case .pageDown: top = min(last, top + 10)
        case .home: top = 0
        case .end: top = last
        case .escape, .char("?"), .char("q"), .enter:
            var reply = Reply()
            reply.closeOverlay()
            return reply
        default: break
        }
        return Reply()
    }
}
