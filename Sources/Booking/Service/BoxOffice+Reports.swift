import Foundation

/// The box office's reports: a clerk's shift, a performance, sales over a period.
extension BoxOffice {
    /// Per clerk (or one clerk's) from `since` (default: the start of today) to `until` (default: now).
    public func shiftReport(clerk: String?, since: Date?, until: Date?, floatCents: Int, countedCents: Int?)
        throws -> (shifts: [ClerkShift], since: Date, until: Date) {
        let now = Date()
        let from = since ?? ReportWindow.startOfToday(now: now), to = until ?? now.addingTimeInterval(0.001)
        guard from < to else { throw BookingError.invalidInput("--since \(Format.timestamp(from)) is not before --until \(Format.timestamp(to)).") }
        let facts = try store.shiftFacts(since: from, until: to, clerk: clerk)
        return (ShiftReport.build(facts, floatCents: floatCents, countedCents: countedCents), from, to)
    }

    public func performanceReport(id: Int64) throws -> PerformanceReport {
        expireDueReservations()
        return try store.performanceReport(id: id)
    }

    /// Days `from` through `to` (whole local days).
    public func salesReport(from: Date, to: Date) throws -> SalesReport {
        let calendar = Calendar.current
        let start = calendar.startOfDay(for: from)
        guard let end = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: to)), start < end else {
            throw BookingError.invalidInput("--from \(ReportWindow.day(from)) is after --to \(ReportWindow.day(to)).")
        }
        let facts = try store.salesFacts(from: start, until: end)
        return SalesReport.build(facts, from: ReportWindow.day(start), to: ReportWindow.day(to))
    }

    /// Money as this box office writes it (its currency).
    public func formatMoney(_ cents: Int) -> String { Money.format(cents, currency) }

    public func parseMoney(_ text: String, field: String) throws -> Int { try Money.parse(text, field: field, currency: currency) }
}
