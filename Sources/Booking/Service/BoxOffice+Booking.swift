import Foundation

extension BoxOffice {
    public struct BookingOutcome: Sendable {
        public var order: Order
        /// True when the same idempotency key had already booked these seats: nothing new was booked.
        public var replay: Bool
        /// Things the clerk should know that did not stop the booking (holds offline).
        public var warnings: [String]

        public init(order: Order, replay: Bool, warnings: [String]) {
            self.order = order
            self.replay = replay
            self.warnings = warnings
        }
    }

    /// Books seats that are free or held by this clerk, all or none. The Redis lease keeps other clerks from
    /// holding the seats while SQLite commits; the unique index decides any race that gets past it.
    public func book(performanceID: Int64, labels: [String], customerName: String? = nil, customerContact: String? = nil,
                     idempotencyKey: String? = nil, terms: SaleTerms = SaleTerms(), holdbackCode: String? = nil) throws -> BookingOutcome {
        let (name, contact, key) = try Self.bookingTexts(customerName, customerContact, idempotencyKey)
        if store.leasesInBatches {
            // A blocking caller of a box office with group commit: the same batch booking as the async `book`, waited for.
            let finished = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var result: Result<SQLiteStore.BatchBooked, Error>?
            bookInBatch(performanceID: performanceID, labels: labels, name: name, contact: contact, key: key, terms: terms,
                        holdbackCode: holdbackCode) { result = $0; finished.signal() }
            finished.wait()
            return try outcome(of: result!, performanceID: performanceID)
        }
        // One read: the performance, its layout version (the cached layout stands if unchanged) and the key's use.
        let context = try store.bookingContext(performanceID: performanceID, idempotencyKey: key)
        let performance = context.performance
        let seats = try resolveSeats(labels, performance: performance, layoutVersion: context.layoutVersion)
        let tickets = try priceTickets(seats, performance: performance, terms: terms, reads: store)
        let payments = try planSale(tickets, terms: terms)
        let request = BookingRequest(performanceID: performanceID, seats: seats, customerName: name,
                                     customerContact: contact, idempotencyKey: key, tickets: tickets, payments: payments,
                                     collectBy: terms.unpaidUntil, holdbackCode: holdbackCode)

        if key != nil, context.keyUsed {
            // A replay touches no holds: the store answers with the original booking, or refuses other seats.
            let result = try store.book(request, actor: clerk)
            return BookingOutcome(order: result.order, replay: result.replay, warnings: [])
        }
        guard performance.isOnSale() else { throw BookingError.performanceNotOnSale(performance) }
        let labelsInOrder = seats.map(\.label)
        var warnings: [String] = []
        var leased: [String] = []
        var deadline: ContinuousClock.Instant?
        func takeLease(failFast: Bool) throws {
            let start = ContinuousClock.now
            let lease: (version: Int64, newlyHeld: [String])
            do {
                lease = try holds.hold(performanceID: performanceID, labels: labelsInOrder, clerk: clerk,
                                       ttlMs: HoldTiming.leaseMs, mode: .lease, failFast: failFast)
            } catch let error as BookingError {
                throw whoHas(error, performanceID: performanceID, seats: seats)
            }
            leased = lease.newlyHeld
            deadline = start + .milliseconds(HoldTiming.leaseMs - HoldTiming.leaseMarginMs)
        }
        do {
            try takeLease(failFast: true)
        } catch BookingError.holdsUnavailable(let why) {
            warnings.append(Self.holdsOfflineWarning(why))
            logger.info("booking without holds", metadata: ["why": "\(why)"])
        }

        let result: (order: Order, replay: Bool)
        do {
            result = try store.book(request, actor: clerk, beforeWrite: {
                // Redis did not answer when the booking began; it may be back by now (the write lock can take a while),
                // with another clerk's hold on a seat. Take the lease inside the transaction, before the booking's time
                // is stamped, so that from here to the commit no other clerk can hold these seats.
                guard deadline == nil else { return }
                do {
                    try takeLease(failFast: false)
                    warnings = []
                } catch BookingError.holdsUnavailable {
                    return
                }
            }, beforeCommit: {
                if let deadline, ContinuousClock.now > deadline { throw BookingError.holdLapsed(labels: labelsInOrder) }
                try self.confirmHolds(performanceID: performanceID, labels: labelsInOrder, leased: deadline != nil)
            })
        } catch {
            if !leased.isEmpty {
                _ = try? holds.release(performanceID: performanceID, labels: leased, clerk: clerk, scope: .clerk)
            }
            throw error
        }
        if deadline != nil || !warnings.isEmpty {
            do {
                try holds.release(performanceID: performanceID, labels: labelsInOrder, clerk: clerk, scope: .clerk,
                                  announcing: .book, reference: result.order.reference)
            } catch {
                // Without a lease the caller already has "Holds are offline" among the warnings: saying it again for
                // every booking (six times in `init --demo` without Redis) tells nobody anything new.
                if deadline != nil {
                    logger.warning("booked, but could not clear holds", metadata: ["error": "\(error)"])
                } else {
                    logger.debug("booked without holds; none cleared", metadata: ["error": "\(error)"])
                }
            }
        }
        return BookingOutcome(order: result.order, replay: result.replay, warnings: warnings)
    }

