import Booking

/// "Exchange for <ref>": the map while a booking's tickets are being moved to other seats of this performance. The new
/// seats are chosen as a selection (held, so no other clerk takes them meanwhile), one for each ticket moved; Space on
/// one of the booking's own seats keeps that ticket where it is (or moves it again). Nothing changes in the booking
/// until the exchange form's last Enter, which asks the booking layer for the whole exchange in one transaction.
public struct ExchangeMode: Hashable, Sendable {
    public var order: Order
    /// The booking's seats whose tickets move, in the booking's order; the new seats pair up with them in order.
    public var moving: [String]
    /// The performance shown: only its tickets move (a mixed booking's tickets of other performances stay).
    public var performanceID: Int64

    public init(order: Order, performanceID: Int64? = nil) {
        self.order = order
        self.performanceID = performanceID ?? order.performanceID
        moving = order.seats(of: self.performanceID).filter { $0.status == .active }.map(\.label)
    }

    /// How many new seats are still to choose, with `chosen` chosen (negative: too many).
    public func stillToChoose(_ chosen: Int) -> Int { moving.count - chosen }
}

extension MapState {
    /// `e` on a booking found (on the map or in the list of results).
    mutating func startExchange(_ order: Order, _ context: Context) -> Reply {
        let reference = SafeText.display(order.reference, limit: 20)
        if exchange != nil { return .saying("An exchange is under way: Enter confirms it, Esc backs out.", .warning) }
        if order.isCancelled { return .saying("Booking \(reference) is cancelled: there is nothing to exchange.", .warning) }
        // Within the performance shown: a mixed booking's tickets of this performance move, its others stay.
        guard !order.seats(of: performanceID).isEmpty else {
            let its = order.performanceIDs.map(String.init).joined(separator: " and ")
            return .saying("Booking \(reference) is for performance \(its): open that performance to exchange its seats "
                           + "(another performance: boxoffice exchange \(reference) --to … --performance <id>).", .warning)
        }
        guard selection.isEmpty, pending.isEmpty else {
            return .saying("Book or clear (x) your selection first: an exchange's new seats are chosen as a selection.", .warning)
        }
        let mode = ExchangeMode(order: order, performanceID: performanceID)
        guard !mode.moving.isEmpty else { return .saying("Booking \(reference) has no active tickets to exchange.", .warning) }
        foundOrder = order
        highlighted = Set(order.seats(of: performanceID).compactMap { labelIndex[$0.label] })
        exchange = mode
        return .saying("Exchange for \(reference): choose \(mode.moving.count) new seat\(mode.moving.count == 1 ? "" : "s") with Space "
                       + "(or a number and b); Space on one of its seats keeps that ticket; Enter confirms, Esc backs out.", .info)
    }

    /// Keys that mean something else while exchanging; nil: the map's usual handling.
    mutating func exchangeKey(_ key: Key, _ context: Context) -> Reply? {
        guard let mode = exchange else { return nil }
        switch key {
        case .escape:
            return endExchange(saying: "Exchange for \(SafeText.display(mode.order.reference, limit: 20)) not made: nothing changed.", context)
        case .enter:
            let left = mode.stillToChoose(selection.count)
            if left > 0 { return .saying("Choose \(left) more seat\(left == 1 ? "" : "s") (one for each ticket moved), then Enter.", .warning) }
            if left < 0 { return .saying("\(-left) seat\(left == -1 ? "" : "s") too many: Space releases one (\(mode.moving.count) ticket\(mode.moving.count == 1 ? "" : "s") move).", .warning) }
            guard let seatMap else { return Reply() }
            let newSeats = selection.compactMap { labelIndex[$0] }.map { seatMap.seats[$0] }
            switch ExchangeForm.make(order: mode.order, performanceID: mode.performanceID, moving: mode.moving, to: newSeats, prices: seatMap.prices, currency: seatMap.currency) {
            case .success(let form): return .opening(.exchangeForm(form))
            case .failure(let failure): return .saying(failure.message, .error)
            }
        case .char("/"), .char("c"), .char("e"):
            return .saying("An exchange is under way: Enter confirms it, Esc backs out.", .warning)
        default:
            return nil
        }
    }

    /// Space (or a click) while exchanging: one of the booking's seats toggles whether its ticket moves; a free seat is
    /// held only while new seats are still wanted. nil: the usual toggle.
    mutating func exchangeToggle(_ index: Int, _ context: Context) -> Reply? {
        guard var mode = exchange, let seatMap else { return nil }
        let label = seatMap.seats[index].label
        if case .booked(let reference) = seatMap.states[index], reference == mode.order.reference {
            if let i = mode.moving.firstIndex(of: label) {
                guard mode.moving.count > 1 else { return .saying("At least one ticket moves; Esc backs out of the exchange.", .warning) }
                guard selection.count < mode.moving.count else {
                    return .saying("Release one of the new seats first (Space on it): each ticket moved needs one.", .warning)
                }
                mode.moving.remove(at: i)
                exchange = mode
                return .saying("\(label) stays; \(mode.moving.count) ticket\(mode.moving.count == 1 ? "" : "s") move.")
            }
            // Back into the exchange, in the booking's order.
            let order = mode.order.seats.map(\.label)
            mode.moving = order.filter { mode.moving.contains($0) || $0 == label }
            exchange = mode
            return .saying("\(label) moves too; \(mode.moving.count) ticket\(mode.moving.count == 1 ? "" : "s") move.")
        }
        if case .free = seatMap.states[index], !selection.contains(label), mode.stillToChoose(selection.count + pending.count) <= 0 {
            return .saying("All \(mode.moving.count) new seat\(mode.moving.count == 1 ? " is" : "s are") chosen: Enter confirms, Space on one releases it.", .warning)
        }
        return nil
    }

    /// Out of the exchange: the new seats held for it are released; the booking is as it was. They leave the selection
    /// at once, so the release's answer stays quiet and the message line keeps saying that nothing changed (a failed
    /// release still says so).
    mutating func endExchange(saying text: String, _ context: Context) -> Reply {
        exchange = nil
        var reply = Reply()
        var said = text
        if !selection.isEmpty {
            if context.holdsLink == .live {
                reply.commands.append(.release(performanceID: performanceID, labels: selection, scope: .session))
            }
            said += " \(describe(selection)) let go."
            selection = []
        }
        reply.say(Message(said))
        return reply
    }

    /// The exchange went through: the old seats are free, the new ones the booking's, and the mode ends.
    mutating func applyExchanged(_ result: ExchangeResult) {
        exchange = nil
        let reference = result.order.reference
        for group in result.freedByPerformance where group.performanceID == performanceID {
            for label in group.labels {
                if let i = labelIndex[label], case .booked(let r) = seatMap?.states[i], r == reference { seatMap?.states[i] = .free }
            }
        }
        foundOrder = result.order
        highlighted = Set(result.order.seats(of: performanceID).compactMap { labelIndex[$0.label] })
        guard result.toPerformanceID == performanceID else { return }
        for pair in result.moved {
            selection.removeAll { $0 == pair.to }
            pending.remove(pair.to)
            if let i = labelIndex[pair.to] {
                seatMap?.states[i] = .booked(reference: reference)
                holdDeadlines[i] = nil
            }
        }
    }
}
