import Booking

/// Keeping the map in step with other clerks: snapshots, events, local expiry, and Redis coming and going.
extension Model {
    static let offlineCheckEveryMs: Int64 = 1_000
    static let snapshotRetryMs: Int64 = 1_500
    static let chooserRefreshMs: Int64 = 5_000

    mutating func applySnapshot(_ result: Result<SeatMap, Failure>, reason: SnapshotReason) -> [Command] {
        guard var state = map else { return [] }
        let seatMap: SeatMap
        switch result {
        case .failure(let failure):
            state.loading = false
            state.lastSnapshotAt = now
            map = state
            message = Message(failure.message, .error)
            return []
        case .success(let loaded):
            guard loaded.performance.id == state.performanceID else { return [] }
            seatMap = loaded
        }
        let cursorLabel = state.seatMap.map { $0.seats[min(state.cursor, $0.seats.count - 1)].label }
        if state.layout == nil || state.seatMap?.seats != seatMap.seats {
            state.layout = MapLayout(seats: seatMap.seats)
            state.labelIndex = Dictionary(seatMap.seats.enumerated().map { ($1.label, $0) }, uniquingKeysWith: { a, _ in a })
        }
        state.seatMap = seatMap
        state.title = "\(seatMap.performance.theaterName) · \(seatMap.performance.title)"
        state.holdDeadlines = [:]
        for (i, seatState) in seatMap.states.enumerated() {
            if case .held(_, _, let ms) = seatState { state.holdDeadlines[i] = now + Int64(ms) }
        }
        if let cursorLabel, let i = state.labelIndex[cursorLabel] {
            state.cursor = i
        } else {
            state.cursor = state.layout?.startSeat ?? 0
        }
        state.loading = false
        state.lastSnapshotAt = now
        state.highlighted = state.foundOrder.map { order in
            Set(order.performanceID == state.performanceID ? order.seats.compactMap { state.labelIndex[$0.label] } : [])
        } ?? []

        var commands: [Command] = []
        let me = (clerk, session), snapshotState = state
        let mine = { (i: Int) in snapshotState.isMine(seatMap.states[i], clerk: me.0, session: me.1) }
        if reason == .reconnected && seatMap.holdsOnline {
            // Redis is back: hold again whatever was chosen and is still free; say plainly what was lost.
            // Seats already seen going while offline are named again here: this is the moment the clerk looks.
            var restore: [String] = [], lost = state.lostWhileOffline
            state.lostWhileOffline = []
            for label in state.selection {
                guard let i = state.labelIndex[label] else { continue }
                switch seatMap.states[i] {
                case .free: restore.append(label)
                case .held where mine(i): break
                case .held(let clerk, _, _): lost.append("\(label) (held by \(SafeText.display(clerk, limit: 20)))")
                case .booked: lost.append("\(label) (booked)")
                case .blocked: lost.append("\(label) (blocked)")
                case .heldBack(let code, _): lost.append("\(label) (held back for \(SafeText.display(code, limit: 20)))")
                }
            }
            state.selection = state.selection.filter { label in
                guard let i = state.labelIndex[label] else { return false }
                return mine(i) || restore.contains(label)
            }
            // A hold that timed out while Redis hung may have run when it woke: Redis says this session holds it,
            // so it is in the selection (drawn, counted down, released on quit) and not left to run out.
            for i in seatMap.states.indices where mine(i) && !state.selection.contains(seatMap.seats[i].label) {
                state.selection.append(seatMap.seats[i].label)
            }
            if !restore.isEmpty {
                state.pending.formUnion(restore)
                commands.append(.hold(performanceID: state.performanceID, labels: restore, ttlMs: nil, purpose: .restore))
                // The answer to that hold writes the message, and must still name what was lost.
                state.lostWhileOffline = lost
            }
            message = holdsBackMessage(restored: [], lost: lost)
        } else if seatMap.holdsOnline {
            // Redis is the record of holds: my selection is what it says this session holds (plus what is in flight).
            var selection = state.selection.filter { label in
                guard let i = state.labelIndex[label] else { return false }
                return mine(i) || state.pending.contains(label)
            }
            for i in seatMap.states.indices where mine(i) && !selection.contains(seatMap.seats[i].label) {
                selection.append(seatMap.seats[i].label)
            }
            state.selection = selection
        } else {
            // Offline: keep the selection, but never a seat that SQLite says is gone, and say which went.
            var lost: [String] = []
            state.selection = state.selection.filter { label in
                guard let i = state.labelIndex[label] else { return false }
                switch seatMap.states[i] {
                case .free: return true
                case .booked: lost.append("\(label) (booked)")
                case .blocked: lost.append("\(label) (blocked)")
                case .heldBack(let code, _): lost.append("\(label) (held back for \(SafeText.display(code, limit: 20)))")
                case .held(let clerk, _, _): lost.append("\(label) (held by \(SafeText.display(clerk, limit: 20)))")
                }
                return false
            }
            if !lost.isEmpty {
                state.lostWhileOffline += lost
                message = Message("While holds are offline, another clerk took \(lost.joined(separator: ", ")): "
                                  + "no longer in your selection.", .warning)
            }
        }
        map = state
        scrollToCursor()
        return commands
    }

