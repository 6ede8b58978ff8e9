import Booking

extension BookingForm {
    /// The step-by-step sale when the performance's prices are known (`SaleForm`), else a name and the total.
    func render(model: Model, into buffer: inout ScreenBuffer) {
        if let sale {
            renderSaleForm(sale, submitting: submitting, theme: model.theme, into: &buffer)
            return
        }
        let sep = model.theme.glyphs.separator
        let seats = model.map?.selectedSeats ?? []
        let total = seats.reduce(0) { $0 + $1.priceCents }
        let box = renderBox(title: "Book \(seats.count) seat\(seats.count == 1 ? "" : "s")", width: 64, height: 10,
                            theme: model.theme, into: &buffer)
        buffer.put("Seats: " + seats.map(\.label).joined(separator: " "), x: box.x, y: box.y, maxWidth: box.width)
        buffer.put("Total: \(model.theme.money(total))", x: box.x, y: box.y + 1)
        buffer.put("Customer name (optional):", x: box.x, y: box.y + 3, role: .label)
        renderField(name, x: box.x, y: box.y + 4, width: box.width, into: &buffer)
        if submitting {
            buffer.put("Booking…", x: box.x, y: box.y + 5, role: .dim)
        } else if let error {
            buffer.put(TextWidth.truncate(error, to: box.width), x: box.x, y: box.y + 5, role: .error)
        }
        buffer.put("Enter book\(sep)Esc back (seats stay held)", x: box.x, y: box.y + 7, role: .dim, maxWidth: box.width)
    }
}

extension BookingResult {
    /// The reference in bold, the seats, the total with its payments and change, and any warning of the booking.
    func render(theme: Theme, into buffer: inout ScreenBuffer) {
        let sep = theme.glyphs.separator
        // A warning (booked while Redis was away) is read whole: its last words say what it means for the booking.
        let lines = warnings.flatMap { TextWidth.wrap($0, to: max(8, min(64, buffer.width - 2) - 4)) }
        let box = renderBox(title: "Booked", width: 64, height: 9 + lines.count, theme: theme, into: &buffer)
        buffer.put("Booking reference: ", x: box.x, y: box.y, role: .label)
        buffer.put(SafeText.display(order.reference, limit: 20), x: box.x + 19, y: box.y, role: .ok, attributes: .bold)
        buffer.put("Seats: " + order.seats.map(\.label).joined(separator: " "), x: box.x, y: box.y + 1, maxWidth: box.width)
        var total = "Total: \(theme.money(order.totalCents))"
        if !order.payments.isEmpty {
            total += "\(sep)" + order.payments.map { "\($0.method.rawValue) \(theme.money($0.amountCents))" }.joined(separator: ", ")
            if order.changeCents > 0 { total += "\(sep)change \(theme.money(order.changeCents))" }
        }
        buffer.put(total, x: box.x, y: box.y + 2, maxWidth: box.width)
        buffer.put("Customer: " + SafeText.display(order.customerName ?? "(no name)", limit: 80), x: box.x, y: box.y + 3, maxWidth: box.width)
        for (i, line) in lines.prefix(max(0, box.height - 6)).enumerated() {
            buffer.put(line, x: box.x, y: box.y + 4 + i, role: .warning, maxWidth: box.width)
        }
        buffer.put(BookingResult.keys(separator: theme.glyphs.separator), x: box.x, y: box.y + box.height - 1, role: .dim)
    }
}
