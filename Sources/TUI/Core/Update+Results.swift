import Booking

/// What the booking layer answered, applied to the model.
extension Model {
    mutating func applyHeld(performanceID: Int64, labels: [String], ttlMs: Int, purpose: HoldPurpose) -> [Command] {
        guard var state = map, state.performanceID == performanceID, var seatMap = state.seatMap else { return [] }
        for label in labels {
            state.pending.remove(label)
            guard let i = state.labelIndex[label] else { continue }
            seatMap.states[i] = .held(clerk: clerk, session: session, expiresInMs: ttlMs)
            state.holdDeadlines[i] = now + Int64(ttlMs)
            if !state.selection.contains(label) { state.selection.append(label) }
        }
        state.seatMap = seatMap
        let duration = Format.duration(ms: ttlMs)
        switch purpose {
        case .select:
            if let i = labels.first.flatMap({ state.labelIndex[$0] }) {
                message = Message("Holding \(seatDescription(i, in: seatMap)) for \(duration).", .ok)
            }
        case .bestAvailable:
            if let first = labels.first.flatMap({ state.labelIndex[$0] }) { state.cursor = first }
            let total = labels.compactMap { state.labelIndex[$0] }.reduce(0) { $0 + seatMap.seats[$1].priceCents }
            message = Message("Best available: \(describe(labels)) · \(Format.money(cents: total)), held for \(duration). Enter books.", .ok)
        case .restore:
            message = holdsBackMessage(restored: labels, lost: state.lostWhileOffline)
            state.lostWhileOffline = []
        case .extend:
            state.extending = false
        }
        map = state
        scrollToCursor()
        return []
    }

    mutating func applyHoldFailed(performanceID: Int64, labels: [String], purpose: HoldPurpose, failure: Failure) -> [Command] {
        guard var state = map, state.performanceID == performanceID else { return [] }
        for label in labels { state.pending.remove(label) }
        switch purpose {
        case .restore:
            state.selection.removeAll { labels.contains($0) }
            let lost = state.lostWhileOffline.isEmpty ? "" : " These seats went to others meanwhile: \(state.lostWhileOffline.joined(separator: ", "))."
            state.lostWhileOffline = []
            message = Message("Could not hold \(describe(labels)) again: \(failure.message)\(lost)", .warning)
        case .extend:
            state.extending = false
            message = Message("Could not extend your holds: \(failure.message)", .warning)
        case .select, .bestAvailable:
            message = Message(failure.message, failure.holdsUnavailable ? .warning : .error)
        }
        map = state
        // A refusal means our picture was stale (a seat was taken): read it again.
        if !failure.holdsUnavailable && purpose != .extend {
            return [.loadSnapshot(performanceID: performanceID, reason: .resync)]
        }
        return []
    }

    mutating func applyReleased(performanceID: Int64, labels: [String], failure: Failure?) -> [Command] {
        guard var state = map, state.performanceID == performanceID else { return [] }
        let asked = state.pending.intersection(labels)
        for label in labels {
            state.pending.remove(label)
            state.selection.removeAll { $0 == label }
            if failure == nil, let i = state.labelIndex[label], let seatMap = state.seatMap,
               state.isMine(seatMap.states[i], clerk: clerk, session: session) {
                state.seatMap?.states[i] = .free
                state.holdDeadlines[i] = nil
            }
        }
        map = state
        if case .confirmLeave(releasing: true) = overlay {
            if let failure {
                // Leaving anyway: the holds run out on their own.
                message = Message("Could not release \(describe(labels)) (\(failure.message)); the holds will run out on their own.", .warning)
            }
            return closeMap()
        }
        if leaving { return [] }
        if let failure {
            message = Message("Could not release \(describe(labels)): \(failure.message)", .error)
        } else if !asked.isEmpty {
            message = Message("Released \(describe(labels.filter(asked.contains))).")
        }
        return []
    }

    mutating func applyBooked(_ outcome: BoxOffice.BookingOutcome) -> [Command] {
        let order = outcome.order
        if var state = map, state.performanceID == order.performanceID {
            for line in order.seats {
                state.selection.removeAll { $0 == line.label }
                state.pending.remove(line.label)
                if let i = state.labelIndex[line.label] {
                    state.seatMap?.states[i] = .booked(reference: order.reference)
                    state.holdDeadlines[i] = nil
                }
            }
            state.formOpenedAt = nil
            state.sale = nil
            map = state
        }
        overlay = .bookingResult(order: order, warnings: outcome.warnings)
        let replay = outcome.replay ? " (already booked: this is the same booking)" : ""
        message = Message("Booked \(order.reference): \(describe(order.seats.map(\.label))) · \(Format.money(cents: order.totalCents))\(replay).", .ok)
        return []
    }

    mutating func applyBookFailed(_ failure: Failure) -> [Command] {
        if case .bookingForm(let name, let key, _, _) = overlay {
            overlay = .bookingForm(name: name, idempotencyKey: key, submitting: false, error: failure.message)
        } else {
            message = Message(failure.message, .error)
        }
        guard let state = map, !failure.holdsUnavailable else { return [] }
        return [.loadSnapshot(performanceID: state.performanceID, reason: .resync)]
    }

    mutating func applyFound(query: String, orders: [Order]) -> [Command] {
        guard case .find(let field, _, _) = overlay else { return [] }
        if orders.isEmpty {
            overlay = .find(query: field, searching: false,
                            error: "No booking has the reference or a customer name like \"\(SafeText.display(query, limit: 40))\".")
        } else if orders.count == 1 {
            overlay = nil
            show(orders[0])
        } else {
            overlay = .findResults(orders: orders, selected: 0)
        }
        return []
    }

    mutating func applyCancelled(_ outcome: BoxOffice.CancelOutcome) -> [Command] {
        overlay = nil
        let order = outcome.order
        if var state = map {
            if order.performanceID == state.performanceID {
                for line in order.seats {
                    if let i = state.labelIndex[line.label], case .booked(let reference) = state.seatMap?.states[i], reference == order.reference {
                        state.seatMap?.states[i] = .free
                    }
                }
            }
            state.highlighted = []
            state.foundOrder = nil
            map = state
        }
        if outcome.alreadyCancelled {
            message = Message("Booking \(order.reference) had already been cancelled.")
        } else {
            message = Message("Cancelled \(order.reference): \(describe(order.seats.map(\.label))) \(order.seats.count == 1 ? "is" : "are") free again.", .ok)
        }
        return []
    }
}
