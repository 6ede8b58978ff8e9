/// The `?` overlay: the key bindings of the screen it was opened on (see `Bindings`), scrolled by the arrow and
/// page keys when they do not all fit; any of its closing keys closes it.
public struct Help: Sendable {
    /// The screen whose keys are listed: the map and the chooser answer different keys.
    let screen: Model.Screen
    /// The first binding shown. Kept within the list here; the view also keeps the last page full.
    var top = 0

    init(for screen: Model.Screen) { self.screen = screen }

    var entries: [KeyBinding] { Bindings.help(for: screen) }

    mutating func handleKey(_ key: Key) -> Reply {
        let last = max(0, entries.count - 1)
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
