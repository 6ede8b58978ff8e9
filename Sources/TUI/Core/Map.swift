import Booking

/// One open performance: its seat map, the cursor, this session's selection and its holds. Its update is split by
/// what it answers: keys and mouse here, other clerks and Redis in `Map+Live.swift`, the booking layer's answers
/// in `Map+Results.swift`.
public struct MapState: Sendable {
    public var performanceID: Int64
    public var title: String
    public var seatMap: SeatMap?
    public var layout: MapLayout?
    public var labelIndex: [String: Int] = [:]
    /// Where each held seat's hold runs out, on the model's clock: counted down locally because expiry events
    /// can arrive late or never.
    public var holdDeadlines: [Int: Int64] = [:]
    /// The seats this session holds, in the order they were chosen. Kept while holds are offline so that they can
    /// be held again when Redis returns.
    public var selection: [String] = []
    /// Seats being held or released right now (not yet answered).
    public var pending: Set<String> = []
    public var cursor = 0
    public var viewport = Viewport()
    /// A digit typed before `b` (best available).
    public var count: Int?
    /// Seats of a found booking, drawn highlighted.
    public var highlighted: Set<Int> = []
    public var foundOrder: Order?
    /// Set while a found booking's tickets are being moved to new seats (`e`; see `Exchange.swift`).
    public var exchange: ExchangeMode?
    /// When the booking form was opened: holds are extended while the clerk types, up to a cap from here.
    public var formOpenedAt: Int64?
    public var extending = false
    public var lastDataVersion: Int?
    /// Selected seats that other clerks took while holds were offline (as "C4 (booked)"), named again when Redis
    /// is back, since the message saying so at the time may have been missed or overwritten.
    public var lostWhileOffline: [String] = []
    var lastOfflineCheck: Int64?
    public var lastSnapshotAt: Int64 = 0
    public var loading = true
    /// The code typed for each held-back seat this session holds: the booking names it, or the seat would not sell.
    public var holdbackCodes: [String: String] = [:]

    public init(performanceID: Int64, title: String = "") {
        self.performanceID = performanceID
        self.title = title
    }

    public func state(of seat: Int) -> SeatState? {
        guard let seatMap, seat >= 0, seat < seatMap.states.count else { return nil }
        return seatMap.states[seat]
    }

    public func isMine(_ state: SeatState, clerk: String, session: String) -> Bool {
        if case .held(let c, let s, _) = state { return c == clerk && s == session }
        return false
    }

    /// The earliest moment one of my holds runs out.
    public func earliestDeadline() -> Int64? {
        selection.compactMap { labelIndex[$0] }.compactMap { holdDeadlines[$0] }.min()
    }

    /// The code the booking of the selection names: one per booking, as `--holdback-code` is (nil: no held-back seat).
    public var selectionHoldbackCode: String? {
        selection.lazy.compactMap { self.holdbackCodes[$0] }.first
    }

    public var selectedSeats: [Seat] {
        guard let seatMap else { return [] }
        return selection.compactMap { labelIndex[$0] }.map { seatMap.seats[$0] }
    }

    // MARK: Keys

