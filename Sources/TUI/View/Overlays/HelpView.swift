import Booking

/// The help overlay's width: every binding's description must fit beside the widest keys (a test checks).
let helpWidth = 84

extension Help {
    /// The bindings' lines from `top`, as many as fit (the last page stays full, so scrolling never shows a half-empty
    /// box), then every seat glyph and its meaning.
    func render(theme: Theme, into buffer: inout ScreenBuffer) {
        let lines = self.lines(screenWidth: buffer.width)
        let legend = glyphLegendRows(theme, width: Self.innerWidth(screenWidth: buffer.width))
        let keyWidth = Self.keyWidth
        let box = renderBox(title: "Keys", width: helpWidth, height: lines.count + legend.count + 3, theme: theme, into: &buffer)
        let rows = max(1, box.height - legend.count - 1)
        // A terminal made taller since the last key may fit more than `top` leaves: the last page stays full.
        let first = max(0, min(top, lines.count - rows))
        for (i, line) in lines.dropFirst(first).prefix(rows).enumerated() {
            buffer.put(TextWidth.pad(line.keys, to: keyWidth), x: box.x, y: box.y + i, role: .label, attributes: .bold)
            buffer.put(line.text, x: box.x + keyWidth + 2, y: box.y + i, maxWidth: box.width - keyWidth - 2)
        }
        let more = lines.count > rows ? "\(theme.glyphs.separator)\(theme.glyphs.up)\(theme.glyphs.down) scroll" : ""
        for (i, row) in legend.enumerated() {
            renderGlyphLine(row, x: box.x, y: box.y + box.height - 1 - legend.count + i, theme: theme, into: &buffer)
        }
        buffer.put("Esc or ? closes" + more, x: box.x, y: box.y + box.height - 1, role: .dim)
    }
}
