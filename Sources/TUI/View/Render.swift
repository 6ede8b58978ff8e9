import Booking

/// The view: a pure function from the model to a screen buffer. Nothing here knows about curses.
public func render(_ model: Model) -> ScreenBuffer {
    var buffer = ScreenBuffer(width: model.width, height: model.height, asciiOnly: model.theme.asciiText)
    let needs: (width: Int, height: Int) = model.screen == .map
        ? (MapGeometry.minimumWidth, MapGeometry.minimumHeight)
        : (ChooserGeometry.minimumWidth, ChooserGeometry.minimumHeight)
    if model.width < needs.width || model.height < needs.height {
        renderTooSmall(into: &buffer, needs: needs)
        return buffer
    }
    switch model.screen {
    case .chooser: renderChooser(model, into: &buffer)
    case .map: renderMap(model, into: &buffer)
    }
    if let overlay = model.overlay { renderOverlay(overlay, model: model, into: &buffer) }
    if model.theme.isASCII { buffer.transliterate(ASCIIText.symbols) }
    return buffer
}

/// Says what is needed instead of drawing a garbled map; wraps onto as many lines as the terminal has.
func renderTooSmall(into buffer: inout ScreenBuffer, needs: (width: Int, height: Int)) {
    let text = "terminal too small: needs \(needs.width)×\(needs.height) (now \(buffer.width)×\(buffer.height))"
    guard buffer.width > 0, buffer.height > 0 else { return }
    var words = text.split(separator: " ").map(String.init)
    var lines: [String] = []
    while !words.isEmpty {
        var line = words.removeFirst()
        while let next = words.first, TextWidth.of(line) + 1 + TextWidth.of(next) <= buffer.width {
            line += " " + next
            words.removeFirst()
        }
        lines.append(line)
    }
    let top = max(0, (buffer.height - lines.count) / 2)
    for (i, line) in lines.enumerated() where top + i < buffer.height {
        buffer.put(line, x: max(0, (buffer.width - TextWidth.of(line)) / 2), y: top + i, role: .warning)
    }
}

/// A line with text on the left and, if both fit, hints on the right, over a background role. The left side
/// (counts, warnings) matters more, so the hints give way first.
func renderBar(_ left: String, right: String = "", y: Int, role: Role, into buffer: inout ScreenBuffer) {
    buffer.fill(x: 0, y: y, count: buffer.width, role: role)
    let rightWidth = TextWidth.of(right)
    let showRight = !right.isEmpty && TextWidth.of(left) + rightWidth + 4 <= buffer.width
    buffer.put(TextWidth.truncate(left, to: max(0, buffer.width - 2)), x: 1, y: y, role: role)
    if showRight { buffer.put(right, x: buffer.width - rightWidth - 1, y: y, role: role) }
}

/// The message line: the latest message, and after it, for a while, a warning that went to the log file. The note
/// keeps up to half the line, so the clerk learns that something was logged even after a long message.
func renderMessage(_ model: Model, y: Int, into buffer: inout ScreenBuffer) {
    var note = model.logNote?.text
    var x = 1
    if let message = model.message {
        let role: Role
        switch message.kind {
        case .info: role = .text
        case .ok: role = .ok
        case .warning: role = .warning
        case .error: role = .error
        }
        note = note.map { model.theme.glyphs.separator + $0 }
        let noteRoom = note.map { min(TextWidth.of($0), buffer.width / 2) } ?? 0
        x += buffer.put(TextWidth.truncate(message.text, to: buffer.width - 2 - noteRoom), x: 1, y: y, role: role)
    }
    if let note { buffer.put(TextWidth.truncate(note, to: buffer.width - 1 - x), x: x, y: y, role: .warning) }
}

