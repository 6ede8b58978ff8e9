import Booking

/// The help overlay's width: every binding's description must fit beside the widest keys (a test checks).
let helpWidth = 84

func renderOverlay(_ overlay: Overlay, model: Model, into buffer: inout ScreenBuffer) {
    let sep = model.theme.glyphs.separator
    switch overlay {
    case .help:
        let entries = Bindings.help(for: model.screen)
        let keyWidth = Bindings.all.map { TextWidth.of($0.plainKeys) }.max() ?? 10
        let box = renderBox(title: "Keys", width: helpWidth, height: entries.count + 4, theme: model.theme, into: &buffer)
        for (i, entry) in entries.enumerated() where i < box.height - 2 {
            buffer.put(TextWidth.pad(entry.plainKeys, to: keyWidth), x: box.x, y: box.y + i, role: .label, attributes: .bold)
            buffer.put(entry.does, x: box.x + keyWidth + 2, y: box.y + i, maxWidth: box.width - keyWidth - 2)
        }
        renderGlyphLine(x: box.x, y: box.y + box.height - 2, width: box.width, theme: model.theme, into: &buffer)
        // A short terminal cuts the list: say so rather than hide keys silently.
        let hidden = max(0, entries.count - (box.height - 2))
        let more = hidden == 0 ? "" : "\(sep)\(hidden) more key\(hidden == 1 ? "" : "s") below: a taller terminal shows them"
        buffer.put("Esc or ? closes" + more, x: box.x, y: box.y + box.height - 1, role: hidden == 0 ? .dim : .warning, maxWidth: box.width)

    case .bookingForm(let form) where form.sale != nil:
        renderSaleForm(form.sale!, submitting: form.submitting, theme: model.theme, into: &buffer)

    case .bookingForm(let form):
        let (name, submitting, error) = (form.name, form.submitting, form.error)
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

    case .bookingResult(let result):
        let (order, warnings) = (result.order, result.warnings)
        let box = renderBox(title: "Booked", width: 64, height: 9 + warnings.count, theme: model.theme, into: &buffer)
        buffer.put("Booking reference: ", x: box.x, y: box.y, role: .label)
        buffer.put(SafeText.display(order.reference, limit: 20), x: box.x + 19, y: box.y, role: .ok, attributes: .bold)
        buffer.put("Seats: " + order.seats.map(\.label).joined(separator: " "), x: box.x, y: box.y + 1, maxWidth: box.width)
        var total = "Total: \(model.theme.money(order.totalCents))"
        if !order.payments.isEmpty {
            total += "\(sep)" + order.payments.map { "\($0.method.rawValue) \(model.theme.money($0.amountCents))" }.joined(separator: ", ")
            if order.changeCents > 0 { total += "\(sep)change \(model.theme.money(order.changeCents))" }
        }
        buffer.put(total, x: box.x, y: box.y + 2, maxWidth: box.width)
        buffer.put("Customer: " + SafeText.display(order.customerName ?? "(no name)", limit: 80), x: box.x, y: box.y + 3, maxWidth: box.width)
        for (i, warning) in warnings.enumerated() {
            buffer.put(TextWidth.truncate(warning, to: box.width), x: box.x, y: box.y + 4 + i, role: .warning)
        }
        buffer.put("p print tickets\(sep)Enter or Esc closes", x: box.x, y: box.y + box.height - 1, role: .dim)

    case .find(let find):
        let (query, searching, error) = (find.query, find.searching, find.error)
        let box = renderBox(title: "Find a booking", width: 64, height: 8, theme: model.theme, into: &buffer)
        buffer.put("Booking reference or customer name:", x: box.x, y: box.y, role: .label)
        renderField(query, x: box.x, y: box.y + 1, width: box.width, into: &buffer)
        if searching {
            buffer.put("Searching…", x: box.x, y: box.y + 2, role: .dim)
        } else if let error {
            buffer.put(TextWidth.truncate(error, to: box.width), x: box.x, y: box.y + 2, role: .error)
        }
        buffer.put("Enter find\(sep)Esc close", x: box.x, y: box.y + 4, role: .dim)

    case .findResults(let results):
        let (orders, selected) = (results.orders, results.selected)
        let shown = min(orders.count, max(1, buffer.height - 8))
        let box = renderBox(title: "\(orders.count) bookings found", width: 84, height: shown + 4, theme: model.theme, into: &buffer)
        let top = max(0, selected - shown + 1)
        for row in 0..<shown {
            let i = top + row
            guard i < orders.count else { break }
            let o = orders[i]
            let status = o.isCancelled ? "cancelled" : model.theme.money(o.totalCents)
            let line = TextWidth.pad(SafeText.display(o.reference, limit: 12), to: 10) + " "
                + TextWidth.pad(SafeText.display(o.customerName ?? "(no name)", limit: 60), to: 22) + " "
                + TextWidth.pad("perf \(o.performanceID)", to: 8) + " "
                + TextWidth.pad(o.seats.map(\.label).joined(separator: " "), to: 24) + " " + status
            let role: Role = i == selected ? .selectedRow : (o.isCancelled ? .dim : .text)
            if i == selected { buffer.fill(x: box.x, y: box.y + row, count: box.width, role: role) }
            buffer.put(line, x: box.x, y: box.y + row, role: role, maxWidth: box.width)
        }
        buffer.put("Enter show\(sep)c cancel\(sep)Esc close", x: box.x, y: box.y + box.height - 1, role: .dim)

    case .confirmCancel(let confirm):
        let (order, cancelling) = (confirm.order, confirm.cancelling)
        let box = renderBox(title: "Cancel booking", width: 64, height: 7, theme: model.theme, into: &buffer)
        let name = SafeText.display(order.customerName ?? "no name", limit: 40)
        buffer.put("Cancel \(order.reference) (\(name))?", x: box.x, y: box.y, maxWidth: box.width)
        buffer.put("Seats \(order.seats.map(\.label).joined(separator: " "))\(sep)\(model.theme.money(order.totalCents))",
                   x: box.x, y: box.y + 1, maxWidth: box.width)
        buffer.put(cancelling ? "Cancelling…" : "y cancel it\(sep)n keep it", x: box.x, y: box.y + 3, role: cancelling ? .dim : .warning)

    case .confirmLeave(let confirm):
        let releasing = confirm.releasing
        let selection = model.map?.selection ?? []
        let box = renderBox(title: "Leave this performance?", width: 64, height: 7, theme: model.theme, into: &buffer)
        buffer.put("You hold \(selection.count) seat\(selection.count == 1 ? "" : "s"): \(selection.joined(separator: " "))",
                   x: box.x, y: box.y, maxWidth: box.width)
        buffer.put("Leaving releases them for other clerks.", x: box.x, y: box.y + 1)
        buffer.put(releasing ? "Releasing…" : "y release and leave\(sep)n stay", x: box.x, y: box.y + 3,
                   role: releasing ? .dim : .warning)

    case .holdbackPrompt(let prompt):
        renderHoldbackPrompt(prompt, model: model, into: &buffer)

    case .shift(let shift):
        renderShift(shift, model: model, into: &buffer)

    case .bestAvailablePrompt(let prompt):
        let count = prompt.count
        let box = renderBox(title: "Best available", width: 48, height: 6, theme: model.theme, into: &buffer)
        buffer.put("How many seats together (1-20)?", x: box.x, y: box.y, role: .label)
        renderField(count, x: box.x, y: box.y + 1, width: 4, into: &buffer)
        buffer.put("Enter hold them\(sep)Esc close", x: box.x, y: box.y + 3, role: .dim)
    }
}
