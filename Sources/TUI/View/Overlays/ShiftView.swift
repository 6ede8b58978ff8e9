import Booking

/// The `$` overlay: the booking layer's own shift table (the one `boxoffice report shift` prints), line by line.
extension ShiftOverlay {
    func render(clerk: String, theme: Theme, into buffer: inout ScreenBuffer) {
        let sep = theme.glyphs.separator
        var lines: [String]
        var role = Role.text
        if let figures {
            let table = ShiftReport.table(figures.shifts, since: figures.since, until: figures.until, money: { theme.money($0) })
            lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            while lines.last?.isEmpty == true { lines.removeLast() }
        } else if let error {
            lines = [error]
            role = .error
        } else {
            lines = ["Reading your shift…"]
            role = .dim
        }
        let width = min(84, max(48, (lines.map { TextWidth.of($0) }.max() ?? 0) + 4))
        let box = renderBox(title: "Your shift so far · \(SafeText.display(clerk, limit: 20))", width: width,
                            height: lines.count + 4, theme: theme, into: &buffer)
        for (i, line) in lines.enumerated() where i < box.height - 2 {
            buffer.put(line, x: box.x, y: box.y + i, role: i == 0 && figures != nil ? .label : role, maxWidth: box.width)
        }
        let hint = loading && figures != nil ? "Reading again…" : "Esc or $ closes\(sep)r reads it again"
        buffer.put(hint, x: box.x, y: box.y + box.height - 1, role: .dim, maxWidth: box.width)
    }
}