    mutating func handleKey(_ key: Key, _ context: Context) -> Reply {
        // A count (1–9, or up to 20) waits for `b`; any other key forgets it.
        if case .char(let c) = key, let digit = c.wholeNumberValue, c.isASCII {
            if let count, count * 10 + digit <= 20 { self.count = count * 10 + digit } else if digit > 0 { count = digit }
            return .saying("\(count ?? 0) seats: press b for the best available, Esc to forget the number.")
        }
        let pendingCount = count
        count = nil

        guard seatMap != nil, let layout else {
            switch key {
            case .char("q"): return .request(.closeMap)
            case .char("?"): return .opening(.help(Help(for: .map)))
            default: return Reply()
            }
        }
        let geometry = MapGeometry(width: context.width, height: context.height, layout: layout)
        var moved = true
        switch key {
        case .left, .char("h"): cursor = layout.move(cursor, .left)
        case .right, .char("l"): cursor = layout.move(cursor, .right)
        case .up, .char("k"): cursor = layout.move(cursor, .up)
        case .down, .char("j"): cursor = layout.move(cursor, .down)
        case .home: cursor = layout.rowStart(cursor)
        case .end: cursor = layout.rowEnd(cursor)
        case .pageUp: cursor = layout.jump(cursor, by: -max(1, geometry.visibleLines - 2))
        case .pageDown: cursor = layout.jump(cursor, by: max(1, geometry.visibleLines - 2))
        default: moved = false
        }
        if moved {
            scrollToCursor(context)
            return Reply()
        }

        if let reply = exchangeKey(key, context) { return reply }
        switch key {
        case .char(" "):
            return toggle(cursor, context)
        case .char("b"):
            if let pendingCount { return bestAvailable(pendingCount, context) }
            return .opening(.bestAvailablePrompt(BestAvailablePrompt()))
        case .char("B"):
            // Restricted-view seats count too: only after a number, so a stray Shift never widens a choice unasked.
            guard let pendingCount else { return .saying("Type a number first, then B: the best seats, restricted views included.", .warning) }
            return bestAvailable(pendingCount, context, includeRestricted: true)
        case .enter:
            guard !selection.isEmpty else {
                return .saying("Select seats with Space first, or type a number and b for the best available.", .warning)
            }
            formOpenedAt = context.now
            let key = "\(context.session)-\(context.now)-\(selection.joined(separator: ","))"
            var reply = extendHoldsIfNeeded(context)
            // With the prices read, the form goes on to types and payment; without them it books Adult, unpaid.
            var sale: SaleForm?
            if let seatMap, let prices = seatMap.prices {
                let seats = selection.compactMap { labelIndex[$0] }.map { (label: seatMap.seats[$0].label, band: seatMap.seats[$0].priceBand) }
                sale = SaleForm(seats: seats, prices: prices, currency: seatMap.currency, lastCustomer: context.lastCustomer)
            }
            reply.open(.bookingForm(BookingForm(idempotencyKey: key, sale: sale)))
            return reply
        case .char("x"):
            return clearSelection(context)
        case .char("/"):
            return .opening(.find(Find()))
        case .char("p"):
            guard let foundOrder else { return .saying("Find a booking with / first; p then prints its tickets.", .warning) }
            return Printing.request(foundOrder)
        case .char("c"):
            guard let foundOrder else { return .saying("Find a booking with / first; c then cancels it.", .warning) }
            return .opening(.confirmCancel(ConfirmCancel(order: foundOrder)))
        case .char("e"):
            guard let foundOrder else { return .saying("Find a booking with / first; e then exchanges its seats.", .warning) }
            return startExchange(foundOrder, context)
        case .char("?"):
            return .opening(.help(Help(for: .map)))
        case .char("$"):
            return ShiftOverlay.open()
        case .char("q"):
            if selection.isEmpty { return .request(.closeMap) }
            return .opening(.confirmLeave(ConfirmLeave()))
        case .escape:
            // Never releases anything: on a slow link half an arrow key arrives as a lone Esc.
            highlighted = []
            foundOrder = nil
            var reply = Reply()
            reply.say(nil)
            return reply
        case .char("r"), .control("r"):
            return Reply([.loadSnapshot(performanceID: performanceID, reason: .resync)])
        default:
            return Reply()
        }
    }

