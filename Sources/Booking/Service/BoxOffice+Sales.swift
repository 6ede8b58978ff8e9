import Foundation

/// What a clerk asks for with a sale beyond its seats: ticket types, and how it is paid (or until when it is reserved).
public struct SaleTerms: Sendable {
    /// The type of every seat not named in `typeBySeat` (nil: Adult).
    public var typeForAll: String?
    public var typeBySeat: [(label: String, type: String)]
    public var payments: [PaymentRequest]
    public var details: PaymentDetails
    /// Reserved unpaid until then; the seats go back on sale after it.
    public var unpaidUntil: Date?

    public init(typeForAll: String? = nil, typeBySeat: [(label: String, type: String)] = [], payments: [PaymentRequest] = [],
                details: PaymentDetails = PaymentDetails(), unpaidUntil: Date? = nil) {
        self.typeForAll = typeForAll
        self.typeBySeat = typeBySeat
        self.payments = payments
        self.details = details
        self.unpaidUntil = unpaidUntil
    }

    /// `--type Child` (all seats) and `--type C12=Child` (one seat), as typed on the command line.
    public static func parseTypes(_ options: [String]) throws -> (all: String?, bySeat: [(label: String, type: String)]) {
        var all: String?
        var bySeat: [(label: String, type: String)] = []
        for option in options {
            let parts = option.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            if parts.count == 2 {
                bySeat.append((parts[0].trimmingCharacters(in: .whitespaces).uppercased(), parts[1]))
            } else if all != nil {
                throw BookingError.invalidInput("--type without a seat may be given once (it sets every seat's type); name seats for the others, such as --type C12=Child.")
            } else {
                all = option
            }
        }
        return (all, bySeat)
    }
}

extension BoxOffice {
    /// The box office's currency, read once per process (it never changes after `init`).
    public var currency: Currency {
        if let c = currencyCache.value.withLock({ $0 }) { return c }
        let c = (try? store.currency()) ?? .gbp
        currencyCache.value.withLock { $0 = c }
        return c
    }

    public func ticketTypes() throws -> [TicketType] { try store.ticketTypes() }

    /// Unpaid reservations with a deadline still waiting for their customers (the picker shows how many).
    public func unpaidPendingCount() throws -> Int { try store.pendingUnpaidCount() }

    public func addTicketType(name: String, key: String) throws -> TicketType {
        try store.addTicketType(name: name, key: key, actor: clerk)
    }

    public func removeTicketType(name: String) throws -> TicketType {
        try store.removeTicketType(name: name, actor: clerk)
    }

    public func priceList(theaterID: Int64, performanceID: Int64?) throws -> PriceList {
        try store.priceList(theaterID: theaterID, performanceID: performanceID)
    }

    /// `prices set`: each item `type=amount`, for one band of a theater (or of one of its performances).
    public func setPrices(theaterID: Int64, performanceID: Int64?, band: String, items: [String]) throws {
        guard !items.isEmpty else { throw BookingError.invalidInput("Give at least one price, such as Child=12.50.") }
        let types = try store.ticketTypes()
        var prices: [(type: TicketType, cents: Int)] = []
        for item in items {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else {
                throw BookingError.invalidInput("\"\(SafeText.display(item, limit: 30))\" is not type=amount (such as Child=12.50).")
            }
            let type = try TicketType.named(parts[0], in: types)
            if prices.contains(where: { $0.type == type }) { throw BookingError.invalidInput("\(type.name) is priced twice.") }
            prices.append((type, try Money.parse(parts[1], field: "\(type.name) price", currency: currency)))
        }
        try store.setPrices(theaterID: theaterID, performanceID: performanceID, band: band.trimmingCharacters(in: .whitespaces).uppercased(),
                            prices: prices, actor: clerk, currency: currency)
    }

