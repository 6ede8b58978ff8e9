import Booking

/// What the booking layer answered about this map's seats.
extension MapState {
    mutating func applyHeld(labels: [String], ttlMs: Int, purpose: HoldPurpose, _ context: Context) -> Reply {
        guard var seatMap else { return Reply() }
        for label in labels {
            pending.remove(label)
            guard let i = labelIndex[label] else { continue }
            seatMap.states[i] = .held(clerk: context.clerk, session: context.session, expiresInMs: ttlMs)
            holdDeadlines[i] = context.now + Int64(ttlMs)
            if !selection.contains(label) { selection.append(label) }
        }
        self.seatMap = seatMap
        var reply = Reply()
        let duration = Format.duration(ms: ttlMs)
        switch purpose {
        case .select:
            if let i = labels.first.flatMap({ labelIndex[$0] }) {
                reply.say(Message("Holding \(seatDescription(i, in: seatMap, context)) for \(duration).", .ok))
            }
        case .bestAvailable:
            if let first = labels.first.flatMap({ labelIndex[$0] }) { cursor = first }
            let total = labels.compactMap { labelIndex[$0] }.reduce(0) { $0 + seatMap.seats[$1].priceCents }
            reply.say(Message("Best available: \(describe(labels)) · \(context.theme.money(total)), held for \(duration). \(exchange == nil ? "Enter books." : "Enter confirms the exchange.")", .ok))
        case .restore:
            reply.say(holdsBackMessage(restored: labels, lost: lostWhileOffline))
            lostWhileOffline = []
        case .extend:
            extending = false
        case .holdback(let code):
            // The booking names this code, so the held-back seat sells (`selectionHoldbackCode`).
            for label in labels { holdbackCodes[label] = code }
            if let i = labels.first.flatMap({ labelIndex[$0] }) {
                reply.say(Message("Holding \(seatDescription(i, in: seatMap, context)) (held back for "
                                  + "\(SafeText.display(code, limit: 30))) for \(duration). Enter books.", .ok))
            }
        }
        scrollToCursor(context)
        return reply
    }

    mutating func applyHoldFailed(labels: [String], purpose: HoldPurpose, failure: Failure) -> Reply {
        for label in labels { pending.remove(label) }
        var reply = Reply()
        switch purpose {
        case .restore:
            selection.removeAll { labels.contains($0) }
            let lost = lostWhileOffline.isEmpty ? "" : " These seats went to others meanwhile: \(lostWhileOffline.joined(separator: ", "))."
            lostWhileOffline = []
            reply.say(Message("Could not hold \(describe(labels)) again: \(failure.message)\(lost)", .warning))
        case .extend:
            extending = false
            reply.say(Message("Could not extend your holds: \(failure.message)", .warning))
        case .select, .bestAvailable:
            reply.say(Message(failure.message, failure.holdsUnavailable ? .warning : .error))
        case .holdback:
            // The code prompt, still open, says why; a wrong code leaves the map as it was.
            if failure.wrongHoldbackCode { return reply }
        }
        // A refusal means our picture was stale (a seat was taken): read it again.
        if !failure.holdsUnavailable && purpose != .extend {
            reply.commands.append(.loadSnapshot(performanceID: performanceID, reason: .resync))
        }
        return reply
    }

    /// Released (or not: `failure`). `announce` is false while leaving, when the leaving says what matters.
    mutating func applyReleased(labels: [String], failure: Failure?, announce: Bool, _ context: Context) -> Reply {
        let asked = pending.intersection(labels)
        for label in labels {
            pending.remove(label)
            selection.removeAll { $0 == label }
            holdbackCodes[label] = nil
            if failure == nil, let i = labelIndex[label], let seatMap, context.isMine(seatMap.states[i]) {
                self.seatMap?.states[i] = seatMap.stateWhenLetGo(i)
                holdDeadlines[i] = nil
            }
        }
        guard announce else { return Reply() }
        if let failure { return .saying("Could not release \(describe(labels)): \(failure.message)", .error) }
        if !asked.isEmpty { return .saying("Released \(describe(labels.filter(asked.contains))).") }
        return Reply()
    }

    /// This clerk's booking went through: its seats are sold on this map.
    mutating func applyBooked(_ order: Order) {
        guard order.performanceID == performanceID else { return }
        for line in order.seats(of: performanceID) {
            selection.removeAll { $0 == line.label }
            holdbackCodes[line.label] = nil
            pending.remove(line.label)
            if let i = labelIndex[line.label] {
                seatMap?.states[i] = .booked(reference: order.reference)
                holdDeadlines[i] = nil
            }
        }
        formOpenedAt = nil
    }

    /// A booking was cancelled: its seats are free on this map, and it is no longer the booking found.
    mutating func applyCancelled(_ order: Order) {
        // A mixed booking's seats of this performance only (its others are on other maps).
        do {
            for line in order.seats(of: performanceID) {
                if let i = labelIndex[line.label], case .booked(let reference) = seatMap?.states[i], reference == order.reference {
                    let after = seatMap?.stateWhenLetGo(i) ?? .free
                    seatMap?.states[i] = after
                }
            }
        }
        highlighted = []
        foundOrder = nil
    }
}
