import Booking

/// Every seat glyph and what it means, for the legend line and the help: the last two only where they apply on the
/// map, for the legend (they are rarer, and the line is short).
func seatGlyphLegend(_ theme: Theme) -> [(glyph: Character, role: Role, name: String, attributes: CellAttributes)] {
    let g = theme.glyphs
    return [
        (g.free, .free, "free", []), (g.mine, .mine, "mine", []), (g.heldByOther, .heldByOther, "held", []),
        (g.booked, .booked, "sold", []), (g.blocked, .blocked, "blocked", []), (g.accessibleFree, .free, "wheelchair", [.underline]),
        (g.restricted, .restricted, "restricted view", []), (g.heldBack, .heldBack, "held back", []),
    ]
}

/// The help's line of every seat glyph (the help lists keys; a clerk meeting `◇` for the first time looks there).
/// One space between entries, so all eight fit the help's 80 columns.
func renderGlyphLine(x: Int, y: Int, width: Int, theme: Theme, into buffer: inout ScreenBuffer) {
    var at = x
    for entry in seatGlyphLegend(theme) {
        let needed = 2 + TextWidth.of(entry.name)
        guard at + needed <= x + width else { break }
        buffer.put(String(entry.glyph), x: at, y: y, role: entry.role, attributes: entry.attributes)
        at += 2 + buffer.put(entry.name, x: at + 2, y: y, role: .dim) + 1
    }
}
