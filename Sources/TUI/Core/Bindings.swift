/// A key binding as data: the keys, what they do, where they apply, and the status bar's hint for them. The `?`
/// help, the status-bar hints and the README's key table are all made from `Bindings.all`, so they cannot drift
/// apart (a test compares the README's table with `Bindings.markdownTable`). The keys' handling itself lives in each
/// screen's and overlay's update.
public struct KeyBinding: Hashable, Sendable {
    public enum Scope: String, Hashable, Sendable, CaseIterable {
        case map = "seat map"
        case chooser = "chooser"
        /// The seat map and the chooser.
        case screens = "anywhere"
        /// Text fields: the customer's name, find, the chooser's filter.
        case forms = "forms"
    }

    /// As the README writes them, with `code` marks (the help shows them without).
    public var keys: String
    public var does: String
    public var scope: Scope
    /// Shown in the status bar of the screens the binding applies to, in table order.
    public var hint: String?

    public init(_ keys: String, _ does: String, _ scope: Scope, hint: String? = nil) {
        self.keys = keys
        self.does = does
        self.scope = scope
        self.hint = hint
    }

    /// The keys as the help overlay shows them.
    public var plainKeys: String { keys.replacingOccurrences(of: "`", with: "") }

    func applies(to screen: Model.Screen) -> Bool {
        switch scope {
        case .map: screen == .map
        case .chooser: screen == .chooser
        case .screens, .forms: true
        }
    }
}

public enum Bindings {
    /// Every key of the picker. Descriptions fit the help overlay's width (a test checks it).
    public static let all: [KeyBinding] = [
        KeyBinding("arrows, `h j k l`", "seat to seat, across aisles; up/down to the nearest seat", .map),
        KeyBinding("`Home` / `End`", "first / last seat of the row", .map),
        KeyBinding("`PgUp` / `PgDn`", "a screenful of rows up / down", .map),
        KeyBinding("`Space`", "hold or release (or click); a held-back seat asks its code", .map, hint: "Space select"),
        KeyBinding("`1`-`9` then `b`", "the best N seats together, held at once (b alone asks)", .map),
        KeyBinding("`1`-`9` then `B`", "the same, restricted-view seats included", .map),
        KeyBinding("`Enter`", "book the selection (customer's name, then its reference)", .map, hint: "Enter book"),
        KeyBinding("`x`", "clear the selection, releasing its holds", .map),
        KeyBinding("`/`", "find a booking by reference or customer name", .map),
        KeyBinding("`c`", "cancel the booking found (asks first, naming the refund)", .map),
        KeyBinding("`e`", "exchange the booking found for new seats (Esc backs out)", .map),
        KeyBinding("`p`", "print the tickets of the booking just made or found", .map),
        KeyBinding("`r`, `Ctrl-R`", "read the seat map again", .map),
        KeyBinding("`Esc`", "close a form or overlay (holds stay)", .map),
        KeyBinding("`q`", "back to the performances, or quit (asks when holding)", .map),
        KeyBinding("arrows, `PgUp` / `PgDn`", "choose a performance", .chooser, hint: "▲▼ choose"),
        KeyBinding("letters", "filter by theater or title", .chooser, hint: "type to filter"),
        KeyBinding("`Enter`", "open the performance's seat map", .chooser, hint: "Enter open"),
        KeyBinding("`Esc`", "clear the filter", .chooser),
        KeyBinding("`Ctrl-R`", "read the list again (it also refreshes every 5 s)", .chooser),
        KeyBinding("`q`", "quit (when the filter is empty)", .chooser, hint: "q quit"),
        KeyBinding("`?`", "this help: every key", .screens, hint: "? help"),
        KeyBinding("`$`", "your shift so far, as report shift shows it; also on quit", .screens),
        KeyBinding("`Ctrl-L`", "redraw the screen", .screens),
        KeyBinding("`Backspace`, `Delete`", "edit a form; arrows, Home and End move the cursor", .forms),
        KeyBinding("`Ctrl-U`", "clear the field; control characters are refused", .forms),
    ]

    /// The help overlay's list for a screen: its own keys, those of both screens, and the forms'.
    public static func help(for screen: Model.Screen) -> [KeyBinding] {
        all.filter { $0.applies(to: screen) }
    }

    /// The status bar's hints for a screen, in table order, joined with the theme's separator.
    public static func hints(for screen: Model.Screen, separator: String) -> String {
        all.filter { $0.applies(to: screen) }.compactMap(\.hint).joined(separator: separator)
    }

    /// The README's key table (between its `keys:` markers).
    public static var markdownTable: String {
        var lines = ["| key | where | does |", "|---|---|---|"]
        for binding in all { lines.append("| \(binding.keys) | \(binding.scope.rawValue) | \(binding.does) |") }
        return lines.joined(separator: "\n")
    }
}
