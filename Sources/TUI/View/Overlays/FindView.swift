import Booking

extension Find {
    /// The query field, and what the search is doing or why it failed.
    func render(theme: Theme, into buffer: inout ScreenBuffer) {
        let box = renderBox(title: "Find a booking", width: 64, height: 8, theme: theme, into: &buffer)
        buffer.put("Booking reference or customer name:", x: box.x, y: box.y, role: .label)
        renderField(query, x: box.x, y: box.y + 1, width: box.width, into: &buffer)
        if searching {
            buffer.put("Searching…", x: box.x, y: box.y + 2, role: .dim)
        } else if let error {
            buffer.put(TextWidth.truncate(error, to: box.width), x: box.x, y: box.y + 2, role: .error)
        }
        buffer.put("Enter find\(theme.glyphs.separator)Esc close", x: box.x, y: box.y + 4, role: .dim)
    }
}

extension FindResults {
    /// One booking a line, scrolled to keep the selected one in view; cancelled ones dimmed.
    func render(theme: Theme, into buffer: inout ScreenBuffer) {
        let sep = theme.glyphs.separator
        let shown = min(orders.count, max(1, buffer.height - 8))
        let box = renderBox(title: "\(orders.count) bookings found", width: 84, height: shown + 4, theme: theme, into: &buffer)
        let top = max(0, selected - shown + 1)
        for row in 0..<shown {
            let i = top + row
            guard i < orders.count else { break }
            let o = orders[i]
            let status = o.isCancelled ? "cancelled" : theme.money(o.totalCents)
            let line = TextWidth.pad(SafeText.display(o.reference, limit: 12), to: 10) + " "
                + TextWidth.pad(SafeText.display(o.customerName ?? "(no name)", limit: 60), to: 22) + " "
                + TextWidth.pad("perf " + o.performanceIDs.map(String.init).joined(separator: ","), to: 8) + " "
                + TextWidth.pad(o.describeSeats().replacingOccurrences(of: "performance ", with: "perf "), to: 24) + " " + status
            let role: Role = i == selected ? .selectedRow : (o.isCancelled ? .dim : .text)
            if i == selected { buffer.fill(x: box.x, y: box.y + row, count: box.width, role: role) }
            buffer.put(line, x: box.x, y: box.y + row, role: role, maxWidth: box.width)
        }
        buffer.put("Enter show\(sep)c cancel\(sep)e exchange\(sep)Esc close", x: box.x, y: box.y + box.height - 1, role: .dim)
    }
}
