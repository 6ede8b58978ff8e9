import Booking

/// Keeping the map in step with other clerks: snapshots, events, local expiry, and Redis coming and going.
extension MapState {
    static let offlineCheckEveryMs: Int64 = 1_000
    static let snapshotRetryMs: Int64 = 1_500

    mutating func applySnapshot(_ result: Result<SeatMap, Failure>, reason: SnapshotReason, _ context: Context) -> Reply {
        let now = context.now
        let seatMap: SeatMap
        switch result {
        case .failure(let failure):
            loading = false
            lastSnapshotAt = now
            return .saying(failure.message, .error)
        case .success(let loaded):
            guard loaded.performance.id == performanceID else { return Reply() }
            seatMap = loaded
        }
        var reply = Reply()
        let cursorLabel = self.seatMap.map { $0.seats[min(cursor, $0.seats.count - 1)].label }
        if layout == nil || self.seatMap?.seats != seatMap.seats {
            layout = MapLayout(seats: seatMap.seats)
            labelIndex = Dictionary(seatMap.seats.enumerated().map { ($1.label, $0) }, uniquingKeysWith: { a, _ in a })
        }
        self.seatMap = seatMap
        title = "\(seatMap.performance.theaterName) · \(seatMap.performance.title)"
        holdDeadlines = [:]
        for (i, seatState) in seatMap.states.enumerated() {
            if case .held(_, _, let ms) = seatState { holdDeadlines[i] = now + Int64(ms) }
        }
        if let cursorLabel, let i = labelIndex[cursorLabel] {
            cursor = i
        } else {
            cursor = layout?.startSeat ?? 0
        }
        loading = false
        lastSnapshotAt = now
        let labelIndex = self.labelIndex, performanceID = self.performanceID
        highlighted = foundOrder.map { order in
            Set(order.seats(of: performanceID).compactMap { labelIndex[$0.label] })
        } ?? []

        let mine = { (i: Int) in context.isMine(seatMap.states[i]) }
        if reason == .reconnected && seatMap.holdsOnline {
            // Redis is back: hold again whatever was chosen and is still free; say plainly what was lost.
            // Seats already seen going while offline are named again here: this is the moment the clerk looks.
            var restore: [String] = [], lost = lostWhileOffline
            lostWhileOffline = []
            for label in selection {
                guard let i = labelIndex[label] else { continue }
                switch seatMap.states[i] {
                case .free: restore.append(label)
                case .held where mine(i): break
                case .held(let clerk, _, _): lost.append("\(label) (held by \(SafeText.display(clerk, limit: 20)))")
                case .booked: lost.append("\(label) (booked)")
                case .blocked: lost.append("\(label) (blocked)")
                case .heldBack(let code, _): lost.append("\(label) (held back for \(SafeText.display(code, limit: 20)))")
                }
            }
            selection = selection.filter { label in
                guard let i = labelIndex[label] else { return false }
                return mine(i) || restore.contains(label)
            }
            // A hold that timed out while Redis hung may have run when it woke: Redis says this session holds it,
            // so it is in the selection (drawn, counted down, released on quit) and not left to run out.
            for i in seatMap.states.indices where mine(i) && !selection.contains(seatMap.seats[i].label) {
                selection.append(seatMap.seats[i].label)
            }
            if !restore.isEmpty {
                pending.formUnion(restore)
                reply.commands.append(.hold(performanceID: performanceID, labels: restore, ttlMs: nil, purpose: .restore))
                // The answer to that hold writes the message, and must still name what was lost.
                lostWhileOffline = lost
            }
            reply.say(holdsBackMessage(restored: [], lost: lost))
        } else if seatMap.holdsOnline {
            // Redis is the record of holds: my selection is what it says this session holds (plus what is in flight).
            let pending = self.pending
            var selection = self.selection.filter { label in
                guard let i = labelIndex[label] else { return false }
                return mine(i) || pending.contains(label)
            }
            for i in seatMap.states.indices where mine(i) && !selection.contains(seatMap.seats[i].label) {
                selection.append(seatMap.seats[i].label)
            }
            self.selection = selection
        } else {
            // Offline: keep the selection, but never a seat that SQLite says is gone, and say which went.
            var lost: [String] = []
            selection = selection.filter { label in
                guard let i = labelIndex[label] else { return false }
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
                lostWhileOffline += lost
                reply.say(Message("While holds are offline, another clerk took \(lost.joined(separator: ", ")): "
                                  + "no longer in your selection.", .warning))
            }
        }
        scrollToCursor(context)
        return reply
    }

    /// What the clerk is told when Redis is back: which seats are held again, and which went to others meanwhile.
    func holdsBackMessage(restored: [String], lost: [String]) -> Message {
        let again = restored.isEmpty ? "" : "; holding \(describe(restored)) again"
        if lost.isEmpty { return Message("Holds are live again\(again).", .ok) }
        return Message("Holds are live again\(again). These seats went to others meanwhile: \(lost.joined(separator: ", ")).",
                       .warning)
    }

