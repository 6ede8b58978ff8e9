import Booking

/// How one seat is drawn: glyph, role and attributes. Each state has its own glyph so the map reads without
/// colour; a wheelchair space is underlined in every state (and `w` when free); the cursor is reverse video.
func seatLook(_ index: Int, state map: MapState, model: Model) -> (Character, Role, CellAttributes) {
    let g = model.theme.glyphs
    guard let seatMap = map.seatMap else { return (" ", .text, []) }
    let seat = seatMap.seats[index]
    var attributes: CellAttributes = seat.accessible ? [.underline] : []
    var look: (Character, Role)
    switch seatMap.states[index] {
    case .free:
        // Offline, a chosen seat is only in our selection: it still reads as mine.
        let freeGlyph = seat.accessible ? g.accessibleFree : (seat.restrictedView ? g.restricted : g.free)
        look = map.selection.contains(seat.label) ? (g.mine, .mine) : (freeGlyph, seat.restrictedView && !seat.accessible ? .restricted : .free)
    case .held(let clerk, _, _):
        // The clerk's own hold from another window (another session) is drawn as theirs too: the same person sells
        // in both, and any process of that clerk may book or release it. The cursor line says which window has it.
        look = clerk == model.clerk ? (g.mine, .mine) : (g.heldByOther, .heldByOther)
    case .booked:
        look = (g.booked, .booked)
    case .blocked:
        look = (g.blocked, .blocked)
    case .heldBack:
        look = (g.heldBack, .heldBack)
    }
    if map.highlighted.contains(index) {
        if case .booked = seatMap.states[index] { look.0 = g.highlight }
        look.1 = .highlight
        attributes.insert(.bold)
    }
    if index == map.cursor { attributes.insert(.reverse) }
    return (look.0, look.1, attributes)
}

func renderMap(_ model: Model, into buffer: inout ScreenBuffer) {
    let g = model.theme.glyphs
    guard let state = model.map else { return }
    var header = state.title.isEmpty ? "Performance \(state.performanceID)" : state.title
    if let p = state.seatMap?.performance {
        header = [p.theaterName, p.title, Format.startTime(p.startsAt)].map { SafeText.display($0, limit: 60) }.joined(separator: g.separator)
    }
    renderBar(header,
              right: "performance \(state.performanceID)", y: 0, role: .title, into: &buffer)

    guard let seatMap = state.seatMap, let layout = state.layout else {
        let text = state.loading ? "Loading the seat map…" : "The seat map could not be read."
        buffer.put(text, x: max(0, (buffer.width - TextWidth.of(text)) / 2), y: buffer.height / 2, role: .dim)
        renderMapStatus(model, into: &buffer)
        return
    }
    let geometry = MapGeometry(width: model.width, height: model.height, layout: layout)
    let mapLeft = geometry.mapLeft(layout: layout, viewport: state.viewport)
    let top = layout.height <= geometry.visibleLines ? 0 : state.viewport.top
    let areaStart = geometry.labelColumns, areaEnd = geometry.labelColumns + geometry.visibleColumns

    // The stage, over the part of the map in view.
    let stageStart = max(areaStart, mapLeft), stageEnd = min(areaEnd, mapLeft + layout.width)
    if stageEnd - stageStart >= 9 {
        let width = stageEnd - stageStart
        let label = " STAGE "
        let side = (width - 2 - label.count) / 2
        let text = String(g.corners.topLeft) + String(repeating: g.horizontal, count: side) + label
            + String(repeating: g.horizontal, count: width - 2 - side - label.count) + String(g.corners.topRight)
        buffer.put(text, x: stageStart, y: 1, role: .stage)
    } else {
        buffer.put("STAGE", x: max(0, (buffer.width - 5) / 2), y: 1, role: .stage)
    }

    for screenLine in 0..<geometry.visibleLines {
        let index = top + screenLine
        guard index < layout.height else { break }
        let y = geometry.mapTop + screenLine
        switch layout.lines[index] {
        case .seats(let row, let seats):
            let label = SafeText.display(row, limit: 4)
            buffer.put(TextWidth.pad(label, to: geometry.labelColumns - 1, right: true), x: 0, y: y, role: .label)
            buffer.put(label, x: areaEnd + 1, y: y, role: .label, maxWidth: geometry.labelColumns - 1)
            for seat in seats {
                let x = mapLeft + layout.column[seat]
                guard x >= areaStart, x < areaEnd else { continue }
                let (glyph, role, attributes) = seatLook(seat, state: state, model: model)
                buffer.put(String(glyph), x: x, y: y, role: role, attributes: attributes)
            }
        case .sections(let labels):
            for label in labels {
                let x = mapLeft + label.column
                let name = SafeText.display(label.name, limit: 40)
                let visibleFrom = max(x, areaStart)
                guard visibleFrom < areaEnd else { continue }
                let skip = visibleFrom - x
                let shown = skip > 0 ? String(name.dropFirst(skip)) : name
                buffer.put(shown, x: visibleFrom, y: y, role: .section, maxWidth: areaEnd - visibleFrom)
            }
        case .gap:
            break
        }
    }
    // Arrows in the margins when there is more map than fits.
    if top > 0 { buffer.put(String(g.up), x: 0, y: geometry.mapTop, role: .dim) }
    if top + geometry.visibleLines < layout.height {
        buffer.put(String(g.down), x: 0, y: geometry.mapTop + geometry.visibleLines - 1, role: .dim)
    }
    // Sideways, an arrow on the stage line and halfway down each side (a lone "…" on the stage line went unseen: clerks
    // did not know the house went on past the edge).
    let sideLines = [1, geometry.mapTop + min(geometry.visibleLines, layout.height - top) / 2]
    if mapLeft < areaStart { for y in sideLines { buffer.put(String(g.left), x: areaStart - 1, y: y, role: .dim) } }
    if mapLeft + layout.width > areaEnd { for y in sideLines { buffer.put(String(g.right), x: areaEnd, y: y, role: .dim) } }

    if let exchange = state.exchange {
        renderExchangeBanner(exchange, state: state, model: model, y: geometry.legendLine, into: &buffer)
    } else {
        renderLegend(model, state: state, seatMap: seatMap, y: geometry.legendLine, into: &buffer)
    }
    renderMapStatus(model, into: &buffer)
}

