import Booking

/// `/`: find a booking by reference or part of a customer's name.
public struct Find: Sendable {
    public var query = TextField("", maxLength: 120)
    public var searching = false
    public var error: String?

    mutating func handleKey(_ key: Key) -> Reply {
        if searching { return Reply() }
        var reply = Reply()
        switch key {
        case .escape:
            reply.closeOverlay()
        case .enter:
            let text = query.text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else {
                error = "Type a booking reference or part of a customer's name."
                return reply
            }
            searching = true
            error = nil
            reply.commands = [.find(text)]
        default:
            let outcome = query.apply(key)
            error = outcome == .refused && isCharacter(key) ? "That character cannot be searched for." : nil
        }
        return reply
    }

    /// One booking is shown on the map at once; several are listed to choose from.
    mutating func found(query: String, orders: [Order]) -> Reply {
        searching = false
        if orders.isEmpty {
            error = "No booking has the reference or a customer name like \"\(SafeText.display(query, limit: 40))\"."
            return Reply()
        }
        var reply = Reply()
        if orders.count == 1 {
            reply.closeOverlay()
            reply.requests.append(.map(.show(orders[0])))
        } else {
            reply.open(.findResults(FindResults(orders: orders)))
        }
        return reply
    }

    mutating func failed(_ failure: Failure) {
        searching = false
        error = failure.message
    }
}

/// Several bookings found: arrows choose, Enter shows one on the map, `c` cancels it (asking first), `e` exchanges its
/// seats for others of this performance.
public struct FindResults: Sendable {
    public var orders: [Order]
    public var selected = 0

    mutating func handleKey(_ key: Key) -> Reply {
        var reply = Reply()
        switch key {
        case .escape:
            reply.closeOverlay()
        case .up, .char("k"):
            selected = max(0, selected - 1)
        case .down, .char("j"):
            selected = min(orders.count - 1, selected + 1)
        case .enter:
            reply.closeOverlay()
            reply.requests.append(.map(.show(orders[selected])))
        case .char("c"):
            reply.closeOverlay()
            reply.requests.append(.map(.show(orders[selected])))
            reply.requests.append(.map(.confirmCancel(orders[selected])))
        case .char("e"):
            reply.closeOverlay()
            reply.requests.append(.map(.show(orders[selected])))
            reply.requests.append(.map(.exchange(orders[selected])))
        default:
            break
        }
        return reply
    }
}