    mutating func applyEvents(_ events: [PerformanceEvent], _ context: Context) -> Reply {
        guard var seatMap else { return Reply() }
        var resync = !seatMap.holdsOnline && !events.isEmpty
        var lostToOthers: [String] = [], heldLate: [String] = []
        for event in events {
            if event.version <= seatMap.version { continue }  // already in the snapshot
            if event.version > seatMap.version + 1 { resync = true }
            seatMap.version = event.version
            let mine = event.clerk == context.clerk && event.session == context.session
            for label in event.labels {
                guard let i = labelIndex[label] else { continue }
                switch event.kind {
                case .hold:
                    if case .booked = seatMap.states[i] { continue }
                    let ttl = event.ttlMs ?? context.holdTTLms
                    seatMap.states[i] = .held(clerk: event.clerk, session: event.session, expiresInMs: ttl)
                    holdDeadlines[i] = context.now + Int64(ttl)
                    if selection.contains(label) && !mine {
                        selection.removeAll { $0 == label }
                        lostToOthers.append(label)
                    } else if mine && !selection.contains(label) && !pending.contains(label) {
                        // A hold of this session that we gave up on (it timed out while Redis hung) went through
                        // after all: make it part of the selection, so it shows, counts down and is released on quit.
                        selection.append(label)
                        heldLate.append(label)
                    }
                case .release:
                    if case .held = seatMap.states[i] {
                        seatMap.states[i] = seatMap.stateWhenLetGo(i)
                        holdDeadlines[i] = nil
                    }
                    // Another window of mine released it with clerk scope: it is no longer held here either.
                    if selection.contains(label) && !pending.contains(label) { selection.removeAll { $0 == label } }
                case .book:
                    seatMap.states[i] = .booked(reference: event.reference ?? "")
                    holdDeadlines[i] = nil
                    selection.removeAll { $0 == label }
                case .cancel:
                    if case .booked = seatMap.states[i] { seatMap.states[i] = seatMap.stateWhenLetGo(i) }
                case .block, .unblock:
                    resync = true  // the reason is in SQLite, not in the event
                }
            }
        }
        self.seatMap = seatMap
        var reply = Reply(resync ? [.loadSnapshot(performanceID: performanceID, reason: .resync)] : [])
        if !lostToOthers.isEmpty {
            reply.say(Message("Lost \(describe(lostToOthers)) to another clerk: the hold had run out.", .warning))
        } else if !heldLate.isEmpty {
            reply.say(Message("Redis answered late: \(describe(heldLate)) \(heldLate.count == 1 ? "is" : "are") held for you after all "
                              + "(x clears the selection).", .warning))
        }
        return reply
    }

    /// Holds run out here on time (events can be late); offline, SQLite is watched; a failed read is retried.
    mutating func tick(_ context: Context) -> Reply {
        guard var seatMap else { return Reply() }
        let now = context.now
        var expiredMine: [String] = []
        for (i, deadline) in holdDeadlines where deadline <= now {
            holdDeadlines[i] = nil
            guard case .held = seatMap.states[i] else { continue }
            seatMap.states[i] = seatMap.stateWhenLetGo(i)
            let label = seatMap.seats[i].label
            if selection.contains(label) && !pending.contains(label) {
                selection.removeAll { $0 == label }
                expiredMine.append(label)
            }
        }
        self.seatMap = seatMap
        var reply = Reply()
        if context.holdsLink != .live, now - (lastOfflineCheck ?? Int64.min / 2) >= Self.offlineCheckEveryMs {
            lastOfflineCheck = now
            reply.commands.append(.readDataVersion)
        }
        if context.holdsLink == .live, !seatMap.holdsOnline, !loading, now - lastSnapshotAt >= Self.snapshotRetryMs {
            // The subscription is back but the last read of holds failed: read again until both agree.
            loading = true
            reply.commands.append(.loadSnapshot(performanceID: performanceID, reason: .reconnected))
        }
        if !expiredMine.isEmpty {
            reply.say(Message("Your hold on \(describe(expiredMine)) ran out; \(expiredMine.count == 1 ? "it is" : "they are") free again.",
                              .warning))
            if selection.isEmpty { reply.requests.append(.closeBookingForm) }
        }
        return reply
    }

    /// The link to Redis changed (the context already says how).
    mutating func linkChanged(from previous: HoldsLink, _ context: Context) -> Reply {
        switch context.holdsLink {
        case .live:
            let reason: SnapshotReason = seatMap == nil ? .open : .reconnected
            loading = true
            return Reply([.loadSnapshot(performanceID: performanceID, reason: reason)])
        case .offline(let why):
            var reply = Reply()
            if previous == .live { reply.say(Message("\(SafeText.display(why, limit: 160)) Reconnecting…", .warning)) }
            if seatMap == nil { reply.commands.append(.loadSnapshot(performanceID: performanceID, reason: .open)) }
            return reply
        case .connecting:
            return Reply()
        }
    }

    /// While Redis is away, SQLite's data version is the only sign that another clerk booked or cancelled.
    mutating func applyDataVersion(_ version: Int) -> Reply {
        guard seatMap != nil else { return Reply() }
        let changed = lastDataVersion.map { $0 != version } ?? false
        lastDataVersion = version
        return Reply(changed ? [.loadSnapshot(performanceID: performanceID, reason: .databaseChanged)] : [])
    }
}
