import Booking

extension Model {
    /// Keys while a form or overlay is open. `Esc` closes any of them and never touches holds.
    mutating func handleOverlayKey(_ key: Key) -> [Command] {
        guard let current = overlay else { return [] }
        switch current {
        case .help:
            if key == .escape || key == .char("?") || key == .char("q") || key == .enter { overlay = nil }
            return []

        case .bookingForm(var name, let idempotencyKey, let submitting, _):
            if submitting { return [] }
            switch key {
            case .escape:
                overlay = nil
                map?.formOpenedAt = nil
                message = Message("Booking not made; your seats are still held.")
                return []
            case .enter:
                guard let state = map, !state.selection.isEmpty else { overlay = nil; return [] }
                let trimmed = name.text.trimmingCharacters(in: .whitespaces)
                overlay = .bookingForm(name: name, idempotencyKey: idempotencyKey, submitting: true, error: nil)
                return [.book(performanceID: state.performanceID, labels: state.selection,
                              customerName: trimmed.isEmpty ? nil : trimmed, idempotencyKey: idempotencyKey)]
            default:
                let outcome = name.apply(key)
                let error: String? = outcome == .refused && isCharacter(key)
                    ? "Control characters and escape sequences are not allowed in a name." : nil
                overlay = .bookingForm(name: name, idempotencyKey: idempotencyKey, submitting: false, error: error)
                return outcome == .edited ? extendHoldsIfNeeded() : []
            }

        case .bookingResult:
            if key == .escape || key == .enter || key == .char("q") || key == .char(" ") { overlay = nil }
            return []

        case .find(var query, let searching, _):
            if searching { return [] }
            switch key {
            case .escape:
                overlay = nil
            case .enter:
                let text = query.text.trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else {
                    overlay = .find(query: query, searching: false, error: "Type a booking reference or part of a customer's name.")
                    return []
                }
                overlay = .find(query: query, searching: true, error: nil)
                return [.find(text)]
            default:
                let outcome = query.apply(key)
                overlay = .find(query: query, searching: false,
                                error: outcome == .refused && isCharacter(key) ? "That character cannot be searched for." : nil)
            }
            return []

        case .findResults(let orders, var selected):
            switch key {
            case .escape: overlay = nil
            case .up, .char("k"): selected = max(0, selected - 1); overlay = .findResults(orders: orders, selected: selected)
            case .down, .char("j"): selected = min(orders.count - 1, selected + 1); overlay = .findResults(orders: orders, selected: selected)
            case .enter:
                overlay = nil
                show(orders[selected])
            case .char("c"):
                overlay = nil
                show(orders[selected])
                overlay = .confirmCancel(order: orders[selected], cancelling: false)
            default: break
            }
            return []

        case .confirmCancel(let order, let cancelling):
            if cancelling { return [] }
            switch key {
            case .char("y"), .char("Y"):
                overlay = .confirmCancel(order: order, cancelling: true)
                return [.cancel(reference: order.reference)]
            case .char("n"), .char("N"), .escape:
                overlay = nil
                message = Message("Booking \(order.reference) was not cancelled.")
            default: break
            }
            return []

        case .confirmLeave(let releasing):
            if releasing { return [] }
            switch key {
            case .char("y"), .char("Y"), .char("q"):
                guard let state = map, !state.selection.isEmpty else { return closeMap() }
                overlay = .confirmLeave(releasing: true)
                return [.release(performanceID: state.performanceID, labels: state.selection, scope: .session)]
            case .char("n"), .char("N"), .escape:
                overlay = nil
            default: break
            }
            return []

        case .bestAvailablePrompt(var count):
            switch key {
            case .escape: overlay = nil
            case .enter:
                overlay = nil
                guard let n = Int(count.text) else {
                    message = Message("Type how many seats (1 to 20), then Enter.", .warning)
                    return []
                }
                return bestAvailable(n)
            case .char(let c) where !c.isASCII || !c.isNumber:
                break
            default:
                count.apply(key)
                overlay = .bestAvailablePrompt(count: count)
            }
            return []
        }
    }

    private func isCharacter(_ key: Key) -> Bool {
        if case .char = key { return true }
        return false
    }

    /// Highlights a found booking's seats (when it is for this performance) and says what it is.
    mutating func show(_ order: Order) {
        guard var state = map else { return }
        state.foundOrder = order
        if order.performanceID == state.performanceID {
            state.highlighted = Set(order.seats.compactMap { state.labelIndex[$0.label] })
            if let first = order.seats.first.flatMap({ state.labelIndex[$0.label] }) { state.cursor = first }
        } else {
            state.highlighted = []
        }
        map = state
        scrollToCursor()
        let name = order.customerName.map { " for \(SafeText.display($0, limit: 40))" } ?? ""
        let elsewhere = order.performanceID == state.performanceID ? "" : " (performance \(order.performanceID), not this one)"
        if order.isCancelled {
            message = Message("Booking \(order.reference)\(name) was cancelled\(elsewhere).", .info)
        } else {
            message = Message("Booking \(order.reference)\(name): \(describe(order.seats.map(\.label))) · \(Format.money(cents: order.totalCents))\(elsewhere). c cancels it.", .info)
        }
    }

    /// While the booking form is open and the clerk types, my holds are renewed, up to a cap, so a long name on a
    /// slow phone line does not lose the seats; without typing they run down and the status bar warns.
    mutating func extendHoldsIfNeeded() -> [Command] {
        guard var state = map, holdsLink == .live, !state.extending, let opened = state.formOpenedAt,
              let earliest = state.earliestDeadline() else { return [] }
        let cap = opened + Int64(HoldTiming.formExtensionCapMs)
        let remaining = earliest - now
        // Renew at most every 15 s (sooner for short hold times), so typing does not flood Redis.
        let every = min(Int64(HoldTiming.extendEveryMs), Int64(holdTTLms) / 3)
        guard remaining < Int64(holdTTLms) - every, now < cap else { return [] }
        let ttl = Int(min(Int64(holdTTLms), max(cap - now, remaining)))
        guard ttl > remaining else { return [] }
        state.extending = true
        map = state
        return [.hold(performanceID: state.performanceID, labels: state.selection, ttlMs: ttl, purpose: .extend)]
    }
}
