import Booking

/// A venue's plan drawn as text, laid out as the seat picker lays out its map (the same `MapLayout`: two columns a
/// seat, a line naming each section, gaps kept), for `boxoffice venue show`: free seats, wheelchair spaces,
/// restricted-view seats and seats not for sale each with their own glyph. Pure.
public enum VenueDrawing {
    public static func text(name: String, seats: [Seat], glyphs: Glyphs = .unicode) -> String {
        let layout = MapLayout(seats: seats)
        let labelWidth = max(2, seats.map { TextWidth.of(SafeText.display($0.row, limit: 4)) }.max() ?? 2) + 1
        var lines: [String] = [SafeText.display(name, limit: 80)]
        let stageWidth = max(9, layout.width)
        let label = " STAGE "
        let side = max(0, (stageWidth - 2 - label.count) / 2)
        lines.append(String(repeating: " ", count: labelWidth) + String(glyphs.corners.topLeft)
            + String(repeating: glyphs.horizontal, count: side) + label
            + String(repeating: glyphs.horizontal, count: max(0, stageWidth - 2 - side - label.count)) + String(glyphs.corners.topRight))
        for kind in layout.lines {
            switch kind {
            case .seats(let row, let indexes):
                var cells = Array(repeating: Character(" "), count: layout.width)
                for i in indexes { cells[layout.column[i]] = glyph(seats[i], glyphs) }
                let rowLabel = SafeText.display(row, limit: 4)
                let left = String(repeating: " ", count: max(0, labelWidth - 1 - TextWidth.of(rowLabel))) + rowLabel + " "
                lines.append(left + String(cells) + " " + rowLabel)
            case .sections(let labels):
                var text = ""
                for section in labels {
                    let name = SafeText.display(section.name, limit: 40)
                    let pad = max(0, section.column - TextWidth.of(text))
                    text += String(repeating: " ", count: pad) + name + " "
                }
                lines.append(String(repeating: " ", count: labelWidth) + text)
            case .gap:
                lines.append("")
            }
        }
        let legend = [(glyphs.free, "seat"), (glyphs.accessibleFree, "wheelchair space"), (glyphs.restricted, "restricted view"),
                      (glyphs.blocked, "not for sale")]
        lines.append(legend.map { "\($0.0) \($0.1)" }.joined(separator: "  "))
        return lines.map { line in String(line.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
    }

    static func glyph(_ seat: Seat, _ g: Glyphs) -> Character {
        if seat.blocked { return g.blocked }
        if seat.accessible { return g.accessibleFree }
        if seat.restrictedView { return g.restricted }
        return g.free
    }
}