func renderLegend(_ model: Model, state: MapState, seatMap: SeatMap, y: Int, into buffer: inout ScreenBuffer) {
    let g = model.theme.glyphs
    // Restricted views and held-back seats are named only on maps that have them.
    let hasRestricted = seatMap.seats.contains(where: \.restrictedView)
    let hasHeldBack = !seatMap.holdbacks.isEmpty || seatMap.states.contains { if case .heldBack = $0 { true } else { false } }
    let entries = seatGlyphLegend(model.theme).filter { entry in
        entry.glyph == g.restricted ? hasRestricted : entry.glyph == g.heldBack ? hasHeldBack : true
    }
    var x = 1
    for (glyph, role, name, attributes) in entries {
        guard x + 2 + TextWidth.of(name) < buffer.width else { break }
        buffer.put(String(glyph), x: x, y: y, role: role, attributes: attributes)
        x += 2 + buffer.put(name, x: x + 2, y: y, role: .dim) + 2
    }
    // What is under the cursor, on the right.
    guard state.cursor < seatMap.seats.count else { return }
    var info = seatDescriptionShort(state.cursor, seatMap: seatMap, state: state, model: model)
    let room = buffer.width - x - 1
    guard room > 8 else { return }
    info = TextWidth.truncate(info, to: room)
    buffer.put(info, x: buffer.width - TextWidth.of(info) - 1, y: y, role: .text)
}

func seatDescriptionShort(_ index: Int, seatMap: SeatMap, state: MapState, model: Model) -> String {
    let seat = seatMap.seats[index]
    let sep = model.theme.glyphs.separator
    var text = "\(SafeText.display(seat.label, limit: 8))\(sep)\(SafeText.display(seat.section, limit: 20))\(sep)\(model.theme.money(seat.priceCents))"
    switch seatMap.states[index] {
    case .free: break
    case .held(let clerk, let session, _):
        if clerk != model.clerk {
            text += "\(sep)held by \(SafeText.display(clerk, limit: 16))"
        } else {
            text += session == model.session ? "\(sep)yours" : "\(sep)yours, another window"
        }
    case .booked(let reference): text += "\(sep)sold \(SafeText.display(reference, limit: 12))"
    case .blocked(let reason): text += "\(sep)blocked: \(SafeText.display(reason, limit: 20))"
    case .heldBack(let code, _): text += "\(sep)held back: \(SafeText.display(code, limit: 16))"
    }
    if seat.restrictedView { text += "\(sep)restricted view" }
    if seat.accessible { text += "\(sep)wheelchair" }
    return text
}

/// Free / held / sold counts, my holds and how long they have left, the state of Redis, and the keys that matter.
func renderMapStatus(_ model: Model, into buffer: inout ScreenBuffer) {
    let sep = model.theme.glyphs.separator
    let statusY = buffer.height - 2
    var left = SafeText.display(model.clerk, limit: 20)
    var counts = ""
    var warn = false
    if let state = model.map, let seatMap = state.seatMap {
        let c = seatMap.counts
        var held = "Held \(c.held)"
        if !state.selection.isEmpty {
            var mine = "mine \(state.selection.count)"
            if let deadline = state.earliestDeadline() {
                let left = deadline - model.now
                mine += ", \(Format.duration(ms: Int(max(0, left)))) left"
                if left <= HoldTiming.warnBeforeExpiryMs { warn = true; mine += "!" }
            }
            held += " (\(mine))"
        }
        counts = "\(sep)Free \(c.free)\(sep)\(held)\(sep)Sold \(c.booked)"
        if c.blocked > 0 { counts += "\(sep)Blocked \(c.blocked)" }
        if seatMap.unpaidPending > 0 { counts += "\(sep)Unpaid pending \(seatMap.unpaidPending)" }
    }
    // The state of Redis comes before the counts, so a narrow terminal never cuts it off.
    switch model.holdsLink {
    case .live: left += "\(sep)holds live"
    case .connecting: left += "\(sep)holds connecting"
    case .offline: left += "\(sep)HOLDS OFFLINE: bookings still work, holds not shared"
    }
    left += counts
    let right = Bindings.hints(for: .map, separator: sep)
    let role: Role = warn ? .warning : (model.holdsLink == .live || model.holdsLink == .connecting ? .status : .error)
    renderBar(left, right: right, y: statusY, role: role, into: &buffer)
    renderMessage(model, y: buffer.height - 1, into: &buffer)
}
