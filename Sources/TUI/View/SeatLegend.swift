import Booking

/// A seat glyph, how it is drawn, and what it means.
typealias GlyphLegendEntry = (glyph: Character, role: Role, name: String, attributes: CellAttributes)

/// Every seat glyph and what it means, for the legend line and the help: the last two only where they apply on the
/// map, for the legend (they are rarer, and the line is short).
func seatGlyphLegend(_ theme: Theme) -> [GlyphLegendEntry] {
    let g = theme.glyphs
    return [
        (g.free, .free, "free", []), (g.mine, .mine, "mine", []), (g.heldByOther, .heldByOther, "held", []),
        (g.booked, .booked, "sold", []), (g.blocked, .blocked, "blocked", []), (g.accessibleFree, .free, "wheelchair", [.underline]),
        (g.restricted, .restricted, "restricted view", []), (g.heldBack, .heldBack, "held back", []),
    ]
}

/// The help's lines of every seat glyph (the help lists keys; a clerk meeting `◇` for the first time looks there):
/// one space between entries, as many entries a line as fit that width, so none is dropped on a narrow terminal.
func glyphLegendRows(_ theme: Theme, width: Int) -> [[GlyphLegendEntry]] {
    var rows: [[GlyphLegendEntry]] = [[]]
    var used = 0
    for entry in seatGlyphLegend(theme) {
        let needed = 2 + TextWidth.of(entry.name)
        if used > 0 && used + needed > width {
            rows.append([])
            used = 0
        }
        rows[rows.count - 1].append(entry)
        used += needed + 1
    }
    return rows
}

/// One line of the help's glyphs: each glyph in its own colour, then its name.
func renderGlyphLine(_ entries: [GlyphLegendEntry], x: Int, y: Int,
                     theme: Theme, into buffer: inout ScreenBuffer) {
    var at = x
    for entry in entries {
        buffer.put(String(entry.glyph), x: at, y: y, role: entry.role, attributes: entry.attributes)
        at += 2 + buffer.put(entry.name, x: at + 2, y: y, role: .dim) + 1
    }
}
