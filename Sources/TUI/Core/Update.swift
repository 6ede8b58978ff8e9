import Booking

/// The one place the picker changes: a pure function of the model and a message, returning the next model and the
/// effects to run. Tests drive it with key sequences and booking results, no terminal needed.
public func update(_ model: Model, _ msg: Msg) -> (Model, [Command]) {
    var next = model
    let commands = next.apply(msg)
    return (next, commands)
}

extension Model {
    mutating func apply(_ msg: Msg) -> [Command] {
        switch msg {
        case .key(let key):
            return handleKey(key)
        case .click(let x, let y):
            return handleClick(x: x, y: y)
        case .resize(let width, let height):
            self.width = width
            self.height = height
            scrollToCursor()
            return []
        case .tick(let now):
            self.now = now
            return handleTick()
        case .performancesLoaded(let result):
            switch result {
            case .success(let list):
                chooser.performances = list
                chooser.error = nil
                chooser.selected = min(chooser.selected, max(0, chooser.visible.count - 1))
            case .failure(let failure):
                chooser.error = failure.message
            }
            chooser.loading = false
            return []
        case .snapshotLoaded(let result, let reason):
            return applySnapshot(result, reason: reason)
        case .held(let performanceID, let labels, let ttlMs, let purpose):
            return applyHeld(performanceID: performanceID, labels: labels, ttlMs: ttlMs, purpose: purpose)
        case .holdFailed(let performanceID, let labels, let purpose, let failure):
            let link = noteHoldsUnavailable(failure, performanceID: performanceID)
            return link + applyHoldFailed(performanceID: performanceID, labels: labels, purpose: purpose, failure: failure)
        case .released(let performanceID, let labels):
            return applyReleased(performanceID: performanceID, labels: labels, failure: nil)
        case .releaseFailed(let performanceID, let labels, let failure):
            let link = noteHoldsUnavailable(failure, performanceID: performanceID)
            return link + applyReleased(performanceID: performanceID, labels: labels, failure: failure)
        case .booked(let outcome):
            return applyBooked(outcome)
        case .bookFailed(let failure):
            let link = map.map { noteHoldsUnavailable(failure, performanceID: $0.performanceID) } ?? []
            return link + applyBookFailed(failure)
        case .found(let query, let orders):
            return applyFound(query: query, orders: orders)
        case .findFailed(let failure):
            if case .find(let query, _, _) = overlay { overlay = .find(query: query, searching: false, error: failure.message) }
            return []
        case .cancelled(let outcome):
            return applyCancelled(outcome)
        case .cancelFailed(let failure):
            overlay = nil
            message = Message(failure.message, .error)
            return []
        case .events(let performanceID, let events):
            return applyEvents(performanceID: performanceID, events)
        case .holdsLink(let link):
            return applyHoldsLink(link)
        case .dataVersion(let version):
            return applyDataVersion(version)
        case .logged(let text):
            switch logFile {
            case .file(let path): logNote = LogNote(text: "Written to your log \(path): \(text)", shownUntil: now + Self.logNoteMs)
            case .none(let reason): logNote = LogNote(text: "Not logged (\(reason)): \(text)", shownUntil: now + Self.logNoteMs)
            }
            return []
        case .terminate(let signal):
            return leaveNow(exitCode: 128 + signal)
        }
    }

    /// How long the message line names a warning written to the log.
    static let logNoteMs: Int64 = 20_000

    // MARK: Shared steps

    /// Keeps the cursor in view after it moved or the terminal changed size.
    mutating func scrollToCursor() {
        guard var state = map, let layout = state.layout else { return }
        let geometry = MapGeometry(width: width, height: height, layout: layout)
        state.viewport = state.viewport.showing(seat: state.cursor, in: layout, lines: geometry.visibleLines,
                                                columns: geometry.visibleColumns)
        map = state
    }

    mutating func openPerformance(_ id: Int64, title: String) -> [Command] {
        screen = .map
        map = MapState(performanceID: id, title: title)
        overlay = nil
        count = nil
        message = nil
        holdsLink = .connecting
        return [.subscribe(performanceID: id)]
    }

    /// Back to the chooser (or out, when the picker was opened on this performance). Holds must be gone first.
    mutating func closeMap() -> [Command] {
        overlay = nil
        if startedOnPerformance {
            leaving = true
            return [.subscribe(performanceID: nil), .exit(0)]
        }
        map = nil
        screen = .chooser
        chooser.loading = true
        message = nil
        return [.subscribe(performanceID: nil), .loadPerformances]
    }

    /// A signal asked us to go: release what this session holds, then leave without asking.
    mutating func leaveNow(exitCode: Int32) -> [Command] {
        guard !leaving else { return [] }
        leaving = true
        var commands: [Command] = []
        if let state = map, !state.selection.isEmpty {
            commands.append(.release(performanceID: state.performanceID, labels: state.selection, scope: .session))
        }
        commands.append(.exit(exitCode))
        return commands
    }

    func describe(_ labels: [String]) -> String {
        labels.count <= 8 ? labels.joined(separator: " ") : labels.prefix(8).joined(separator: " ") + " and \(labels.count - 8) more"
    }

    func seatDescription(_ index: Int, in seatMap: SeatMap) -> String {
        let seat = seatMap.seats[index]
        return "\(seat.label) · \(seat.section) · \(Format.money(cents: seat.priceCents))\(seat.accessible ? " · wheelchair space" : "")"
    }
}
