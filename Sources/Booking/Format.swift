import Foundation

/// How times, durations and money read to a clerk, in one place.
public enum Format {
    public static func money(cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let c = abs(cents)
        let pence = c % 100  // two digits without String(format:), which cost a booking 13k instructions
        return "\(sign)£\(c / 100).\(pence < 10 ? "0" : "")\(pence)"
    }

    public static func duration(ms: Int) -> String {
        let s = max(0, (ms + 999) / 1000)
        return s >= 60 ? "\(s / 60):\(String(format: "%02d", s % 60))" : "\(s)s"
    }

    public static func startTime(_ date: Date?) -> String {
        guard let date else { return "open-ended" }
        return localFormatter("EEE d MMM yyyy HH:mm").string(from: date)
    }

    public static func timestamp(_ date: Date) -> String {
        localFormatter("yyyy-MM-dd HH:mm:ss").string(from: date)
    }

    /// Parses `YYYY-MM-DD HH:MM` (local time), as `performances add --starts` takes it.
    public static func parseStart(_ text: String) -> Date? {
        let f = localFormatter("yyyy-MM-dd HH:mm")
        f.isLenient = false
        return f.date(from: text.trimmingCharacters(in: .whitespaces))
    }

    private static func localFormatter(_ pattern: String) -> DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB_POSIX")
        f.timeZone = TimeZone.current
        f.dateFormat = pattern
        return f
    }
}
