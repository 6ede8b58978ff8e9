import Booking
import XCTest

final class PureTests: XCTestCase {
    private func map(_ rows: [String]) -> SeatMap {
        // "." free, "x" booked, " " no seat (aisle)
        var seats: [Seat] = [], states: [SeatState] = []
        for (y, row) in rows.enumerated() {
            var n = 0
            for (x, ch) in row.enumerated() where ch != " " {
                n += 1
                seats.append(Seat(id: Int64(seats.count + 1), theaterID: 1, label: "R\(y)-\(n)", row: "R\(y)", number: n, x: x, y: y,
                                  section: "S", priceBand: "A", priceCents: 100))
                states.append(ch == "x" ? .booked(reference: "ABCDEF") : .free)
            }
        }
        let p = Performance(id: 1, theaterID: 1, theaterName: "T", title: "t", startsAt: nil)
        return SeatMap(performance: p, seats: seats, states: states, version: 0, holdsOnline: true)
    }

    func testBestAvailablePrefersTheCentreAndStaysInOneRun() {
        let m = map(["..........", "..........", ".........."])
        let chosen = BestAvailable.choose(2, in: m)!
        XCTAssertEqual(chosen.map { m.seats[$0].x }, [4, 5])
    }

    func testBestAvailableNeverLeavesASingleSeat() {
        // x . . . . . x: three of the five free seats, never the middle three (that strands one on each side).
        let m = map(["x.....x"])
        let xs = BestAvailable.choose(3, in: m)!.map { m.seats[$0].x }
        XCTAssertTrue(xs == [1, 2, 3] || xs == [3, 4, 5], "\(xs)")
        XCTAssertNotNil(BestAvailable.choose(3, in: map(["x....x"])), "any three of four strand one: sold anyway (BestAvailableTests)")
        let tight = map(["x...x.x"])
        XCTAssertEqual(BestAvailable.choose(3, in: tight)?.map { tight.seats[$0].x }, [1, 2, 3], "fills a gap exactly")
        XCTAssertNotNil(BestAvailable.choose(2, in: map(["x...x"])), "any pair of three leaves a single: sold anyway")
    }

    func testBestAvailableDoesNotCrossAnAisle() {
        let m = map([".. .."])
        XCTAssertNil(BestAvailable.choose(3, in: m))
        XCTAssertNil(BestAvailable.choose(0, in: m))
    }

    func testSafeTextRefusesControlsAndInvisibles() {
        for bad in ["a\u{1B}b", "a\u{7}", "a\u{85}", "\u{202E}x", "x\u{200D}y", "\u{2066}", "\u{FEFF}"] {
            XCTAssertNotNil(SafeText.problem(in: bad, field: "name", maxLength: 50), bad.debugDescription)
        }
        for good in ["Ann O'Neil", "Zoë", "山田 太郎", "Jean-Luc Picard"] {
            XCTAssertNil(SafeText.problem(in: good, field: "name", maxLength: 50), good)
        }
        XCTAssertEqual(SafeText.display("a\u{1B}[31mb"), "a?[31mb")
        XCTAssertNotNil(SafeText.problem(in: String(repeating: "a", count: 51), field: "name", maxLength: 50))
    }

    func testSeatLabels() {
        XCTAssertEqual(SeatLabel.parse("C12")?.row, "C")
        XCTAssertEqual(SeatLabel.parse("AA3")?.number, 3)
        for bad in ["12", "C", "C0", "C012", "ABCD1", "C12345", "c12", "C-1"] { XCTAssertNil(SeatLabel.parse(bad), bad) }
        XCTAssertEqual(SeatLabel.rowIndex("A"), 0)
        XCTAssertEqual(SeatLabel.rowIndex("AA"), 26)
    }

    /// The clerk's name is trimmed without Foundation (start-up time): exactly as `trimmingCharacters(in: .whitespaces)`.
    func testTrimmingSpacesIsFoundationsWhitespaceTrim() {
        let samples = ["", " ", "\t", "  ana  ", "\tana\t", "\u{A0}ana\u{3000}", "\u{2009}Zoë Ångström\u{202F}", "ana\n",
                       "\nana", " a b ", "\u{200B}ana", "鈴木 花子", " \u{1F3AD} ", "a\u{301} ", "\u{1680}\u{2000}\u{200A}a\u{205F}", "\u{200C}a\u{180E}"]
        for text in samples {
            XCTAssertEqual(SafeText.trimmingSpaces(text), text.trimmingCharacters(in: .whitespaces), text.debugDescription)
        }
    }

    func testMoneyAndDurations() {
        XCTAssertEqual(Format.money(cents: 5500), "£55.00")
        XCTAssertEqual(Format.money(cents: 5), "£0.05")
        XCTAssertEqual(Format.duration(ms: 299_001), "5:00")
        XCTAssertEqual(Format.duration(ms: 9_000), "9s")
    }

    func testRedisURLs() throws {
        let tcp = try RedisEndpoint(url: "redis://:s3cret@example.org:6380/2")
        XCTAssertEqual(tcp.address, .tcp(host: "example.org", port: 6380))
        XCTAssertEqual(tcp.password, "s3cret")
        XCTAssertEqual(tcp.database, 2)
        XCTAssertFalse(tcp.description.contains("s3cret"), "never print the password")
        XCTAssertEqual(try RedisEndpoint(url: "unix:///run/redis.sock").address, .unix(path: "/run/redis.sock"))
        XCTAssertThrowsError(try RedisEndpoint(url: "http://x"))
    }

    func testReservationTimeoutMustBePositive() {
        for bad in ["0", "-5", "abc", "1e9", ""] where !bad.isEmpty {
            XCTAssertThrowsError(try Settings.parseTTL(bad, source: "RESERVATION_TIMEOUT"), bad)
        }
        XCTAssertEqual(try Settings.parseTTL("2", source: "x"), 2)
        XCTAssertEqual(try Settings.parseTTL("0.5", source: "x"), 0.5)
    }
}
