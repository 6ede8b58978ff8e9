import Booking

/// The one place the picker changes: a pure function of the model and a message, returning the next model and the
/// effects to run. Tests drive it with key sequences and booking results, no terminal needed.
///
/// This level only routes: keys to the open overlay, else to the screen shown; the booking layer's answers to the
/// screen or overlay they concern. Each of those updates itself and replies (`Reply`); the requests in a reply
/// (the message line, opening and closing overlays, leaving the map) are carried out here, in `apply`.
public func update(_ model: Model, _ msg: Msg) -> (Model, [Command]) {
    var next = model
    let commands = next.route(msg)
    return (next, commands)
}

extension Model {
    /// How long the message line names a warning written to the log.
    static let logNoteMs: Int64 = 20_000

    mutating func route(_ msg: Msg) -> [Command] {
        switch msg {
        case .key(let key):
            if leaving { return [] }
            if var overlay {
                let reply = overlay.handleKey(key, map: map, screenWidth: width, screenHeight: height)
                self.overlay = overlay
                return apply(reply)
            }
            switch screen {
            case .chooser: return apply(chooser.handleKey(key, context))
            case .map: return withMap { $0.handleKey(key, $1) }
            }
        case .click(let x, let y):
            if overlay != nil || leaving { return [] }
            switch screen {
            case .chooser:
                chooser.click(y: y, context)
                return []
            case .map:
                return withMap { $0.click(x: x, y: y, $1) }
            }
        case .resize(let width, let height):
            self.width = width
            self.height = height
            map?.scrollToCursor(context)
            return []
        case .tick(let now):
            self.now = now
            if let note = logNote, note.shownUntil <= now { logNote = nil }
            switch screen {
            case .chooser: return apply(chooser.tick(context, covered: overlay != nil))
            case .map: return withMap { $0.tick($1) }
            }
        case .logged(let text):
            switch logFile {
            case .file(let path): logNote = LogNote(text: "Written to your log \(path): \(text)", shownUntil: now + Self.logNoteMs)
            case .none(let reason): logNote = LogNote(text: "Not logged (\(reason)): \(text)", shownUntil: now + Self.logNoteMs)
            }
            return []
        case .terminate(let signal):
            return leaveNow(exitCode: 128 + signal)

        // The chooser's
        case .performancesLoaded(let result):
            return apply(chooser.loaded(result))

        // The map's
        case .snapshotLoaded(let result, let reason):
            return withMap { $0.applySnapshot(result, reason: reason, $1) }
        case .held(let performanceID, let labels, let ttlMs, let purpose):
            if case .holdback = purpose, case .holdbackPrompt = overlay { overlay = nil }
            return withMap(performanceID) { $0.applyHeld(labels: labels, ttlMs: ttlMs, purpose: purpose, $1) }
        case .holdFailed(let performanceID, let labels, let purpose, let failure):
            let link = noteHoldsUnavailable(failure, performanceID: performanceID)
            if case .holdback = purpose, case .holdbackPrompt(var prompt) = overlay {
                // The prompt says why and stays open for another try; the map forgets the attempt.
                prompt.failed(failure)
                overlay = .holdbackPrompt(prompt)
            }
            return link + withMap(performanceID) { map, _ in map.applyHoldFailed(labels: labels, purpose: purpose, failure: failure) }
        case .released(let performanceID, let labels):
            return released(performanceID: performanceID, labels: labels, failure: nil)
        case .releaseFailed(let performanceID, let labels, let failure):
            let link = noteHoldsUnavailable(failure, performanceID: performanceID)
            return link + released(performanceID: performanceID, labels: labels, failure: failure)
        case .events(let performanceID, let events):
            return withMap(performanceID) { $0.applyEvents(events, $1) }
        case .holdsLink(let link):
            let previous = holdsLink
            holdsLink = link
            guard screen == .map else { return [] }
            return withMap { $0.linkChanged(from: previous, $1) }
        case .dataVersion(let version):
            return withMap { map, _ in map.applyDataVersion(version) }

        // The overlays'
        case .booked(let outcome):
            map?.applyBooked(outcome.order)
            if let name = outcome.order.customerName { context.lastCustomer = name }
            return apply(BookingForm.booked(outcome, context))
        case .bookFailed(let failure):
            let link = map.map { noteHoldsUnavailable(failure, performanceID: $0.performanceID) } ?? []
            if case .bookingForm(var form) = overlay {
                form.failed(failure)
                overlay = .bookingForm(form)
            } else {
                message = Message(failure.message, .error)
            }
            guard let map, !failure.holdsUnavailable else { return link }
            return link + [.loadSnapshot(performanceID: map.performanceID, reason: .resync)]
        case .found(let query, let orders):
            guard case .find(var find) = overlay else { return [] }
            let reply = find.found(query: query, orders: orders)
            overlay = .find(find)
            return apply(reply)
        case .findFailed(let failure):
            if case .find(var find) = overlay {
                find.failed(failure)
                overlay = .find(find)
            }
            return []
        case .cancelled(let outcome):
            map?.applyCancelled(outcome.order)
            return apply(ConfirmCancel.cancelled(outcome, context))
        case .shiftLoaded(let result):
            guard case .shift(var shift) = overlay else { return [] }
            shift.loaded(result)
            overlay = .shift(shift)
            return []
        case .printed(let reference, let result):
            return apply(Printing.printed(reference: reference, result))
        case .cancelFailed(let failure):
            overlay = nil
            message = Message(failure.message, .error)
            return []
        case .exchanged(let result, let warnings):
            map?.applyExchanged(result)
            return apply(ExchangeForm.exchanged(result, warnings: warnings, context))
        case .exchangeFailed(let failure):
            if case .exchangeForm(var form) = overlay {
                form.failed(failure)
                overlay = .exchangeForm(form)
            } else {
                message = Message(failure.message, .error)
            }
            guard let map else { return [] }
            return [.loadSnapshot(performanceID: map.performanceID, reason: .resync)]
        }
    }

