import Booking

/// The help overlay's width: every binding's description must fit beside the widest keys (a test checks).
let helpWidth = 84

extension Help {
    /// The bindings from `top`, as many as fit (the last page stays full, so scrolling never shows a half-empty box),
    /// then every seat glyph and its meaning.
    func render(theme: Theme, into buffer: inout ScreenBuffer) {
        let entries = self.entries
        let keyWidth = Bindings.all.map { TextWidth.of($0.plainKeys) }.max() ?? 10
        let box = renderBox(title: "Keys", width: helpWidth, height: entries.count + 4, theme: theme, into: &buffer)
        let rows = max(1, box.height - 2)
        // A terminal made taller since the last key may fit more than `top` leaves: the last page stays full.
        let first = max(0, min(top, entries.count - rows))
        for (i, entry) in entries.dropFirst(first).prefix(rows).enumerated() {
            buffer.put(TextWidth.pad(entry.plainKeys, to: keyWidth), x: box.x, y: box.y + i, role: .label, attributes: .bold)
            buffer.put(entry.does, x: box.x + keyWidth + 2, y: box.y + i, maxWidth: box.width - keyWidth - 2)
        }
        let more = entries.count > rows ? "\(theme.glyphs.separator)\(theme.glyphs.up)\(theme.glyphs.down) scroll" : ""
        renderGlyphLine(x: box.x, y: box.y + box.height - 2, width: box.width, theme: theme, into: &buffer)
        buffer.put("Esc or ? closes" + more, x: box.x, y: box.y + box.height - 1, role: .dim)
    }
}
