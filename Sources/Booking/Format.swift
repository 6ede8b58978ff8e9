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

    /// `Mon 30 Nov 2026 19:30`, in local time.
    public static func startTime(_ date: Date?) -> String {
        guard let date else { return "open-ended" }
        let t = local(date)
        return "\(weekdays[Int(t.tm_wday)]) \(t.tm_mday) \(months[Int(t.tm_mon)]) \(year(t)) \(two(t.tm_hour)):\(two(t.tm_min))"
    }

    /// `2026-11-30 19:30:05`, in local time.
    public static func timestamp(_ date: Date) -> String {
        let t = local(date)
        return "\(year(t))-\(two(t.tm_mon + 1))-\(two(t.tm_mday)) \(two(t.tm_hour)):\(two(t.tm_min)):\(two(t.tm_sec))"
    }

    // What a DateFormatter in the en_GB_POSIX locale writes for EEE, MMM, yyyy, HH, mm and ss, from the C library's
    // local time (TZ, else /etc/localtime, as TimeZone.current): a DateFormatter's first use loaded ICU's locale and
    // calendar data, 2.7 M instructions (6 % of a seat table). FormatTests compares the two.
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func local(_ date: Date) -> tm {
        // To the millisecond first, as a DateFormatter does: 12:00:00.9996 reads 12:00:01, not 12:00:00.
        var seconds = time_t(((date.timeIntervalSince1970 * 1000).rounded() / 1000).rounded(.down))
        var t = tm()
        localtime_r(&seconds, &t)
        return t
    }

    private static func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }

    private static func year(_ t: tm) -> String {
        let y = Int(t.tm_year) + 1900
        return y >= 1000 ? "\(y)" : String(repeating: "0", count: 4 - "\(max(y, 0))".count) + "\(max(y, 0))"
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
