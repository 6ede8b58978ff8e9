import Booking

/// "Cancel booking X?": `y` cancels, `n` or Esc keeps it. The booking's seats of the performance shown are listed,
/// all chosen; as in an exchange, Space (on the seat under the list's cursor, ←/→ move it) or a seat's number toggles
/// whether its ticket goes, so a customer returning one ticket keeps the rest. A mixed booking's tickets of other
/// performances are never offered here (they are cancelled on their own map, or with `boxoffice cancel --seats`).
public struct ConfirmCancel: Sendable {
    public var order: Order
    public var cancelling = false
    /// The performance shown; nil when the booking has no ticket of it (then the whole booking goes, as it always did).
    public var performanceID: Int64?
    /// The seats offered, in the booking's order, and those chosen to go (all of them to begin with).
    public var offered: [String]
    public var chosen: Set<String>
    public var cursor = 0

    public init(order: Order, performanceID: Int64? = nil) {
        self.order = order
        let here = performanceID.map { order.seats(of: $0) } ?? []
        let active = here.filter { $0.status == .active }
        self.performanceID = order.isCancelled || active.isEmpty ? nil : performanceID
        offered = self.performanceID == nil ? [] : active.map(\.label)
        chosen = Set(offered)
    }

    /// The tickets that go: the chosen ones of the performance shown, or every active one of the booking.
    var goingTickets: [Order.Line] {
        guard let performanceID else { return order.tickets.filter { $0.status == .active } }
        return order.seats(of: performanceID).filter { chosen.contains($0.label) }
    }

    /// True when the whole booking goes (every active ticket chosen): it is cancelled whole, as before.
    var wholeBooking: Bool { performanceID == nil || goingTickets.count == order.tickets.filter { $0.status == .active }.count }

    /// Tickets of other performances that stay whatever is chosen (a mixed booking).
    var otherPerformances: [Int64] { performanceID.map { p in order.performanceIDs.filter { $0 != p } } ?? [] }

    mutating func handleKey(_ key: Key) -> Reply {
        if cancelling { return Reply() }
        switch key {
        case .char("y"), .char("Y"):
            guard !goingTickets.isEmpty || order.isCancelled else {
                return .saying("Choose at least one seat to cancel (Space or its number), or n to keep the booking.", .warning)
            }
            cancelling = true
            if wholeBooking && otherPerformances.isEmpty { return Reply([.cancel(reference: order.reference)]) }
            return Reply([.cancel(reference: order.reference, labels: goingTickets.map(\.label), performanceID: performanceID)])
        case .char("n"), .char("N"), .escape:
            var reply = Reply.saying("Booking \(order.reference) was not cancelled.")
            reply.closeOverlay()
            return reply
        case .left, .up:
            cursor = max(0, cursor - 1)
            return Reply()
        case .right, .down, .tab:
            cursor = min(max(0, offered.count - 1), cursor + 1)
            return Reply()
        case .char(" "):
            return toggle(cursor)
        case .char(let c) where c.isNumber:
            guard let n = c.wholeNumberValue, n >= 1, n <= offered.count else { return Reply() }
            cursor = n - 1
            return toggle(n - 1)
        default:
            return Reply()
        }
    }

    mutating func toggle(_ index: Int) -> Reply {
        guard offered.indices.contains(index) else { return Reply() }
        let label = offered[index]
        if chosen.contains(label) { chosen.remove(label) } else { chosen.insert(label) }
        return Reply()
    }

    /// What cancelling the chosen tickets gives back, per method, as the booking layer will refund it (to the methods
    /// paid, largest first; the same rule, `Order.plannedRefunds`): the clerk sees it before saying yes. Empty when
    /// nothing was paid.
    var plannedRefunds: [(method: PaymentMethod, amount: Int)] {
        order.plannedRefunds(cancelling: goingTickets)
    }

    /// The booking layer's answer, whichever overlay is open by then. The refunds come first: the clerk hands the cash
    /// back and refunds the card now, and a message line 80 columns wide must not cut them off.
    static func cancelled(_ outcome: BoxOffice.CancelOutcome, _ context: Context) -> Reply {
        let order = outcome.order
        let freed = outcome.freedByPerformance.isEmpty ? order.seats.map(\.label) : outcome.freedByPerformance.flatMap(\.labels)
        // Tickets left: only part of the booking went.
        let partly = order.isCancelled ? "" : " (\(freed.count == 1 ? "1 ticket" : "\(freed.count) tickets"); \(seatList(order.seats.map(\.label))) kept)"
        let refunded = outcome.refunds.isEmpty ? ""
            : ", refunded " + outcome.refunds.map { "\(context.theme.money($0.amountCents)) \($0.method.rawValue)" }.joined(separator: ", ")
        var reply = outcome.alreadyCancelled
            ? Reply.saying("Booking \(order.reference) had already been cancelled.")
            : Reply.saying("Cancelled \(order.reference)\(partly)\(refunded): \(seatList(freed)) \(freed.count == 1 ? "is" : "are") free again.", .ok)
        reply.requests.insert(.closeOverlay, at: 0)
        return reply
    }
}

/// "Leave this performance?" when holding seats: `y` (or `q` again) releases this session's holds, then leaves.
public struct ConfirmLeave: Sendable {
    public var releasing = false

    mutating func handleKey(_ key: Key, map: MapState?) -> Reply {
        if releasing { return Reply() }
        switch key {
        case .char("y"), .char("Y"), .char("q"):
            guard let map, !map.selection.isEmpty else { return .request(.closeMap) }
            releasing = true
            return Reply([.release(performanceID: map.performanceID, labels: map.selection, scope: .session)])
        case .char("n"), .char("N"), .escape:
            var reply = Reply()
            reply.closeOverlay()
            return reply
        default:
            return Reply()
        }
    }

    /// The holds are released (or not: they run out on their own): leave either way.
    static func released(_ labels: [String], failure: Failure?) -> Reply {
        var reply = Reply()
        if let failure {
            reply.say(Message("Could not release \(seatList(labels)) (\(failure.message)); the holds will run out on their own.", .warning))
        }
        reply.requests.append(.closeMap)
        return reply
    }
}
