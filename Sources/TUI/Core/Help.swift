/// The `?` overlay: the key bindings of the screen it was opened on (see `Bindings`), scrolled by the arrow and
/// page keys when they do not all fit; any of its closing keys closes it.
public struct Help: Sendable {
    /// The screen whose keys are listed: the map and the chooser answer different keys.
    let screen: Model.Screen
    /// The first binding shown, never past the one that fills the last page (so Up after End moves at once).
    var top = 0

    init(for screen: Model.Screen) { self.screen = screen }

    var entries: [KeyBinding] { Bindings.help(for: screen) }

    /// How many bindings fit on a screen of that height: the box keeps a line free above and below it, and its
    /// frame, the glyph line and the closing hint take four more (`HelpView` draws it so).
    func rows(screenHeight: Int) -> Int {
        max(1, max(3, min(entries.count + 4, screenHeight - 2)) - 4)
    }

    mutating func handleKey(_ key: Key, screenHeight: Int) -> Reply {
        let last = max(0, entries.count - rows(screenHeight: screenHeight))
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