    /// A booking's customer name, contact and idempotency key, trimmed (nil when blank), or the refusal naming which.
    static func bookingTexts(_ name: String?, _ contact: String?, _ key: String?) throws -> (String?, String?, String?) {
        (try optionalText(name, field: "customer name", maxLength: SafeText.maxCustomerName),
         try optionalText(contact, field: "phone or email", maxLength: 120),
         try optionalText(key, field: "idempotency key", maxLength: 128))
    }

    static func holdsOfflineWarning(_ why: String) -> String {
        "Holds are offline (\(why)): other clerks' holds could not be checked. The booking stands on the database alone."
    }

    /// Asked again inside the booking's transaction, after its time is stamped and just before it commits: since the
    /// lease was taken Redis may have restarted empty (the lease is gone, and another clerk may hold a seat now), or,
    /// for a booking going ahead without holds, Redis may be back with another clerk's hold on a seat. Either way the
    /// booking must not commit over that hold. Still unreachable: a lease taken is lost (refused, try again); without
    /// a lease the database alone decides, as the clerk was warned.
    func confirmHolds(performanceID: Int64, labels: [String], leased: Bool) throws {
        let owners: [(clerk: String, msLeft: Int)?]
        do {
            owners = try holds.holders(performanceID: performanceID, labels: labels)
        } catch {
            if leased { throw BookingError.holdLapsed(labels: labels) }
            return
        }
        for (label, owner) in zip(labels, owners) {
            if let owner, owner.clerk != clerk.holder {
                throw BookingError.heldByOther(label: label, clerk: owner.clerk, expiresInMs: owner.msLeft)
            }
            if leased && owner == nil { throw BookingError.holdLapsed(labels: [label]) }
        }
    }

    public struct CancelOutcome: Sendable {
        public var order: Order
        public var alreadyCancelled: Bool
        /// The money given back, per method: the clerk hands back the cash and refunds the card, so must be told.
        public var refunds: [PlannedPayment]
        /// The seats given up, by performance (a partial cancel's, or every one of a whole booking's).
        public var freedByPerformance: [(performanceID: Int64, labels: [String])]

        public init(order: Order, alreadyCancelled: Bool, refunds: [PlannedPayment] = [],
                    freedByPerformance: [(performanceID: Int64, labels: [String])] = []) {
            self.order = order
            self.alreadyCancelled = alreadyCancelled
            self.refunds = refunds
            self.freedByPerformance = freedByPerformance
        }
    }

    /// Cancels a booking and frees its seats (or, with `labels`, only those tickets of `performanceID`, as
    /// `cancel <ref> --seats` does). Cancelling a cancelled booking whole twice is not an error.
    public func cancel(reference: String, seats labels: [String]? = nil, of performanceID: Int64? = nil) throws -> CancelOutcome {
        let result = try cancel(reference: reference, labels: labels, performanceID: labels == nil ? nil : performanceID)
        return CancelOutcome(order: result.order, alreadyCancelled: result.alreadyCancelled, refunds: result.refunds,
                             freedByPerformance: result.freedByPerformance)
    }

    public func find(_ text: String) throws -> [Order] {
        if let problem = SafeText.problem(in: text, field: "search text", maxLength: 120) { throw BookingError.invalidInput(problem) }
        expireDueReservations()
        return try store.find(text)
    }

    public func order(reference: String) throws -> Order {
        expireDueReservations()
        guard let order = try store.order(reference: reference) else { throw BookingError.unknownBooking(reference) }
        return order
    }

    public func block(performanceID: Int64, labels: [String], reason: String) throws -> [Seat] {
        let why = try Self.requiredText(reason, field: "reason", maxLength: 200, whenEmpty: "Say why the seats are blocked (--reason).")
        let seats = try resolveSeats(labels, performanceID: performanceID)
        try store.block(performanceID: performanceID, seats: seats, reason: why, actor: clerk)
        try? holds.notify(performanceID: performanceID, kind: .block, labels: seats.map(\.label), clerk: clerk)
        return seats
    }

    public func unblock(performanceID: Int64, labels: [String]) throws -> [Seat] {
        let seats = try resolveSeats(labels, performanceID: performanceID)
        try store.unblock(performanceID: performanceID, seats: seats, actor: clerk)
        try? holds.notify(performanceID: performanceID, kind: .unblock, labels: seats.map(\.label), clerk: clerk)
        return seats
    }

    /// The text trimmed; refuses it blank (saying `whenEmpty`), with control characters, or over-long.
    static func requiredText(_ text: String, field: String, maxLength: Int, whenEmpty: String) throws -> String {
        guard let trimmed = try optionalText(text, field: field, maxLength: maxLength) else {
            throw BookingError.invalidInput(whenEmpty)
        }
        return trimmed
    }

    /// nil for absent or blank; refuses control characters and over-long text.
    static func optionalText(_ text: String?, field: String, maxLength: Int) throws -> String? {
        guard let text else { return nil }
        let trimmed = SafeText.trimmingSpaces(text)
        if trimmed.isEmpty { return nil }
        if let problem = SafeText.problem(in: trimmed, field: field, maxLength: maxLength) {
            throw BookingError.invalidInput(problem)
        }
        return trimmed
    }
}