    /// Space: hold a free seat, release one of mine, or say why the seat cannot be had.
    mutating func toggle(_ index: Int, _ context: Context) -> Reply {
        guard let seatMap, index >= 0, index < seatMap.seats.count else { return Reply() }
        let label = seatMap.seats[index].label
        if pending.contains(label) { return .saying("Still waiting for \(label)…") }
        if let reply = exchangeToggle(index, context) { return reply }
        let online = context.holdsLink == .live
        if selection.contains(label) {
            if !online {
                selection.removeAll { $0 == label }
                return .saying("\(label) is no longer selected.")
            }
            pending.insert(label)
            return Reply([.release(performanceID: performanceID, labels: [label], scope: .session)])
        }
        switch seatMap.states[index] {
        case .free:
            if !online {
                // Redis is away: remember the choice here; it is held for real when Redis comes back.
                selection.append(label)
                return .saying("\(label) selected here only: holds are offline, so other clerks cannot see it yet.", .warning)
            }
            pending.insert(label)
            return Reply([.hold(performanceID: performanceID, labels: [label], ttlMs: nil, purpose: .select)])
        case .held(let clerk, _, let ms):
            let left = Format.duration(ms: max(0, Int((holdDeadlines[index] ?? context.now + Int64(ms)) - context.now)))
            if clerk == context.clerk { return .saying("\(label) is held by you in another window (\(left) left).", .warning) }
            return .saying("\(label) is held by \(SafeText.display(clerk, limit: 40)) for another \(left).", .warning)
        case .booked(let reference):
            return .saying("\(label) is booked (booking \(SafeText.display(reference, limit: 20))); / finds it.", .warning)
        case .blocked(let reason):
            return .saying("\(label) is blocked (\(SafeText.display(reason, limit: 60))) and cannot be sold.", .warning)
        case .heldBack(let code, _):
            guard online else {
                return .saying("\(label) is held back for \(SafeText.display(code, limit: 30)); it can be sold only while holds are live.", .warning)
            }
            if let other = selectionHoldbackCode, !SeatMap.Holdback.codeMatches(code, other) {
                return .saying("Your selection has seats held back for \(SafeText.display(other, limit: 30)): book those first "
                               + "(one code per booking).", .warning)
            }
            return .opening(.holdbackPrompt(HoldbackPrompt(label: label, code: code)))
        }
    }

    /// The code prompt's Enter: hold the held-back seat, naming the code typed (the booking layer checks it).
    mutating func holdHeldBack(_ label: String, code: String, _ context: Context) -> Reply {
        guard labelIndex[label] != nil, !pending.contains(label) else { return Reply() }
        pending.insert(label)
        return Reply([.hold(performanceID: performanceID, labels: [label], ttlMs: nil, purpose: .holdback(code: code))])
    }

    mutating func bestAvailable(_ count: Int, _ context: Context, includeRestricted: Bool = false) -> Reply {
        guard let seatMap else { return Reply() }
        guard (1...20).contains(count) else { return .saying("Best available finds 1 to 20 seats together.", .warning) }
        if context.holdsLink != .live {
            // Without Redis, choose from what SQLite says and keep the choice locally.
            var offlineMap = seatMap
            for label in selection { if let i = labelIndex[label] { offlineMap.states[i] = .blocked(reason: "selected") } }
            guard let chosen = BestAvailable.choose(count, in: offlineMap, includeRestricted: includeRestricted) else {
                return .saying("There are no \(count) free seats together in one row.", .warning)
            }
            let labels = chosen.map { seatMap.seats[$0].label }
            selection += labels
            cursor = chosen[0]
            scrollToCursor(context)
            return .saying("Selected \(describe(labels)) here only: holds are offline, so other clerks cannot see them yet.", .warning)
        }
        var reply = Reply([.bestAvailable(performanceID: performanceID, count: count, includeRestricted: includeRestricted)])
        reply.say(Message("Looking for the best \(count) seats together…"))
        return reply
    }

    /// `x`: let go of every seat this session holds.
    mutating func clearSelection(_ context: Context) -> Reply {
        guard !selection.isEmpty else { return .saying("Nothing is selected.") }
        if context.holdsLink != .live {
            selection = []
            return .saying("Selection cleared.")
        }
        pending.formUnion(selection)
        return Reply([.release(performanceID: performanceID, labels: selection, scope: .session)])
    }