    /// Carries out what a screen or overlay asked for, in order.
    mutating func apply(_ reply: Reply) -> [Command] {
        var commands = reply.commands
        for request in reply.requests {
            switch request {
            case .say(let text):
                message = text
            case .openOverlay(let next):
                overlay = next
            case .closeOverlay:
                overlay = nil
            case .closeBookingForm:
                if case .bookingForm = overlay {
                    overlay = nil
                    map?.formOpenedAt = nil
                }
            case .map(let asked):
                commands += withMap { map, context in
                    switch asked {
                    case .show(let order): return map.show(order, context)
                    case .bestAvailable(let count): return map.bestAvailable(count, context)
                    case .extendHolds: return map.extendHoldsIfNeeded(context)
                    case .formClosed:
                        map.formOpenedAt = nil
                        return Reply()
                    case .holdHeldBack(let label, let code): return map.holdHeldBack(label, code: code, context)
                    case .exchange(let order): return map.startExchange(order, context)
                    }
                }
            case .closeMap:
                commands += closeMap()
            case .quit:
                leaving = true
                commands.append(.exit(0))
            case .openPerformance(let id, let title):
                commands += openPerformance(id, title: title)
            }
        }
        return commands
    }

    /// Hands a message to the open map (only when it is about this performance, if one is named) and applies its reply.
    mutating func withMap(_ performanceID: Int64? = nil, _ body: (inout MapState, Context) -> Reply) -> [Command] {
        guard var state = map, performanceID == nil || state.performanceID == performanceID else { return [] }
        let reply = body(&state, context)
        map = state
        return apply(reply)
    }

    /// Released seats: the map updates; if the clerk is leaving after "Leave this performance?", the map closes.
    mutating func released(performanceID: Int64, labels: [String], failure: Failure?) -> [Command] {
        guard map?.performanceID == performanceID else { return [] }
        var confirmedLeave = false
        if case .confirmLeave(let confirm) = overlay { confirmedLeave = confirm.releasing }
        let quiet = confirmedLeave || leaving
        var commands = withMap { $0.applyReleased(labels: labels, failure: failure, announce: !quiet, $1) }
        if confirmedLeave { commands += apply(ConfirmLeave.released(labels, failure: failure)) }
        return commands
    }

    // MARK: Moving between screens

    mutating func openPerformance(_ id: Int64, title: String) -> [Command] {
        screen = .map
        map = MapState(performanceID: id, title: title)
        overlay = nil
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

    /// A hold, release or booking of this picker failed because Redis did not answer. A Redis that hangs (stopped,
    /// swapping, overloaded) keeps the subscription's socket open and silent, so the link would go on saying "holds
    /// live" while every hold fails: the command is the first to know. Holds show offline at once (the selection
    /// is kept here, as for a Redis that is down), and the event loop drops the subscription and connects again;
    /// when Redis answers, the snapshot read then puts the holds right. Applied before the failure itself, so the
    /// message line keeps what the failure says.
    mutating func noteHoldsUnavailable(_ failure: Failure, performanceID: Int64) -> [Command] {
        guard failure.holdsUnavailable, holdsLink == .live, !leaving, screen == .map,
              let state = map, state.performanceID == performanceID else { return [] }
        if case .confirmLeave(let confirm) = overlay, confirm.releasing { return [] }  // leaving: the map closes either way
        holdsLink = .offline(reason: failure.message)
        return [.resubscribe(performanceID: performanceID)]
    }
}
