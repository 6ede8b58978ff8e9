import Booking
import Foundation
import GRDB
import XCTest

final class ImportTests: XCTestCase {
    var venue: TestVenue!
    override func setUpWithError() throws { venue = try TestVenue(empty: true) }
    override func tearDown() { venue?.remove() }

    /// The seed files exactly as the old service had them (whitespace and all), from the repository's copy.
    static var seedFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/Booking/Seed")
    }

    func write(_ text: String, _ name: String) throws -> String {
        let url = venue.folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func dump(_ box: BoxOffice) throws -> String {
        let queue = try DatabaseQueue(path: box.settings.databasePath)
        return try queue.read { db in
            try ["theater", "seat", "price_band", "performance", "orders", "booked_seat"].map { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid").map(\.description).joined(separator: "\n")
            }.joined(separator: "\n--\n")
        }
    }

    func testImportsTheSeedFilesAsTheyAre() throws {
        let box = try venue.box("alice")
        let seed = Self.seedFolder
        let summary = try box.importSeed(theatersPath: seed.appendingPathComponent("theaters.json").path,
                                         seatsPath: seed.appendingPathComponent("seats.json").path)
        XCTAssertEqual(summary.theatersAdded, 2)
        XCTAssertEqual(summary.seatsAdded, 8)
        XCTAssertEqual(summary.performancesAdded, 2)
        let theaterA = try box.resolveTheater("theater a")
        XCTAssertEqual(theaterA.seatCount, 4)
        let (performance, _) = try box.resolvePerformance(theater: theaterA, id: nil, purpose: .sell)
        XCTAssertNil(performance.startsAt, "open-ended")
        let map = try box.snapshot(performanceID: performance.id)
        XCTAssertEqual(map.seats.map(\.label).sorted(), ["A1", "B2", "C12", "D9"])
        XCTAssertEqual(map.seats.first { $0.label == "C12" }?.id, 3, "seed ids are kept")
        // Again: nothing changes.
        let again = try box.importSeed(theatersPath: seed.appendingPathComponent("theaters.json").path,
                                       seatsPath: seed.appendingPathComponent("seats.json").path)
        XCTAssertEqual(again, ImportSummary())
    }

    func testReimportRenamesAddsAndBooksButNeverUnbooks() throws {
        let box = try venue.box("alice")
        let t = try write(#"[{"id": 91, "name": "Old Hall"}]"#, "t.json")
        let s = try write(#"[{"id": 901, "seat_number": "A1", "is_booked": false, "theater_id": 91}]"#, "s.json")
        _ = try box.importSeed(theatersPath: t, seatsPath: s)
        let theater = try box.resolveTheater("Old Hall")
        let performance = try box.resolvePerformance(theater: theater, id: nil, purpose: .sell).performance
        _ = try box.book(performanceID: performance.id, labels: ["A1"])
        let t2 = try write(#"[{"id": 91, "name": "New Hall"}]"#, "t2.json")
        let s2 = try write(#"[{"id": 901, "seat_number": "A1", "is_booked": false, "theater_id": 91}, {"id": 902, "seat_number": "A2", "is_booked": true, "theater_id": 91}]"#, "s2.json")
        let summary = try box.importSeed(theatersPath: t2, seatsPath: s2)
        XCTAssertEqual(summary.theatersRenamed, 1)
        XCTAssertEqual(summary.seatsAdded, 1)
        XCTAssertEqual(summary.seatsBooked, 1)
        let map = try box.snapshot(performanceID: performance.id)
        XCTAssertEqual(map.counts.booked, 2, "A1 stays booked although the file says false; A2 is booked as imported")
        XCTAssertEqual(try box.resolveTheater("91").name, "New Hall")
    }

    func testBrokenFilesAreRefusedAndChangeNothing() throws {
        let box = try venue.box("alice")
        let goodTheaters = try write(#"[{"id": 7, "name": "Seven"}]"#, "good-t.json")
        let before = try dump(box)
        let cases: [(theaters: String, seats: String, expect: String)] = [
            (#"[{"id": 7, "name": "Seven"}"#, "[]", "not valid JSON"),
            (#"{"id": 7}"#, "[]", "must be a list"),
            (#"[{"id": "7", "name": "Seven"}]"#, "[]", "\"id\" must be a whole number"),
            (#"[{"id": 7, "name": "Seven"}, {"id": 7, "name": "Other"}]"#, "[]", "also used by entry 1"),
            (#"[{"id": 7, "name": "A\u001b[2J"}]"#, "[]", "control"),
            (#"[{"id": 0, "name": "Zero"}]"#, "[]", "1 or more"),
            ("[{\"id\": 7, \"name\": \"\(String(repeating: "N", count: 500))\"}]", "[]", "too long"),
        ]
        for c in cases {
            let t = try write(c.theaters, "t.json"), s = try write(c.seats, "s.json")
            XCTAssertThrowsError(try box.importSeed(theatersPath: t, seatsPath: s)) { error in
                let text = (error as? BookingError)?.description ?? "\(error)"
                XCTAssertTrue(text.contains(c.expect), "\(text) should mention \(c.expect)")
                XCTAssertTrue(text.contains("t.json"), "names the file: \(text)")
                XCTAssertFalse(text.replacingOccurrences(of: "...", with: "").contains(".."), "one full stop, not two: \(text)")
                XCTAssertEqual((error as? BookingError)?.kind, .badInput)
            }
        }
        let seatCases: [(String, String)] = [
            (#"[{"id": 1, "seat_number": "A1", "is_booked": "no", "theater_id": 7}]"#, "true or false"),
            (#"[{"id": 1, "seat_number": "A1", "is_booked": false, "theater_id": 99}]"#, "theater_id 99"),
            (#"[{"id": 1, "seat_number": "A1", "is_booked": false, "theater_id": 7}, {"id": 2, "seat_number": "a1", "is_booked": false, "theater_id": 7}]"#, "also entry 1"),
            (#"[{"id": 1, "seat_number": "12A", "is_booked": false, "theater_id": 7}]"#, "not a row letter"),
            (#"[{"id": 1, "is_booked": false, "theater_id": 7}]"#, "\"seat_number\" is missing"),
        ]
        for (seats, expect) in seatCases {
            let s = try write(seats, "s.json")
            XCTAssertThrowsError(try box.importSeed(theatersPath: goodTheaters, seatsPath: s)) { error in
                let text = (error as? BookingError)?.description ?? "\(error)"
                XCTAssertTrue(text.contains(expect), "\(text) should mention \(expect)")
                XCTAssertTrue(text.contains("s.json, entry"), "names file and entry: \(text)")
                XCTAssertFalse(text.replacingOccurrences(of: "...", with: "").contains(".."), "one full stop, not two: \(text)")
            }
        }
        // Not UTF-8.
        let latin1 = venue.folder.appendingPathComponent("latin1.json")
        try Data([0x5B, 0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0x31, 0x2C, 0x22, 0x6E, 0x61, 0x6D, 0x65, 0x22, 0x3A, 0x22, 0xE9, 0x22, 0x7D, 0x5D]).write(to: latin1)
        XCTAssertThrowsError(try box.importSeed(theatersPath: latin1.path, seatsPath: goodTheaters)) { error in
            XCTAssertTrue("\(error)".contains("not UTF-8"), "\(error)")
        }
        XCTAssertEqual(try dump(box), before, "a refused import changes nothing")
    }
}
