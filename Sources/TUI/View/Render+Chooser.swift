import Booking

/// The performance chooser: one line per performance with its counts and a small sold/held/free bar.
func renderChooser(_ model: Model, into buffer: inout ScreenBuffer) {
    let g = model.theme.glyphs
    let sep = g.separator
    let chooser = model.chooser
    renderBar("boxoffice\(sep)choose a performance", right: SafeText.display(model.clerk, limit: 30), y: 0, role: .title, into: &buffer)

    let filterLabel = " Filter: "
    buffer.put(filterLabel, x: 0, y: 1, role: .label)
    if chooser.filter.text.isEmpty {
        buffer.put("type part of a theater or title", x: filterLabel.count, y: 1, role: .dim)
    } else {
        let fieldWidth = min(40, buffer.width - filterLabel.count - 1)
        renderField(chooser.filter, x: filterLabel.count, y: 1, width: fieldWidth, into: &buffer)
        // While the filter has text, q is a letter of it: clerks who typed a filter and pressed q to leave got "…q".
        let hint = "Esc clears the filter, then q quits"
        let hintX = filterLabel.count + fieldWidth + 2
        if hintX + TextWidth.of(hint) <= buffer.width { buffer.put(hint, x: hintX, y: 1, role: .dim) }
    }

    // Fixed columns for numbers, the bar and the start time; theater and title share what is left.
    let numbers = 4 * 7, bar = 12, starts = 24
    let names = max(16, buffer.width - 2 - numbers - bar - starts - 1)
    let theaterWidth = names * 2 / 5, titleWidth = names - theaterWidth
    func columns(_ theater: String, _ title: String, _ start: String, _ n: [String]) -> String {
        "  " + TextWidth.pad(theater, to: theaterWidth - 1) + " " + TextWidth.pad(title, to: titleWidth - 1) + " "
            + TextWidth.pad(start, to: starts - 1) + " " + n.map { TextWidth.pad($0, to: 6, right: true) + " " }.joined()
    }
    buffer.put(columns("Theater", "Title", "Starts", ["Seats", "Sold", "Held", "Free"]), x: 0, y: 3, role: .label)

    let rows = ChooserGeometry.visibleRows(height: buffer.height)
    let visible = chooser.visible
    let top = max(0, chooser.selected - rows + 1)
    if chooser.loading && chooser.performances.isEmpty {
        buffer.put("  Loading performances…", x: 0, y: ChooserGeometry.linesAbove, role: .dim)
    } else if let error = chooser.error, chooser.performances.isEmpty {
        buffer.put("  " + error, x: 0, y: ChooserGeometry.linesAbove, role: .error)
    } else if visible.isEmpty {
        let text = chooser.performances.isEmpty ? "  No performances yet: `boxoffice performances add` adds one."
                                                : "  Nothing matches the filter; Esc clears it."
        buffer.put(text, x: 0, y: ChooserGeometry.linesAbove, role: .dim)
    }
    for row in 0..<rows {
        let i = top + row
        guard i < visible.count else { break }
        let summary = visible[i]
        let p = summary.performance
        let y = ChooserGeometry.linesAbove + row
        let selected = i == chooser.selected
        let onSale = p.isOnSale()
        let start = Format.startTime(p.startsAt) + (onSale ? "" : " (closed)")
        let line = columns(SafeText.display(p.theaterName, limit: 60), SafeText.display(p.title, limit: 80), start,
                           ["\(summary.capacity)", "\(summary.sold)", "\(summary.held)", "\(summary.free)"])
        let role: Role = selected ? .selectedRow : (onSale ? .text : .dim)
        if selected { buffer.fill(x: 0, y: y, count: buffer.width, role: role) }
        let used = buffer.put(line, x: 0, y: y, role: role)
        if selected { buffer.put(">", x: 0, y: y, role: role) }
        renderSalesBar(summary, x: used, y: y, width: bar - 2, glyphs: g, into: &buffer)
    }
    let sepText = sep
    renderBar("\(visible.count) of \(chooser.performances.count) performances",
              right: Bindings.hints(for: .chooser, separator: sepText),
              y: buffer.height - 2, role: .status, into: &buffer)
    renderMessage(model, y: buffer.height - 1, into: &buffer)
}

/// Sold, then held, then free, in proportion; each part with its own glyph so it reads without colour.
func renderSalesBar(_ s: PerformanceSummary, x: Int, y: Int, width: Int, glyphs g: Glyphs, into buffer: inout ScreenBuffer) {
    guard s.capacity > 0, width > 0 else { return }
    func cells(_ n: Int) -> Int { Int((Double(n) / Double(s.capacity) * Double(width)).rounded(.up)) }
    let sold = min(width, cells(s.sold)), held = min(width - sold, cells(s.held))
    buffer.put(String(repeating: g.barFull, count: sold), x: x, y: y, role: .barSold)
    buffer.put(String(repeating: g.barHeld, count: held), x: x + sold, y: y, role: .barHeld)
    buffer.put(String(repeating: g.barEmpty, count: width - sold - held), x: x + sold + held, y: y, role: .barFree)
}
