import Foundation

/// The times a report is asked for: `2026-11-30` (midnight, local), `2026-11-30 18:00`, or `18:00` (today).
public enum ReportWindow {
    public static func parse(_ text: String, field: String, now: Date = Date(), calendar: Calendar = .current) throws -> Date {
        let t = text.trimmingCharacters(in: .whitespaces)
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB_POSIX")
        f.timeZone = calendar.timeZone
        f.isLenient = false
        for pattern in ["yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"] {
            f.dateFormat = pattern
            if let d = f.date(from: t) { return d }
        }
        f.dateFormat = "HH:mm"
        if let clock = f.date(from: t) {
            let parts = calendar.dateComponents([.hour, .minute], from: clock)
            if let d = calendar.date(bySettingHour: parts.hour!, minute: parts.minute!, second: 0, of: now) { return d }
        }
        throw BookingError.invalidInput("\(field) \"\(SafeText.display(t, limit: 30))\" is not a time: write 2026-11-30, 2026-11-30 18:00 or 18:00.")
    }

    public static func startOfToday(now: Date = Date(), calendar: Calendar = .current) -> Date { calendar.startOfDay(for: now) }

    /// The local day of a moment, as the sales report groups by it.
    public static func day(_ date: Date, calendar: Calendar = .current) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }
}
