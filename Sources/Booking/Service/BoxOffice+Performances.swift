import Foundation

/// Performances: a run added in one go, closed and reopened, cancelled for good with the bookings to contact.
extension BoxOffice {
    /// Adds one performance, or a run (`repeat` daily or weekly up to the day `until`), in one transaction.
    public func addPerformances(theater: Theater, title: String, firstStart: Date, repeat rule: PerformanceRun.Repeat? = nil,
                                until: Date? = nil, salesCloseMinutes: Int = Performance.defaultSalesCloseMinutes) throws -> [Performance] {
        let trimmed = try Self.requiredText(title, field: "title", maxLength: 120, whenEmpty: "The title is empty.")
        guard (0...24 * 60).contains(salesCloseMinutes) else {
            throw BookingError.invalidInput("Sales close 0 to 1440 minutes after the start (it was \(salesCloseMinutes)).")
        }
        let starts = try PerformanceRun.starts(first: firstStart, repeat: rule, until: until)
        let ids = try store.addPerformances(theaterID: theater.id, title: trimmed, starts: starts,
                                            salesCloseMinutes: salesCloseMinutes, actor: clerk)
        return try ids.map { try store.performance(id: $0) }
    }

    /// Stops sales (bookings stay); `on_sale` becomes false until reopened.
    public func closePerformance(id: Int64, reason: String? = nil) throws -> Performance {
        let why = try Self.optionalText(reason, field: "reason", maxLength: 200)
        try store.setClosed(performanceID: id, closed: true, reason: why, actor: clerk)
        return try store.performance(id: id)
    }

    public func reopenPerformance(id: Int64) throws -> Performance {
        try store.setClosed(performanceID: id, closed: false, reason: nil, actor: clerk)
        return try store.performance(id: id)
    }

    /// Stops sales for good and returns every active booking, with its contact details, for the box office to contact
    /// and refund (the bookings stay until refunded).
    public func cancelPerformance(id: Int64, reason: String) throws -> (performance: Performance, bookings: [Order], alreadyCancelled: Bool) {
        guard let why = try Self.optionalText(reason, field: "reason", maxLength: 200) else {
            throw BookingError.invalidInput("Say why the performance is cancelled (--reason); customers will ask.")
        }
        let result = try store.cancelPerformance(performanceID: id, reason: why, actor: clerk)
        return (try store.performance(id: id), result.orders, result.alreadyCancelled)
    }
}
