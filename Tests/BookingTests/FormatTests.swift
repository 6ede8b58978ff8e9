import Booking
import Foundation
import XCTest

/// Times as clerks read them, written from the C library's local time: the text a DateFormatter in en_GB_POSIX writes,
/// in several time zones (daylight saving, half-hour offsets), every few hours over two years.
final class FormatTests: XCTestCase {
    func testTimesAreWhatADateFormatterWrites() throws {
        let saved = getenv("TZ").map { String(cString: $0) }
        defer {
            if let saved { setenv("TZ", saved, 1) } else { unsetenv("TZ") }
            tzset()
        }
        for zone in ["UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"] {
            setenv("TZ", zone, 1)
            tzset()
            let start = DateFormatter(), stamp = DateFormatter()
            for (f, pattern) in [(start, "EEE d MMM yyyy HH:mm"), (stamp, "yyyy-MM-dd HH:mm:ss")] {
                f.locale = Locale(identifier: "en_GB_POSIX")
                f.timeZone = try XCTUnwrap(TimeZone(identifier: zone))
                f.dateFormat = pattern
            }
            var t = 1_767_225_600.0  // 2026-01-01 00:00:00 UTC
            while t < 1_830_297_600 {  // 2028-01-01
                let date = Date(timeIntervalSince1970: t)
                XCTAssertEqual(Format.startTime(date), start.string(from: date), "\(zone) \(t)")
                XCTAssertEqual(Format.timestamp(date), stamp.string(from: date), "\(zone) \(t)")
                t += 3 * 3_600 + 1_337.25
            }
        }
        XCTAssertEqual(Format.startTime(nil), "open-ended")
    }
}
