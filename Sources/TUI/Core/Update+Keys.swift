import Booking

extension Model {
    mutating func handleKey(_ key: Key) -> [Command] {
        if leaving { return [] }
        if overlay != nil { return handleOverlayKey(key) }
        switch screen {
        case .chooser: return handleChooserKey(key)
        case .map: return handleMapKey(key)
        }
    }

    // MARK: Chooser

    mutating func handleChooserKey(_ key: Key) -> [Command] {
        let visible = chooser.visible
        let page = ChooserGeometry.visibleRows(height: height)
        switch key {
        case .up: chooser.selected = max(0, chooser.selected - 1)
        case .down: chooser.selected = min(max(0, visible.count - 1), chooser.selected + 1)
        case .pageUp: chooser.selected = max(0, chooser.selected - page)
        case .pageDown: chooser.selected = min(max(0, visible.count - 1), chooser.selected + page)
        case .enter:
            guard chooser.selected < visible.count else {
                message = Message(visible.isEmpty ? "No performance matches the filter; Esc clears it." : "Choose a performance.", .warning)
                return []
            }
            let chosen = visible[chooser.selected].performance
            return openPerformance(chosen.id, title: "\(chosen.theaterName) · \(chosen.title)")
        case .escape:
            chooser.filter = TextField()
            chooser.selected = 0
        case .char("q") where chooser.filter.text.isEmpty:
            leaving = true
            return [.exit(0)]
        case .char("?") where chooser.filter.text.isEmpty:
            overlay = .help
        case .control("r"):
            chooser.loading = true
            return [.loadPerformances]
        default:
            // Everything else edits the filter: typing a few letters of a title is the quickest way there.
            if chooser.filter.apply(key) == .edited { chooser.selected = 0 }
        }
        return []
    }

    // MARK: Seat map

    mutating func handleMapKey(_ key: Key) -> [Command] {
        guard var state = map else { return [] }
        // A count (1–9, or up to 20) waits for `b`; any other key forgets it.
        if case .char(let c) = key, let digit = c.wholeNumberValue, c.isASCII {
            if let count, count * 10 + digit <= 20 { self.count = count * 10 + digit } else if digit > 0 { count = digit }
            message = Message("\(count ?? 0) seats: press b for the best available, Esc to forget the number.")
            return []
        }
        let pendingCount = count
        count = nil

        guard let seatMap = state.seatMap, let layout = state.layout else {
            switch key {
            case .char("q"): return closeMap()
            case .char("?"): overlay = .help
            default: break
            }
            return []
        }
        let geometry = MapGeometry(width: width, height: height, layout: layout)
        var moved = true
        switch key {
        case .left, .char("h"): state.cursor = layout.move(state.cursor, .left)
        case .right, .char("l"): state.cursor = layout.move(state.cursor, .right)
        case .up, .char("k"): state.cursor = layout.move(state.cursor, .up)
        case .down, .char("j"): state.cursor = layout.move(state.cursor, .down)
        case .home: state.cursor = layout.rowStart(state.cursor)
        case .end: state.cursor = layout.rowEnd(state.cursor)
        case .pageUp: state.cursor = layout.jump(state.cursor, by: -max(1, geometry.visibleLines - 2))
        case .pageDown: state.cursor = layout.jump(state.cursor, by: max(1, geometry.visibleLines - 2))
        default: moved = false
        }
        if moved {
            map = state
            scrollToCursor()
            return []
        }

        switch key {
        case .char(" "):
            return toggle(state.cursor)
        case .char("b"):
            if let pendingCount { return bestAvailable(pendingCount) }
            overlay = .bestAvailablePrompt(count: TextField("", maxLength: 2))
        case .char("B"):
            // Best available counting restricted-view seats too: a number first (b alone asks; B needs it typed).
            if let pendingCount { return bestAvailable(pendingCount, includeRestricted: true) }
            message = Message("Type how many seats, then B for the best available including restricted-view seats.", .warning)
        case .enter:
            guard !state.selection.isEmpty else {
                message = Message("Select seats with Space first, or type a number and b for the best available.", .warning)
                return []
            }
            state.formOpenedAt = now
            map = state
            let key = "\(session)-\(now)-\(state.selection.joined(separator: ","))"
            overlay = .bookingForm(name: TextField(), idempotencyKey: key, submitting: false, error: nil)
            return extendHoldsIfNeeded()
        case .char("x"):
            return clearSelection()
        case .char("/"):
            overlay = .find(query: TextField("", maxLength: 120), searching: false, error: nil)
        case .char("c"):
            guard let order = state.foundOrder else {
                message = Message("Find a booking with / first; c then cancels it.", .warning)
                return []
            }
            overlay = .confirmCancel(order: order, cancelling: false)
        case .char("?"):
            overlay = .help
        case .char("q"):
            if state.selection.isEmpty { return closeMap() }
            overlay = .confirmLeave(releasing: false)
        case .escape:
            // Never releases anything: on a slow link half an arrow key arrives as a lone Esc.
            state.highlighted = []
            state.foundOrder = nil
            map = state
            message = nil
        case .char("r"), .control("r"):
            return [.loadSnapshot(performanceID: state.performanceID, reason: .resync)]
        default:
            _ = seatMap
        }
        return []
    }

