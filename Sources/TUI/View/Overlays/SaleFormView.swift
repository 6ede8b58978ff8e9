import Booking

/// The booking form with its types and payment steps: the seats with their types and prices, the total as it
/// changes, the payments taken and the change, and the keys of the step the clerk is on.
func renderSaleForm(_ form: SaleForm, submitting: Bool, theme: Theme, into buffer: inout ScreenBuffer) {
    let sep = theme.glyphs.separator
    let money = { (c: Int) in theme.money(c) }
    let shown = min(form.lines.count, max(1, buffer.height - 16))
    let box = renderBox(title: "Book \(form.lines.count) seat\(form.lines.count == 1 ? "" : "s")", width: 92, height: shown + 13,
                        theme: theme, into: &buffer)
    var y = box.y
    buffer.put("Customer name (optional):", x: box.x, y: y, role: form.step == .name ? .label : .dim)
    y += 1
    if form.step == .name {
        renderField(form.name, x: box.x, y: y, width: box.width, into: &buffer)
    } else {
        buffer.put(SafeText.display(form.name.text.isEmpty ? "(no name)" : form.name.text, limit: 60), x: box.x, y: y, maxWidth: box.width)
    }
    y += 2
    // The seats: scrolled so that the cursor's line stays in view.
    let first = max(0, min(form.cursor - shown + 1, form.lines.count - shown))
    for (i, line) in form.lines.enumerated().dropFirst(first).prefix(shown) {
        let pointer = form.step == .types && i == form.cursor ? "▸ " : "  "
        let text = pointer + TextWidth.pad(line.label, to: 6) + TextWidth.pad(line.type.name, to: 15) + money(line.priceCents)
        buffer.put(text, x: box.x, y: y, role: form.step == .types && i == form.cursor ? .label : .text, maxWidth: box.width)
        y += 1
    }
    y += 1
    var total = "Total: \(money(form.totalCents))"
    if !form.taken.isEmpty {
        total += "\(sep)paid " + form.taken.map { "\($0.method.rawValue) \(money($0.amountCents))" }.joined(separator: ", ")
        total += "\(sep)to pay \(money(form.remainingCents))"
    }
    buffer.put(total, x: box.x, y: y, attributes: .bold, maxWidth: box.width)
    y += 1
    if form.changeCents > 0 { buffer.put("Change: \(money(form.changeCents))", x: box.x, y: y, role: .ok, attributes: .bold) }
    y += 1
    if let payment = form.payment, form.step != .name && form.step != .types {
        renderPaymentField(payment, x: box.x, y: y, width: box.width, into: &buffer)
    }
    y += 1
    if submitting {
        buffer.put("Booking…", x: box.x, y: y, role: .dim)
    } else if let error = form.error {
        buffer.put(TextWidth.truncate(error, to: box.width), x: box.x, y: y, role: .error)
    }
    let keys = switch form.step {
    case .name: "Enter next: types"
        + (form.lastCustomer.map { form.name.text.isEmpty ? "\(sep)\(theme.glyphs.up) \(SafeText.display($0, limit: 30)) again" : "" } ?? "")
        + "\(sep)Esc back (seats stay held)"
    case .types: "Tab type\(sep)2 a 1 k: counts and keys (" + form.prices.types.map { "\($0.key) \($0.name)" }.joined(separator: " ") + ")\(sep)Enter next"
    case .payment, .tendered, .note: form.payment?.hint(separator: sep, back: "back").replacingOccurrences(of: "Enter confirms", with: "Enter books") ?? ""
    }
    renderKeys(keys, separator: sep, box: box, top: y + 1, into: &buffer)
}

/// The payment step's field: the amount, the cash tendered, or the words a method needs, after its prompt.
func renderPaymentField(_ payment: PaymentStep, x: Int, y: Int, width: Int, into buffer: inout ScreenBuffer) {
    buffer.put(payment.prompt, x: x, y: y, role: .label)
    let at = TextWidth.of(payment.prompt) + 1
    if case .choose = payment.phase, payment.isComplete { return }  // nothing left to type
    if case .note = payment.phase {
        renderField(payment.note, x: x + at, y: y, width: max(8, width - at), into: &buffer)
    } else {
        renderField(payment.amount, x: x + 34, y: y, width: min(12, width - 34), into: &buffer)
    }
}
