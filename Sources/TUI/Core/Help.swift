/// The `?` overlay: every key binding (see `Bindings`); any of its closing keys closes it.
enum Help {
    static func handleKey(_ key: Key) -> Reply {
        guard key == .escape || key == .char("?") || key == .char("q") || key == .enter else { return Reply() }
        var reply = Reply()
        reply.closeOverlay()
        return reply
    }
}
