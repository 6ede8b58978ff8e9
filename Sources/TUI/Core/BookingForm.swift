import Booking

/// Booking the selection: the customer's name (optional), then Enter. Typing renews the holds (up to a cap).
/// More steps (ticket types, payment) belong here as a `step` that `handleKey` and the form's view switch on; the
/// picker around it does not change, since the form only replies with commands and requests.
public struct BookingForm: Sendable {
    public var name = TextField()
    /// The same for every attempt of this form, so a retry after a lost answer books once.
    public var idempotencyKey: String
    public var submitting = false
    public var error: String?
    /// The types and payment steps, when the map's prices were read (else the form books Adult, unpaid).
    public var sale: SaleForm?

    public init(idempotencyKey: String, sale: SaleForm? = nil) {
        self.idempotencyKey = idempotencyKey
        self.sale = sale
    }

    mutating func handleKey(_ key: Key, map: MapState?) -> Reply {
        if submitting { return Reply() }
        var reply = Reply()
        if var form = sale {
            let outcome = form.handle(key)
            sale = form
            name = form.name
            error = form.error
            switch outcome {
            case .stay:
                if form.step == .name, case .char = key { reply.requests.append(.map(.extendHolds)) }
            case .close:
                reply.closeOverlay()
                reply.requests.append(.map(.formClosed))
                reply.say(Message("Booking not made; your seats are still held."))
            case .submit(let customer, let types, let payments, _):
                guard let map, !map.selection.isEmpty else {
                    reply.closeOverlay()
                    return reply
                }
                submitting = true
                reply.commands = [.book(performanceID: map.performanceID, labels: map.selection, customerName: customer,
                                        idempotencyKey: idempotencyKey, typeBySeat: types, payments: payments,
                                        holdbackCode: map.selectionHoldbackCode)]
            }
            return reply
        }
        switch key {
        case .escape:
            reply.closeOverlay()
            reply.requests.append(.map(.formClosed))
            reply.say(Message("Booking not made; your seats are still held."))
        case .enter:
            guard let map, !map.selection.isEmpty else {
                reply.closeOverlay()
                return reply
            }
            let trimmed = name.text.trimmingCharacters(in: .whitespaces)
            submitting = true
            error = nil
            reply.commands = [.book(performanceID: map.performanceID, labels: map.selection,
                                    customerName: trimmed.isEmpty ? nil : trimmed, idempotencyKey: idempotencyKey,
                                    holdbackCode: map.selectionHoldbackCode)]
        default:
            let outcome = name.apply(key)
            error = outcome == .refused && isCharacter(key) ? "Control characters and escape sequences are not allowed in a name." : nil
            if outcome == .edited { reply.requests.append(.map(.extendHolds)) }
        }
        return reply
    }

    /// The booking was refused: the form stays open, saying why.
    mutating func failed(_ failure: Failure) {
        submitting = false
        error = failure.message
    }

    /// The booking went through: its reference replaces the form.
    static func booked(_ outcome: BoxOffice.BookingOutcome, _ context: Context) -> Reply {
        let order = outcome.order
        let replay = outcome.replay ? " (already booked: this is the same booking)" : ""
        var reply = Reply.opening(.bookingResult(BookingResult(order: order, warnings: outcome.warnings)))
        reply.say(Message("Booked \(order.reference): \(seatList(order.seats.map(\.label))) · \(context.theme.money(order.totalCents))\(replay).", .ok))
        return reply
    }
}

/// The booking reference, seats, total and any warning, until the clerk closes it.
public struct BookingResult: Sendable {
    public var order: Order
    public var warnings: [String]

    /// The keys it takes, as its footer shows them and as a key it does not take is answered.
    static func keys(separator: String) -> String { "p print tickets\(separator)Enter or Esc closes" }

    func handleKey(_ key: Key) -> Reply {
        if key == .char("p") { return Printing.request(order) }
        guard key == .escape || key == .enter || key == .char("q") || key == .char(" ") else {
            // Said, not ignored: a clerk who pressed another key saw nothing happen and could not tell why.
            return .saying("This booking's summary: " + Self.keys(separator: "; ") + ".")
        }
        var reply = Reply()
        reply.closeOverlay()
        return reply
    }
}
