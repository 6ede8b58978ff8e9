import Booking

extension ExchangeForm {
    /// The exchange form: each ticket's old and new seat with its price, the totals, the difference, and the step's keys
    /// (the payment step's field and keys when the customer pays, the refund's method when money goes back).
    func render(theme: Theme, into buffer: inout ScreenBuffer) {
        let form = self
        let sep = theme.glyphs.separator
        let arrow = theme.isASCII ? "->" : "→"
        let money = { (c: Int) in theme.money(c) }
        let shown = min(form.pairs.count, max(1, buffer.height - 16))
        let box = renderBox(title: "Exchange \(SafeText.display(form.order.reference, limit: 20))", width: 92, height: shown + 12,
                            theme: theme, into: &buffer)
        var y = box.y
        buffer.put("Customer: " + SafeText.display(form.order.customerName ?? "(no name)", limit: 60), x: box.x, y: y, maxWidth: box.width)
        y += 2
        for pair in form.pairs.prefix(shown) {
            let text = TextWidth.pad(pair.from, to: 6) + TextWidth.pad(money(pair.oldCents), to: 10) + " \(arrow) "
                + TextWidth.pad(pair.to, to: 6) + TextWidth.pad(money(pair.newCents), to: 10) + pair.type
            buffer.put(text, x: box.x, y: y, maxWidth: box.width)
            y += 1
        }
        if form.pairs.count > shown { buffer.put("and \(form.pairs.count - shown) more", x: box.x, y: y - 1, role: .dim) }
        y += 1
        buffer.put("Total \(money(form.order.totalCents)) \(arrow) \(money(form.newTotalCents))\(sep)paid \(money(form.order.paidCents))",
                   x: box.x, y: y, maxWidth: box.width)
        y += 1
        let difference: String
        if form.collectCents > 0 {
            let to = form.payment.map { $0.taken.isEmpty ? "" : "\(sep)to pay \(money($0.remainingCents))" } ?? ""
            difference = "The customer pays \(money(form.collectCents))\(to)"
        } else if form.refundCents > 0 {
            difference = "Refund \(money(form.refundCents)) " + (form.refundTo.map { "as \($0.rawValue)" } ?? "to the methods paid")
        } else if form.newTotalCents != form.order.paidCents && !form.order.balance.hasPayment {
            difference = "Unpaid booking: the new total is paid later"
        } else {
            difference = "No difference to pay"
        }
        buffer.put(difference, x: box.x, y: y, role: .label, attributes: .bold, maxWidth: box.width)
        if let change = form.payment?.changeCents, change > 0 {
            buffer.put("Change: \(money(change))", x: box.x + box.width - 20, y: y, role: .ok, attributes: .bold)
        }
        y += 1
        if form.step == .pay, let payment = form.payment { renderPaymentField(payment, x: box.x, y: y, width: box.width, into: &buffer) }
        y += 1
        if form.submitting {
            buffer.put("Exchanging…", x: box.x, y: y, role: .dim)
        } else if let error = form.error {
            buffer.put(TextWidth.truncate(error, to: box.width), x: box.x, y: y, role: .error)
        }
        let keys: String
        switch form.step {
        case .confirm:
            let next = form.collectCents > 0 ? "Enter pay" : form.refundCents > 0 ? "Enter refund" : "Enter exchange"
            keys = "\(next)\(sep)Esc back to the seats"
        case .pay:
            keys = form.payment?.hint(separator: sep, back: "back").replacingOccurrences(of: "Enter confirms", with: "Enter exchanges") ?? ""
        case .refund:
            keys = "Enter exchanges\(sep)o the methods paid  " + ExchangeForm.refundKeys.map { "\($0.key) \($0.method.rawValue)" }.joined(separator: "  ")
                + "\(sep)Esc back"
        }
        renderKeys(keys, separator: sep, box: box, top: y + 1, into: &buffer)
    }
}