    /// What the clerk is told when Redis is back: which seats are held again, and which went to others meanwhile.
    func holdsBackMessage(restored: [String], lost: [String]) -> Message {
        let again = restored.isEmpty ? "" : "; holding \(describe(restored)) again"
        if lost.isEmpty { return Message("Holds are live again\(again).", .ok) }
        return Message("Holds are live again\(again). These seats went to others meanwhile: \(lost.joined(separator: ", ")).",
                       .warning)
    }

    mutating func applyEvents(performanceID: Int64, _ events: [PerformanceEvent]) -> [Command] {
        guard var state = map, state.performanceID == performanceID, var seatMap = state.seatMap else { return [] }
        var resync = !seatMap.holdsOnline && !events.isEmpty
        var lostToOthers: [String] = [], heldLate: [String] = []
        for event in events {
            if event.version <= seatMap.version { continue }  // already in the snapshot
            if event.version > seatMap.version + 1 { resync = true }
            seatMap.version = event.version
            for label in event.labels {
                guard let i = state.labelIndex[label] else { continue }
                switch event.kind {
                case .hold:
                    if case .booked = seatMap.states[i] { continue }
                    let ttl = event.ttlMs ?? holdTTLms
                    seatMap.states[i] = .held(clerk: event.clerk, session: event.session, expiresInMs: ttl)
                    state.holdDeadlines[i] = now + Int64(ttl)
                    if state.selection.contains(label) && !(event.clerk == clerk && event.session == session) {
                        state.selection.removeAll { $0 == label }
                        lostToOthers.append(label)
                    } else if event.clerk == clerk && event.session == session && !state.selection.contains(label)
                                && !state.pending.contains(label) {
                        // A hold of this session that we gave up on (it timed out while Redis hung) went through
                        // after all: make it part of the selection, so it shows, counts down and is released on quit.
                        state.selection.append(label)
                        heldLate.append(label)
                    }
                case .release:
                    if case .held = seatMap.states[i] {
                        seatMap.states[i] = .free
                        state.holdDeadlines[i] = nil
                    }
                    // Another window of mine released it with clerk scope: it is no longer held here either.
                    if state.selection.contains(label) && !state.pending.contains(label) { state.selection.removeAll { $0 == label } }
                case .book:
                    seatMap.states[i] = .booked(reference: event.reference ?? "")
                    state.holdDeadlines[i] = nil
                    state.selection.removeAll { $0 == label }
                case .cancel:
                    if case .booked = seatMap.states[i] { seatMap.states[i] = .free }
                case .block, .unblock:
                    resync = true  // the reason is in SQLite, not in the event
                }
            }
        }
        state.seatMap = seatMap
        map = state
        if !lostToOthers.isEmpty {
            message = Message("Lost \(describe(lostToOthers)) to another clerk: the hold had run out.", .warning)
        } else if !heldLate.isEmpty {
            message = Message("Redis answered late: \(describe(heldLate)) \(heldLate.count == 1 ? "is" : "are") held for you after all "
                              + "(x clears the selection).", .warning)
        }
        return resync ? [.loadSnapshot(performanceID: performanceID, reason: .resync)] : []
    }

