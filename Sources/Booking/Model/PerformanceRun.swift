import Foundation

/// A run of a show: one start, or one every day or every week up to a last date. Pure.
public enum PerformanceRun {
    public enum Repeat: String, Sendable, CaseIterable { case daily, weekly }

    /// A run longer than this is a typing mistake (a year of nightly shows is 366).
    public static let maxPerformances = 400

    /// The starts from `first`, every day or week, while on or before the day `until` (local time), keeping the
    /// clock time across daylight-saving changes.
    public static func starts(first: Date, repeat rule: Repeat?, until: Date?, calendar: Calendar = .current) throws -> [Date] {
        guard let rule else {
            if until != nil { throw BookingError.invalidInput("--until goes with --repeat daily or weekly.") }
            return [first]
        }
        guard let until else { throw BookingError.invalidInput("--repeat \(rule.rawValue) needs --until YYYY-MM-DD, the day of the last performance.") }
        let lastDay = calendar.startOfDay(for: until)
        guard calendar.startOfDay(for: first) <= lastDay else {
            throw BookingError.invalidInput("--until is before the first performance.")
        }
        var result: [Date] = []
        var step = 0
        while true {
            guard let next = calendar.date(byAdding: rule == .daily ? .day : .weekOfYear, value: step, to: first) else { break }
            if calendar.startOfDay(for: next) > lastDay { break }
            result.append(next)
            step += 1
            if result.count > maxPerformances {
                throw BookingError.invalidInput("That run has more than \(maxPerformances) performances; add it in parts.")
            }
        }
        return result
    }
}