    /// Each seat's type and price under these terms, or the error naming the type or seat that does not fit.
    func priceTickets(_ seats: [Seat], performance: Performance, terms: SaleTerms,
                      reads: some BookingReads) throws -> [(type: TicketType, priceCents: Int)] {
        let prices = try reads.priceList(theaterID: performance.theaterID, performanceID: performance.id)
        let all = try terms.typeForAll.map { try TicketType.named($0, in: prices.types) }
        guard let adult = prices.types.first(where: \.isAdult) else { throw BookingError.invalidInput("There is no Adult ticket type.") }
        var bySeat: [String: TicketType] = [:]
        for (label, name) in terms.typeBySeat {
            guard seats.contains(where: { $0.label == label }) else {
                throw BookingError.invalidInput("--type names seat \(SafeText.display(label, limit: 12)), which is not in this booking (\(seats.map(\.label).joined(separator: ", "))).")
            }
            if bySeat[label] != nil { throw BookingError.invalidInput("Seat \(label) is given a type twice.") }
            bySeat[label] = try TicketType.named(name, in: prices.types)
        }
        return try seats.map { seat in
            let type = bySeat[seat.label] ?? all ?? adult
            return (type, try prices.require(band: seat.priceBand, type: type, seat: seat.label, currency: currency))
        }
    }

    /// Checks the terms of a sale and turns its payments into a plan for the total.
    func planSale(_ tickets: [(type: TicketType, priceCents: Int)], terms: SaleTerms, now: Date = Date()) throws -> [PlannedPayment] {
        if let until = terms.unpaidUntil {
            if !terms.payments.isEmpty { throw BookingError.invalidInput("A booking is either paid (--pay) or reserved unpaid (--unpaid), not both.") }
            if until <= now { throw BookingError.invalidInput("The collection deadline \(Format.timestamp(until)) has already passed.") }
            return []
        }
        guard !terms.payments.isEmpty else {
            if terms.details != PaymentDetails() {
                throw BookingError.invalidInput("--tendered, --reference and --account go with --pay.")
            }
            return []
        }
        let total = tickets.reduce(0) { $0 + $1.priceCents }
        return try PaymentPlan.plan(terms.payments, due: total, details: terms.details,
                                    allComplimentary: tickets.allSatisfy { $0.type.isComplimentary }, currency: currency)
    }

    public struct PayOutcome: Sendable {
        public var order: Order
        public var paid: [Payment]
    }

    /// Pays an unpaid booking (all that is due).
    public func pay(reference: String, payments: [PaymentRequest], details: PaymentDetails) throws -> Order {
        try store.pay(reference: reference, requests: payments, details: details, actor: clerk)
    }

    /// Cancels a booking or some of its tickets (by seat, or with `performanceID` only that performance's), refunding
    /// them; frees the seats on every clerk's map.
    public func cancel(reference: String, labels: [String]?, performanceID: Int64? = nil, refund: RefundChoice = .original,
                       reason: String? = nil) throws -> CancelResult {
        let why = try Self.optionalText(reason, field: "reason", maxLength: 200)
        let result = try store.cancel(reference: reference, labels: labels, performanceID: performanceID, refund: refund, reason: why,
                                      actor: clerk)
        announceFreed(result)
        return result
    }

    /// Cancels and refunds every booking of a performance that will not take place.
    public func cancelPerformance(_ performanceID: Int64, refund: RefundChoice, reason: String?) throws -> [CancelResult] {
        let why = try Self.optionalText(reason, field: "reason", maxLength: 200)
        let results = try store.cancelPerformance(performanceID, refund: refund, reason: why, actor: clerk)
        results.forEach(announceFreed)
        return results
    }

    /// Releases every unpaid reservation past its deadline.
    public func expireUnpaid() throws -> [CancelResult] {
        let results = try store.expireUnpaid(actor: clerk)
        results.forEach(announceFreed)
        return results
    }

