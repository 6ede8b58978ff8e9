import Booking

/// `p` after a booking (its result) or on a booking found with `/`: print its tickets. Where they go is the caller's
/// (the printer named by `BOXOFFICE_PRINTER`, or a PDF file); the message line says it when the answer comes. Printing
/// again is allowed: each print after the first is counted in the audit log as a reprint.
enum Printing {
    static func request(_ order: Order) -> Reply {
        if order.isCancelled { return .saying("Booking \(order.reference) is cancelled: it has no tickets to print.", .warning) }
        var reply = Reply([.printTickets(reference: order.reference)])
        reply.say(Message("Printing the tickets of \(order.reference)…"))
        return reply
    }

    /// The answer: where the tickets went, or why they did not, in the clerk's words.
    static func printed(reference: String, _ result: Result<String, Failure>) -> Reply {
        switch result {
        case .success(let said): return .saying(said, .ok)
        case .failure(let failure): return .saying("Tickets of \(reference) not printed: \(failure.message)", .error)
        }
    }
}
