import Booking

/// The held-back seat's code prompt: which seat, what it is held back for, the code field, and why a try failed.
extension HoldbackPrompt {
    func render(theme: Theme, into buffer: inout ScreenBuffer) {
        let sep = theme.glyphs.separator
        let box = renderBox(title: "Held-back seat \(SafeText.display(label, limit: 8))", width: 64, height: 8,
                            theme: theme, into: &buffer)
        buffer.put("\(SafeText.display(label, limit: 8)) is held back for \(SafeText.display(code, limit: 30)).",
                   x: box.x, y: box.y, maxWidth: box.width)
        buffer.put("Type its code to sell it:", x: box.x, y: box.y + 1, role: .label)
        renderField(field, x: box.x, y: box.y + 2, width: min(box.width, 32), into: &buffer)
        if submitting {
            buffer.put("Holding…", x: box.x, y: box.y + 3, role: .dim)
        } else if let error = error {
            buffer.put(TextWidth.truncate(error, to: box.width), x: box.x, y: box.y + 3, role: .error)
        }
        buffer.put("Enter hold it\(sep)Esc leave it held back", x: box.x, y: box.y + 5, role: .dim, maxWidth: box.width)
    }
}
