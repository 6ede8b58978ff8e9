import Booking

extension ConfirmCancel {
    /// The booking about to be cancelled, and the two answers.
    func render(theme: Theme, into buffer: inout ScreenBuffer) {
        let sep = theme.glyphs.separator
        let box = renderBox(title: "Cancel booking", width: 64, height: 7, theme: theme, into: &buffer)
        let name = SafeText.display(order.customerName ?? "no name", limit: 40)
        buffer.put("Cancel \(order.reference) (\(name))?", x: box.x, y: box.y, maxWidth: box.width)
        // A mixed booking's seats of every performance go: each performance's are named.
        buffer.put("Seats \(order.describeSeats())\(sep)\(theme.money(order.totalCents))",
                   x: box.x, y: box.y + 1, maxWidth: box.width)
        let refunds = plannedRefunds
        let refund = refunds.isEmpty ? "Nothing was paid: nothing to refund."
            : "Refund " + refunds.map { "\(theme.money($0.amount)) \($0.method.rawValue)" }.joined(separator: ", ") + " (to the methods paid)"
        buffer.put(refund, x: box.x, y: box.y + 2, role: .label, maxWidth: box.width)
        buffer.put(cancelling ? "Cancelling…" : "y cancel it\(sep)n keep it", x: box.x, y: box.y + 3, role: cancelling ? .dim : .warning)
    }
}

extension ConfirmLeave {
    /// The seats the clerk would let go of by leaving the performance.
    func render(selection: [String], theme: Theme, into buffer: inout ScreenBuffer) {
        let sep = theme.glyphs.separator
        let box = renderBox(title: "Leave this performance?", width: 64, height: 7, theme: theme, into: &buffer)
        buffer.put("You hold \(selection.count) seat\(selection.count == 1 ? "" : "s"): \(selection.joined(separator: " "))",
                   x: box.x, y: box.y, maxWidth: box.width)
        buffer.put("Leaving releases them for other clerks.", x: box.x, y: box.y + 1)
        buffer.put(releasing ? "Releasing…" : "y release and leave\(sep)n stay", x: box.x, y: box.y + 3,
                   role: releasing ? .dim : .warning)
    }
}
