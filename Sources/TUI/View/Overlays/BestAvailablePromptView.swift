import Booking

extension BestAvailablePrompt {
    /// Asks how many seats together; the map's `b` then holds the best block.
    func render(theme: Theme, into buffer: inout ScreenBuffer) {
        let box = renderBox(title: "Best available", width: 48, height: 6, theme: theme, into: &buffer)
        buffer.put("How many seats together (1-20)?", x: box.x, y: box.y, role: .label)
        renderField(count, x: box.x, y: box.y + 1, width: 4, into: &buffer)
        buffer.put("Enter hold them\(theme.glyphs.separator)Esc close", x: box.x, y: box.y + 3, role: .dim)
    }
}