    /// Space: hold a free seat, release one of mine, or say why the seat cannot be had.
    mutating func toggle(_ index: Int) -> [Command] {
        guard var state = map, let seatMap = state.seatMap, index >= 0, index < seatMap.seats.count else { return [] }
        let seat = seatMap.seats[index]
        let label = seat.label
        if state.pending.contains(label) {
            message = Message("Still waiting for \(label)…")
            return []
        }
        let online = holdsLink == .live
        if state.selection.contains(label) {
            if !online {
                state.selection.removeAll { $0 == label }
                map = state
                message = Message("\(label) is no longer selected.")
                return []
            }
            state.pending.insert(label)
            map = state
            return [.release(performanceID: state.performanceID, labels: [label], scope: .session)]
        }
        switch seatMap.states[index] {
        case .free:
            if !online {
                // Redis is away: remember the choice here; it is held for real when Redis comes back.
                state.selection.append(label)
                map = state
                message = Message("\(label) selected here only: holds are offline, so other clerks cannot see it yet.", .warning)
                return []
            }
            state.pending.insert(label)
            map = state
            return [.hold(performanceID: state.performanceID, labels: [label], ttlMs: nil, purpose: .select)]
        case .held(let clerk, _, let ms):
            let left = Format.duration(ms: max(0, Int((state.holdDeadlines[index] ?? now + Int64(ms)) - now)))
            if clerk == self.clerk {
                message = Message("\(label) is held by you in another window (\(left) left).", .warning)
            } else {
                message = Message("\(label) is held by \(SafeText.display(clerk, limit: 40)) for another \(left).", .warning)
            }
        case .booked(let reference):
            message = Message("\(label) is booked (booking \(SafeText.display(reference, limit: 20))); / finds it.", .warning)
        case .blocked(let reason):
            message = Message("\(label) is blocked (\(SafeText.display(reason, limit: 60))) and cannot be sold.", .warning)
        case .heldBack(let code, _):
            message = Message("\(label) is held back for \(SafeText.display(code, limit: 30)): sell it with `boxoffice book … --holdback-code \(SafeText.display(code, limit: 30))`.", .warning)
        }
        return []
    }

    mutating func bestAvailable(_ count: Int, includeRestricted: Bool = false) -> [Command] {
        guard var state = map, let seatMap = state.seatMap else { return [] }
        guard (1...20).contains(count) else {
            message = Message("Best available finds 1 to 20 seats together.", .warning)
            return []
        }
        if holdsLink != .live {
            // Without Redis, choose from what SQLite says and keep the choice locally.
            var offlineMap = seatMap
            for label in state.selection { if let i = state.labelIndex[label] { offlineMap.states[i] = .blocked(reason: "selected") } }
            guard let chosen = BestAvailable.choose(count, in: offlineMap, includeRestricted: includeRestricted) else {
                message = Message("There are no \(count) free seats together in one row.", .warning)
                return []
            }
            let labels = chosen.map { seatMap.seats[$0].label }
            state.selection += labels
            state.cursor = chosen[0]
            map = state
            scrollToCursor()
            message = Message("Selected \(describe(labels)) here only: holds are offline, so other clerks cannot see them yet.", .warning)
            return []
        }
        message = Message("Looking for the best \(count) seats together…")
        return [.bestAvailable(performanceID: state.performanceID, count: count, includeRestricted: includeRestricted)]
    }

    /// `x`: let go of every seat this session holds.
    mutating func clearSelection() -> [Command] {
        guard var state = map else { return [] }
        guard !state.selection.isEmpty else {
            message = Message("Nothing is selected.")
            return []
        }
        if holdsLink != .live {
            state.selection = []
            map = state
            message = Message("Selection cleared.")
            return []
        }
        state.pending.formUnion(state.selection)
        map = state
        return [.release(performanceID: state.performanceID, labels: state.selection, scope: .session)]
    }

    // MARK: Mouse

    mutating func handleClick(x: Int, y: Int) -> [Command] {
        if overlay != nil || leaving { return [] }
        switch screen {
        case .chooser:
            let row = y - ChooserGeometry.linesAbove
            let top = max(0, chooser.selected - ChooserGeometry.visibleRows(height: height) + 1)
            if row >= 0, row + top < chooser.visible.count { chooser.selected = row + top }
            return []
        case .map:
            guard var state = map, let layout = state.layout else { return [] }
            let geometry = MapGeometry(width: width, height: height, layout: layout)
            guard let position = geometry.mapPosition(x: x, y: y, layout: layout, viewport: state.viewport),
                  let seat = layout.seat(atLine: position.line, column: position.column) else { return [] }
            state.cursor = seat
            map = state
            return toggle(seat)
        }
    }
}
