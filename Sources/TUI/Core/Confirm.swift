import Booking

/// "Cancel booking X?": `y` cancels, `n` or Esc keeps it.
public struct ConfirmCancel: Sendable {
    public var order: Order
    public var cancelling = false

    mutating func handleKey(_ key: Key) -> Reply {
        if cancelling { return Reply() }
        switch key {
        case .char("y"), .char("Y"):
            cancelling = true
            return Reply([.cancel(reference: order.reference)])
        case .char("n"), .char("N"), .escape:
            var reply = Reply.saying("Booking \(order.reference) was not cancelled.")
            reply.closeOverlay()
            return reply
        default:
            return Reply()
        }
    }

    /// What cancelling gives back, per method, as the booking layer will refund it (to the methods paid, largest first):
    /// the clerk sees it before saying yes. Empty when nothing was paid.
    var plannedRefunds: [(method: PaymentMethod, amount: Int)] {
        (try? Refunds.allocate(order.paidCents, paid: Refunds.netByMethod(order.payments), currency: order.currency)) ?? []
    }

    /// The booking layer's answer, whichever overlay is open by then. The refunds come first: the clerk hands the cash
    /// back and refunds the card now, and a message line 80 columns wide must not cut them off.
    static func cancelled(_ outcome: BoxOffice.CancelOutcome, _ context: Context) -> Reply {
        let order = outcome.order
        let refunded = outcome.refunds.isEmpty ? ""
            : ", refunded " + outcome.refunds.map { "\(context.theme.money($0.amountCents)) \($0.method.rawValue)" }.joined(separator: ", ")
        var reply = outcome.alreadyCancelled
            ? Reply.saying("Booking \(order.reference) had already been cancelled.")
            : Reply.saying("Cancelled \(order.reference)\(refunded): \(seatList(order.seats.map(\.label))) \(order.seats.count == 1 ? "is" : "are") free again.", .ok)
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