/// A framed box in the middle of the screen, blank inside; returns its interior (left column, top line, size).
@discardableResult
func renderBox(title: String, width requestedWidth: Int, height requestedHeight: Int, theme: Theme,
               into buffer: inout ScreenBuffer) -> (x: Int, y: Int, width: Int, height: Int) {
    let g = theme.glyphs
    let width = max(4, min(requestedWidth, buffer.width - 2))
    let height = max(3, min(requestedHeight, buffer.height - 2))
    let left = (buffer.width - width) / 2
    let top = max(0, (buffer.height - height) / 2)
    buffer.put(String(g.corners.topLeft) + String(repeating: g.horizontal, count: width - 2) + String(g.corners.topRight),
               x: left, y: top, role: .border)
    for y in (top + 1)..<(top + height - 1) {
        buffer.put(String(g.vertical), x: left, y: y, role: .border)
        buffer.fill(x: left + 1, y: y, count: width - 2)
        buffer.put(String(g.vertical), x: left + width - 1, y: y, role: .border)
    }
    buffer.put(String(g.corners.bottomLeft) + String(repeating: g.horizontal, count: width - 2) + String(g.corners.bottomRight),
               x: left, y: top + height - 1, role: .border)
    if !title.isEmpty {
        buffer.put(" " + TextWidth.truncate(title, to: width - 6) + " ", x: left + 2, y: top, role: .title)
    }
    return (left + 2, top + 1, width - 4, height - 2)
}

/// A form's keys at the foot of its box, on as many lines as they need, broken between keys (at the separator, or the
/// two spaces between payment methods), bottom-aligned and never above `top`: on an 80-column terminal the clerk sees
/// every key rather than the first ones.
func renderKeys(_ keys: String, separator: String, box: (x: Int, y: Int, width: Int, height: Int), top: Int,
                into buffer: inout ScreenBuffer) {
    let lines = keyLines(keys, separator: separator, width: box.width)
    let bottom = box.y + box.height - 1
    let first = max(top, bottom - lines.count + 1)
    for (i, line) in lines.prefix(max(1, bottom - first + 1)).enumerated() {
        buffer.put(line, x: box.x, y: first + i, role: .dim, maxWidth: box.width)
    }
}

/// The keys in lines of at most `width` columns, each key whole (a key wider than a line is broken at its spaces).
func keyLines(_ keys: String, separator: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for (i, group) in keys.components(separatedBy: separator).enumerated() {
        for (j, key) in group.components(separatedBy: "  ").enumerated() where !key.isEmpty {
            let joiner = line.isEmpty ? "" : j == 0 && i > 0 ? separator : "  "
            if TextWidth.of(line + joiner + key) <= width {
                line += joiner + key
                continue
            }
            if !line.isEmpty { lines.append(line) }
            let parts = TextWidth.wrap(key, to: width)
            lines.append(contentsOf: parts.dropLast())
            line = parts.last ?? ""
        }
    }
    if !line.isEmpty || lines.isEmpty { lines.append(line) }
    return lines
}

/// A one-line input drawn with its own cursor (the terminal's cursor stays hidden), scrolled to keep it in view.
func renderField(_ field: TextField, x: Int, y: Int, width: Int, into buffer: inout ScreenBuffer) {
    guard width > 1 else { return }
    buffer.fill(x: x, y: y, count: width, role: .input)
    // Each character as drawn: itself, or its ASCII transliteration (maybe longer) where the locale needs one.
    let shown = field.characters.map { buffer.asciiOnly ? ASCIIText.transliterate(String($0)) : String(TextWidth.safe($0)) }
    let cursorColumn = shown[..<field.cursor].reduce(0) { $0 + TextWidth.of($1) }
    var skip = 0
    if cursorColumn >= width { skip = cursorColumn - width + 1 }
    var column = 0
    var drawn = 0
    for piece in shown {
        let w = TextWidth.of(piece)
        if column >= skip {
            if drawn + w > width { break }
            buffer.put(piece, x: x + drawn, y: y, role: .input)
            drawn += w
        }
        column += w
    }
    let cursorX = x + cursorColumn - skip
    if cursorX < x + width { buffer.restyle(x: cursorX, y: y, count: 1, role: .cursor) }
}
