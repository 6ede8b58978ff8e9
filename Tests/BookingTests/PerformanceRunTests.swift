import Booking
import Foundation
import XCTest

/// Runs of performances (pure), sales closing after the start, and close / reopen / cancel against real SQLite.
final class PerformanceRunTests: XCTestCase {
    private let calendar: Calendar = { var c = Calendar(identifier: .gregorian); c.timeZone = TimeZone(identifier: "Europe/London")!; return c }()

    private func date(_ text: String) -> Date {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB_POSIX")
        f.timeZone = calendar.timeZone
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.date(from: text)!
    }

    func testDailyAndWeeklyRunsKeepTheClockTimeAcrossDaylightSaving() throws {
        let daily = try PerformanceRun.starts(first: date("2027-03-26 19:30"), repeat: .daily, until: date("2027-03-29 00:00"), calendar: calendar)
        XCTAssertEqual(daily, ["2027-03-26 19:30", "2027-03-27 19:30", "2027-03-28 19:30", "2027-03-29 19:30"].map(date))
        let weekly = try PerformanceRun.starts(first: date("2027-01-04 14:00"), repeat: .weekly, until: date("2027-01-24 00:00"), calendar: calendar)
        XCTAssertEqual(weekly.count, 3)
        XCTAssertEqual(try PerformanceRun.starts(first: date("2027-01-04 14:00"), repeat: nil, until: nil, calendar: calendar).count, 1)
        XCTAssertThrowsError(try PerformanceRun.starts(first: date("2027-01-04 14:00"), repeat: .daily, until: nil, calendar: calendar))
        XCTAssertThrowsError(try PerformanceRun.starts(first: date("2027-01-04 14:00"), repeat: .daily, until: date("2027-01-01 00:00"), calendar: calendar))
        XCTAssertThrowsError(try PerformanceRun.starts(first: date("2027-01-04 14:00"), repeat: .daily, until: date("2029-01-01 00:00"), calendar: calendar))
    }

    func testSalesStayOpenUntilThirtyMinutesAfterTheStart() {
        let start = Date(timeIntervalSince1970: 1_000_000)
        let p = Performance(id: 1, theaterID: 1, theaterName: "T", title: "t", startsAt: start)
        XCTAssertTrue(p.isOnSale(at: start.addingTimeInterval(29 * 60)))
        XCTAssertFalse(p.isOnSale(at: start.addingTimeInterval(31 * 60)))
        var late = p
        late.salesCloseMinutes = 60
        XCTAssertTrue(late.isOnSale(at: start.addingTimeInterval(45 * 60)))
        var closed = p
        closed.closedAt = start
        XCTAssertFalse(closed.isOnSale(at: start.addingTimeInterval(-3600)))
        XCTAssertEqual(closed.status(at: start), "closed")
    }

    func testCloseReopenCancelListsBookingsWithContacts() throws {
        let venue = try TestVenue()
        defer { venue.remove() }
        let box = try venue.box("manager")
        let order = try box.book(performanceID: venue.performanceID, labels: ["A1", "A2"], customerName: "Ada", customerContact: "ada@example.org").order
        XCTAssertFalse(try box.closePerformance(id: venue.performanceID).isOnSale())
        XCTAssertThrowsError(try box.book(performanceID: venue.performanceID, labels: ["A3"])) {
            guard case BookingError.performanceNotOnSale = $0 else { return XCTFail("\($0)") }
        }
        XCTAssertTrue(try box.reopenPerformance(id: venue.performanceID).isOnSale())
        let cancelled = try box.cancelPerformance(id: venue.performanceID, reason: "Flood")
        XCTAssertFalse(cancelled.alreadyCancelled)
        XCTAssertEqual(cancelled.bookings.map(\.reference), [order.reference])
        XCTAssertEqual(cancelled.bookings.first?.customerContact, "ada@example.org")
        XCTAssertEqual(cancelled.performance.status(), "cancelled")
        XCTAssertFalse(try box.order(reference: order.reference).isCancelled, "bookings stay until refunded")
        XCTAssertThrowsError(try box.reopenPerformance(id: venue.performanceID), "cancelled is for good")
        XCTAssertTrue(try box.cancelPerformance(id: venue.performanceID, reason: "again").alreadyCancelled)
        XCTAssertThrowsError(try box.cancelPerformance(id: venue.performanceID, reason: " "))

        let theater = try box.resolveTheater(String(venue.theaterID))
        let run = try box.addPerformances(theater: theater, title: "Tour", firstStart: Date().addingTimeInterval(86_400),
                                          repeat: .daily, until: Date().addingTimeInterval(3 * 86_400))
        XCTAssertEqual(run.count, 3)
        XCTAssertEqual(Set(run.map(\.title)), ["Tour"])
    }
}