    /// On a read: reservations past their deadline give their seats back first (one indexed read when none are due).
    func expireDueReservations() {
        guard (try? store.hasExpiredUnpaid()) == true else { return }
        _ = try? expireUnpaid()
    }

    private func announceFreed(_ result: CancelResult) {
        // Each performance's map hears of its own seats only (a mixed booking's are of several).
        for group in result.freedByPerformance where !group.labels.isEmpty {
            try? holds.notify(performanceID: group.performanceID, kind: .cancel, labels: group.labels, clerk: clerk,
                              reference: result.order.reference)
        }
    }

    /// Moves tickets to other seats (of this or another performance) in one transaction, settling the difference.
    /// The new seats are leased in Redis while it commits, as a booking's are, so no other clerk's hold is sold over.
    /// Without `toPerformanceID` the tickets stay in their own performance (the one the named tickets are for; a mixed
    /// booking's tickets of several must name one).
    public func exchange(reference: String, fromLabels: [String]?, toLabels: [String], toPerformanceID: Int64?,
                         fromPerformanceID: Int64? = nil,
                         payments: [PaymentRequest] = [], details: PaymentDetails = PaymentDetails(),
                         refund: RefundChoice = .original, holdbackCode: String? = nil) throws -> (result: ExchangeResult, warnings: [String]) {
        let current = try order(reference: reference)
        let targetID: Int64
        if let toPerformanceID {
            targetID = toPerformanceID
        } else {
            let chosen = try current.chooseTickets(fromLabels, performanceID: fromPerformanceID, option: "--from-performance")
            let own = Set(chosen.map(\.performanceID))
            guard own.count <= 1 else {
                throw BookingError.invalidInput("Booking \(current.reference)'s tickets to move are for performances \(own.sorted().map(String.init).joined(separator: " and ")): name the performance to move them to with --performance.")
            }
            targetID = own.first ?? current.performanceID
        }
        let context = try store.bookingContext(performanceID: targetID)
        let performance = context.performance
        guard performance.isOnSale() else { throw BookingError.performanceNotOnSale(performance) }
        let seats = try resolveSeats(toLabels, performance: performance, layoutVersion: context.layoutVersion)
        let prices = try store.priceList(theaterID: performance.theaterID, performanceID: performance.id)
        let request = ExchangeRequest(reference: reference, fromLabels: fromLabels, toPerformanceID: targetID, toSeats: seats,
                                      prices: prices, payments: payments, details: details, refund: refund,
                                      fromPerformanceID: fromPerformanceID, holdbackCode: holdbackCode)
        let labels = seats.map(\.label)
        var warnings: [String] = []
        var leased: [String] = []
        do {
            leased = try holds.hold(performanceID: targetID, labels: labels, clerk: clerk, ttlMs: HoldTiming.leaseMs, mode: .lease,
                                    failFast: true).newlyHeld
        } catch BookingError.holdsUnavailable(let why) {
            warnings.append("Holds are offline (\(why)): other clerks' holds could not be checked. The exchange stands on the database alone.")
        } catch let error as BookingError {
            throw whoHas(error, performanceID: targetID, seats: seats)
        }
        let result: ExchangeResult
        do {
            result = try store.exchange(request, actor: clerk, beforeCommit: {
                try self.confirmHolds(performanceID: targetID, labels: labels, leased: warnings.isEmpty)
            })
        } catch {
            if !leased.isEmpty { _ = try? holds.release(performanceID: targetID, labels: leased, clerk: clerk, scope: .clerk) }
            throw error
        }
        if warnings.isEmpty {
            _ = try? holds.release(performanceID: targetID, labels: labels, clerk: clerk, scope: .clerk, announcing: .book,
                                   reference: result.order.reference)
        }
        for group in result.freedByPerformance {
            try? holds.notify(performanceID: group.performanceID, kind: .cancel, labels: group.labels, clerk: clerk,
                              reference: result.order.reference)
        }
        return (result, warnings)
    }
}