    mutating func click(x: Int, y: Int, _ context: Context) -> Reply {
        guard let layout else { return Reply() }
        let geometry = MapGeometry(width: context.width, height: context.height, layout: layout)
        guard let position = geometry.mapPosition(x: x, y: y, layout: layout, viewport: viewport),
              let seat = layout.seat(atLine: position.line, column: position.column) else { return Reply() }
        cursor = seat
        return toggle(seat, context)
    }

    // MARK: Asked by overlays

    /// Highlights a found booking's seats of this performance (a mixed booking's others are another map's) and says
    /// what it is.
    mutating func show(_ order: Order, _ context: Context) -> Reply {
        foundOrder = order
        let here = order.seats(of: performanceID)
        highlighted = Set(here.compactMap { labelIndex[$0.label] })
        if let first = here.first.flatMap({ labelIndex[$0.label] }) { cursor = first }
        scrollToCursor(context)
        let name = order.customerName.map { " for \(SafeText.display($0, limit: 40))" } ?? ""
        let others = order.performanceIDs.filter { $0 != performanceID }
        let elsewhere = here.isEmpty ? " (performance \(others.map(String.init).joined(separator: " and ")), not this one)"
            : others.isEmpty ? "" : "; also " + others.map { id in
                order.seats(of: id).map(\.label).joined(separator: " ") + " (performance \(id))" }.joined(separator: "; ")
        if order.isCancelled { return .saying("Booking \(order.reference)\(name) was cancelled\(elsewhere).") }
        return .saying("Booking \(order.reference)\(name): \(describe((here.isEmpty ? order.seats : here).map(\.label))) · "
                       + "\(context.theme.money(order.totalCents))\(elsewhere). p prints its tickets, c cancels it, e exchanges its seats.")
    }

    /// While the booking form is open and the clerk types, my holds are renewed, up to a cap, so a long name on a
    /// slow phone line does not lose the seats; without typing they run down and the status bar warns.
    mutating func extendHoldsIfNeeded(_ context: Context) -> Reply {
        guard context.holdsLink == .live, !extending, let opened = formOpenedAt, let earliest = earliestDeadline() else {
            return Reply()
        }
        let now = context.now, ttlMs = Int64(context.holdTTLms)
        let cap = opened + Int64(HoldTiming.formExtensionCapMs)
        let remaining = earliest - now
        // Renew at most every 15 s (sooner for short hold times), so typing does not flood Redis.
        let every = min(Int64(HoldTiming.extendEveryMs), ttlMs / 3)
        guard remaining < ttlMs - every, now < cap else { return Reply() }
        let ttl = Int(min(ttlMs, max(cap - now, remaining)))
        guard ttl > remaining else { return Reply() }
        extending = true
        return Reply([.hold(performanceID: performanceID, labels: selection, ttlMs: ttl, purpose: .extend)])
    }

    // MARK: Shared steps

    /// Keeps the cursor in view after it moved or the terminal changed size.
    mutating func scrollToCursor(_ context: Context) {
        guard let layout else { return }
        let geometry = MapGeometry(width: context.width, height: context.height, layout: layout)
        viewport = viewport.showing(seat: cursor, in: layout, lines: geometry.visibleLines, columns: geometry.visibleColumns)
    }

    func describe(_ labels: [String]) -> String { seatList(labels) }

    func seatDescription(_ index: Int, in seatMap: SeatMap, _ context: Context) -> String {
        let seat = seatMap.seats[index]
        return "\(seat.label) · \(seat.section) · \(context.theme.money(seat.priceCents))\(seat.accessible ? " · wheelchair space" : "")"
    }
}

/// Seat labels as a message names them: all of a few, the first eight of many.
func seatList(_ labels: [String]) -> String {
    labels.count <= 8 ? labels.joined(separator: " ") : labels.prefix(8).joined(separator: " ") + " and \(labels.count - 8) more"
}
