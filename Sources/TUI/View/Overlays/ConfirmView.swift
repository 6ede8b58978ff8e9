import Booking

extension ConfirmCancel {
    /// The booking about to be cancelled, its seats of this performance to choose from, the refund for those chosen,
    /// and the answers.
    func render(theme: Theme, into buffer: inout ScreenBuffer) {
        let sep = theme.glyphs.separator
        let box = renderBox(title: "Cancel booking", width: 64, height: offered.isEmpty ? 7 : 9, theme: theme, into: &buffer)
        let name = SafeText.display(order.customerName ?? "no name", limit: 40)
        var y = box.y
        buffer.put("Cancel \(order.reference) (\(name))?", x: box.x, y: y, maxWidth: box.width)
        y += 1
        if offered.isEmpty {
            // A mixed booking's seats of every performance go: each performance's are named.
            buffer.put("Seats \(order.describeSeats())\(sep)\(theme.money(order.totalCents))", x: box.x, y: y, maxWidth: box.width)
        } else {
            // Each seat with its number, [x] when it goes; the cursor's is lit.
            var x = box.x
            buffer.put("Seats:", x: x, y: y, role: .label)
            x += 7
            for (i, label) in offered.enumerated() {
                let mark = chosen.contains(label) ? "x" : " "
                let text = "\(i < 9 ? "\(i + 1)" : "")[\(mark)]\(label)"
                guard x + text.count <= box.x + box.width else {
                    buffer.put("+", x: x, y: y, role: .dim)
                    break
                }
                buffer.put(text, x: x, y: y, role: i == cursor ? .cursor : .text)
                x += text.count + 1
            }
            y += 1
            let going = goingTickets
            let others = otherPerformances
            let what = others.isEmpty ? "" : "\(sep)performance \(others.map(String.init).joined(separator: ", ")) kept"
            buffer.put("\(going.count) of \(offered.count) ticket\(offered.count == 1 ? "" : "s")\(sep)\(theme.money(going.reduce(0) { $0 + $1.priceCents }))\(what)",
                       x: box.x, y: y, maxWidth: box.width)
            y += 1
            buffer.put("Space or a number: cancel it or keep it (arrows move)", x: box.x, y: y, role: .dim, maxWidth: box.width)
        }
        y += 1
        let refunds = plannedRefunds
        let refund = goingTickets.isEmpty ? "No seat chosen: y cancels nothing."
            : refunds.isEmpty ? "Nothing was paid: nothing to refund."
            : "Refund " + refunds.map { "\(theme.money($0.amount)) \($0.method.rawValue)" }.joined(separator: ", ") + " (to the methods paid)"
        buffer.put(refund, x: box.x, y: y, role: .label, maxWidth: box.width)
        y += 1
        let yes = wholeBooking && otherPerformances.isEmpty ? "y cancel it" : "y cancel \(goingTickets.count == 1 ? "that ticket" : "those tickets")"
        buffer.put(cancelling ? "Cancelling…" : "\(yes)\(sep)n keep it", x: box.x, y: y, role: cancelling ? .dim : .warning)
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
