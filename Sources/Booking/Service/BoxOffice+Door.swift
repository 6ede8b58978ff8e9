import Foundation

/// Tickets printed, receipts, and the door: what the CLI's `ticket`, `receipt`, `checkin` and `door` ask for.
extension BoxOffice {
    /// One scan at the door. A code that fails its check is refused here, before the database is asked.
    public func checkin(_ text: String, performanceID: Int64?) throws -> CheckinOutcome {
        let code: TicketCode
        do { code = try TicketCode.parse(text) } catch { return .refused(.badCode(text: text, problem: error)) }
        if let performanceID { _ = try store.performance(id: performanceID) }
        return try store.checkin(code, performanceID: performanceID, actor: clerk)
    }

    public func doorCount(performanceID: Int64) throws -> (performance: Performance, count: DoorCount) {
        (try store.performance(id: performanceID), try store.doorCount(performanceID: performanceID))
    }

    /// The booking's active tickets as they are printed.
    public func printableTickets(reference: String) throws -> (order: Order, tickets: [PrintableTicket]) {
        expireDueReservations()
        return try store.printableTickets(reference: reference)
    }

    /// Counts a print of the booking's tickets (made after they rendered) in the audit log; returns which print it
    /// was: 1 the first, 2 the first reprint, …
    public func recordPrint(_ order: Order, format: String) throws -> Int {
        try store.recordPrint(reference: order.reference, performanceID: order.performanceID,
                              seats: order.tickets.filter { $0.status == .active }.map(\.label), format: format, actor: clerk)
    }

    /// What a receipt needs: the booking with its ledger, and the performance it is for.
    public func receipt(reference: String) throws -> (order: Order, performance: Performance) {
        let order = try order(reference: reference)
        return (order, try store.performance(id: order.performanceID))
    }
}
