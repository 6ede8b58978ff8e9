import Foundation

/// The HTTP server's bookings (group commit): each one is done whole on the batch's writer thread, inside the batch's
/// transaction (reads, pricing, the lease, the writes), and the caller waits for its batch without a thread of its
/// own. Reading and pricing on a pool thread first, then waiting there for the batch, cost two thread hops, a reader
/// from the pool and a read transaction per read: about half the server's CPU per booking (perf under wrk).
extension BoxOffice {
    /// `book` for a box office with group commit (the HTTP server), awaited: the same booking, its refusals and replays
    /// as the blocking `book`.
    public func book(performanceID: Int64, labels: [String], customerName: String? = nil, customerContact: String? = nil,
                     idempotencyKey: String? = nil, terms: SaleTerms = SaleTerms(), holdbackCode: String? = nil) async throws -> BookingOutcome {
        guard store.leasesInBatches else {
            // Without group commit, the blocking `book` (called from a synchronous closure, which picks it).
            let blocking = { () throws -> BookingOutcome in
                try self.book(performanceID: performanceID, labels: labels, customerName: customerName, customerContact: customerContact,
                              idempotencyKey: idempotencyKey, terms: terms, holdbackCode: holdbackCode)
            }
            return try blocking()
        }
        let (name, contact, key) = try Self.bookingTexts(customerName, customerContact, idempotencyKey)
        // Resumed exactly once, by the batch's `finished` (GroupCommit calls it for every job, committed or not).
        let result = await withUnsafeContinuation { continuation in
            bookInBatch(performanceID: performanceID, labels: labels, name: name, contact: contact, key: key, terms: terms,
                        holdbackCode: holdbackCode) { continuation.resume(returning: $0) }
        }
        return try outcome(of: result, performanceID: performanceID)
    }

    /// Queues the booking for the next batch; `done` is called on the group commit's settling queue.
    func bookInBatch(performanceID: Int64, labels: [String], name: String?, contact: String?, key: String?, terms: SaleTerms,
                     holdbackCode: String?, done: @escaping (Result<SQLiteStore.BatchBooked, Error>) -> Void) {
        store.bookInBatch(actor: clerk, prepare: { reads in
            // One read: the performance, its layout version (the cached layout stands if unchanged) and the key's use.
            let context = try reads.bookingContext(performanceID: performanceID, idempotencyKey: key)
            let performance = context.performance
            let seats = try self.resolveSeats(labels, performance: performance, layoutVersion: context.layoutVersion, reads: reads)
            let tickets = try self.priceTickets(seats, performance: performance, terms: terms, reads: reads)
            let payments = try self.planSale(tickets, terms: terms)
            let request = BookingRequest(performanceID: performanceID, seats: seats, customerName: name, customerContact: contact,
                                         idempotencyKey: key, tickets: tickets, payments: payments, collectBy: terms.unpaidUntil,
                                         holdbackCode: holdbackCode)
            // A replay touches no holds: the store answers with the original booking, or refuses other seats.
            if key != nil, context.keyUsed { return (request, nil) }
            guard performance.isOnSale() else { throw BookingError.performanceNotOnSale(performance) }
            return (request, LeaseRequest(performanceID: performanceID, labels: seats.map(\.label), holder: self.clerk.holder,
                                          session: self.clerk.session))
        }, done: done)
    }

    /// A batch booking's result for the caller, on the caller's thread: the seats still available are listed for an
    /// unknown seat here, never on the group commit's threads, which every other booking waits for.
    func outcome(of result: Result<SQLiteStore.BatchBooked, Error>, performanceID: Int64) throws -> BookingOutcome {
        let booked: SQLiteStore.BatchBooked
        do {
            booked = try result.get()
        } catch let unknown as UnknownSeats {
            throw try unknownSeats(unknown.labels, performanceID: performanceID)
        }
        var warnings: [String] = []
        if let why = booked.offline {
            warnings.append(Self.holdsOfflineWarning(why))
            logger.info("booking without holds", metadata: ["why": "\(why)"])
        }
        return BookingOutcome(order: booked.order, replay: booked.replay, warnings: warnings)
    }
}