    mutating func handleTick() -> [Command] {
        if let note = logNote, note.shownUntil <= now { logNote = nil }
        switch screen {
        case .chooser:
            if !chooser.loading, overlay == nil, now - lastChooserRefresh >= Self.chooserRefreshMs {
                lastChooserRefresh = now
                return [.loadPerformances]
            }
            return []
        case .map:
            break
        }
        guard var state = map, var seatMap = state.seatMap else { return [] }
        var expiredMine: [String] = []
        for (i, deadline) in state.holdDeadlines where deadline <= now {
            state.holdDeadlines[i] = nil
            guard case .held = seatMap.states[i] else { continue }
            seatMap.states[i] = .free
            let label = seatMap.seats[i].label
            if state.selection.contains(label) && !state.pending.contains(label) {
                state.selection.removeAll { $0 == label }
                expiredMine.append(label)
            }
        }
        state.seatMap = seatMap
        var commands: [Command] = []
        if holdsLink != .live, now - (state.lastOfflineCheck ?? Int64.min / 2) >= Self.offlineCheckEveryMs {
            state.lastOfflineCheck = now
            commands.append(.readDataVersion)
        }
        if holdsLink == .live, !seatMap.holdsOnline, !state.loading, now - state.lastSnapshotAt >= Self.snapshotRetryMs {
            // The subscription is back but the last read of holds failed: read again until both agree.
            state.loading = true
            commands.append(.loadSnapshot(performanceID: state.performanceID, reason: .reconnected))
        }
        map = state
        if !expiredMine.isEmpty {
            message = Message("Your hold on \(describe(expiredMine)) ran out; \(expiredMine.count == 1 ? "it is" : "they are") free again.", .warning)
            if case .bookingForm = overlay, state.selection.isEmpty {
                overlay = nil
                map?.formOpenedAt = nil
            }
        }
        return commands
    }

    mutating func applyHoldsLink(_ link: HoldsLink) -> [Command] {
        let previous = holdsLink
        holdsLink = link
        guard screen == .map, let state = map else { return [] }
        switch link {
        case .live:
            let reason: SnapshotReason = state.seatMap == nil ? .open : .reconnected
            map?.loading = true
            return [.loadSnapshot(performanceID: state.performanceID, reason: reason)]
        case .offline(let why):
            if previous == .live {
                message = Message("\(SafeText.display(why, limit: 160)) Reconnecting…", .warning)
            }
            if state.seatMap == nil { return [.loadSnapshot(performanceID: state.performanceID, reason: .open)] }
            return []
        case .connecting:
            return []
        }
    }

    /// A hold, release or booking of this picker failed because Redis did not answer. A Redis that hangs (stopped,
    /// swapping, overloaded) keeps the subscription's socket open and silent, so the link would go on saying "holds
    /// live" while every hold fails: the command is the first to know. Holds show offline at once (the selection
    /// is kept here, as for a Redis that is down), and the event loop drops the subscription and connects again;
    /// when Redis answers, the snapshot read then puts the holds right. Applied before the failure itself, so the
    /// message line keeps what the failure says.
    mutating func noteHoldsUnavailable(_ failure: Failure, performanceID: Int64) -> [Command] {
        guard failure.holdsUnavailable, holdsLink == .live, !leaving, screen == .map,
              let state = map, state.performanceID == performanceID else { return [] }
        if case .confirmLeave(releasing: true) = overlay { return [] }  // leaving: the map closes either way
        holdsLink = .offline(reason: failure.message)
        return [.resubscribe(performanceID: performanceID)]
    }

    /// While Redis is away, SQLite's data version is the only sign that another clerk booked or cancelled.
    mutating func applyDataVersion(_ version: Int) -> [Command] {
        guard var state = map, state.seatMap != nil else { return [] }
        let changed = state.lastDataVersion.map { $0 != version } ?? false
        state.lastDataVersion = version
        map = state
        return changed ? [.loadSnapshot(performanceID: state.performanceID, reason: .databaseChanged)] : []
    }
}
