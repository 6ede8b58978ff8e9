import Booking
import Foundation
import XCTest

/// JSONText, the writer of the command line's hot `--json` outputs: read back by Foundation's own decoder.
final class JSONTextTests: XCTestCase {
    func testEscapingSurvivesARealDecoder() throws {
        let nasty = ["plain", "quote \" and backslash \\", "slash / stays", "new\nline\ttab\r", "\u{01}\u{1F}\u{7F}",
                     "国家大剧院", "Zoë Ångström", "emoji 🎭", "e\u{301}", "\u{2028}\u{2029}", ""]
        let text = JSONText.array(nasty.map { .string($0) }).rendered()
        let decoded = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String]
        XCTAssertEqual(decoded, nasty)
        XCTAssertTrue(text.contains("slash / stays"), "slashes unescaped, as the CLI always wrote them")
        XCTAssertTrue(text.contains(#"\u0001"#), text)
    }

    func testObjectsAreSortedPrettyAndKeepNulls() throws {
        let value = JSONText.object([("zeta", .int(-3)), ("alpha", .bool(true)), ("mid", .string(nil)),
                                     ("list", .array([.int(Int64.max), .object([])])), ("empty", .array([]))])
        XCTAssertEqual(value.rendered(), """
        {
          "alpha" : true,
          "empty" : [],
          "list" : [
            9223372036854775807,
            {}
          ],
          "mid" : null,
          "zeta" : -3
        }
        """)
        let object = try JSONSerialization.jsonObject(with: Data(value.rendered().utf8)) as? [String: Any]
        XCTAssertEqual(object?["zeta"] as? Int, -3)
        XCTAssertTrue(object?["mid"] is NSNull)
    }

    func testDatesAreISO8601InUTCAsJSONEncoderWritesThem() throws {
        let date = Date(timeIntervalSince1970: 1_795_721_400.75)   // 2026-11-26 19:30:00.75 UTC
        XCTAssertEqual(JSONText.date(date).rendered(), #""2026-11-26T19:30:00Z""#)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        XCTAssertEqual(String(decoding: try encoder.encode([Date(timeIntervalSince1970: 1_795_721_400)]), as: UTF8.self),
                       "[" + JSONText.date(Date(timeIntervalSince1970: 1_795_721_400)).rendered() + "]")
        XCTAssertEqual(JSONText.date(nil), .null)
    }

    /// `writeObjects` (members written as they are added, in small pieces) writes exactly `.array` of `.object`s: the
    /// same commas, line breaks and indents at every size, across chunk boundaries, `{}` and `[]` for none.
    func testWriteObjectsWritesTheArraysTextPieceByPiece() {
        func members(_ i: Int) -> [(String, JSONText)] {
            i % 5 == 4 ? [] : [("id", .int(Int64(i))), ("name", .string("seat \"\(i)\"")), ("nested", .array([.null, .bool(i % 2 == 0)]))]
        }
        for count in [0, 1, 2, 37] {
            for chunk in [64, 100, 65_536] {
                var written: [UInt8] = []
                var pieces = 0
                JSONText.writeObjects(count: count, chunk: chunk, to: { written += $0; pieces += 1 }) { i, object in
                    for (key, value) in members(i) { object.add(key, value) }
                }
                XCTAssertEqual(String(decoding: written, as: UTF8.self), JSONText.array((0..<count).map { .object(members($0)) }).rendered(),
                               "\(count) objects in chunks of \(chunk)")
                if count == 37 && chunk == 64 { XCTAssertGreaterThan(pieces, 10, "a long array goes out a chunk at a time") }
            }
        }
    }

    /// A seat in every state, streamed (`seats --json`) and as a value (the HTTP server's seat lists): the same text.
    func testSeatJSONStreamedIsTheSeatJSONValue() {
        let seat = Seat(id: 7, theaterID: 3, label: "C12", row: "C", number: 12, x: 14, y: 2, section: "Stalls \"front\"",
                        priceBand: "A", priceCents: 3_800, accessible: true, restrictedView: true)
        let until = Date(timeIntervalSince1970: 1_795_721_400)
        let cases: [(SeatState, SeatMap.Holdback?)] = [
            (.free, nil), (.held(clerk: "alice", session: "s1", expiresInMs: 90_000), .init(code: "PRESS", until: until)),
            (.booked(reference: "P4DMG4"), nil), (.blocked(reason: "broken\nseat"), nil), (.heldBack(code: "HOUSE", until: nil), nil),
        ]
        var written: [UInt8] = []
        JSONText.writeObjects(count: cases.count, to: { written += $0 }) { i, object in
            SeatJSON.add(seat: seat, state: cases[i].0, performanceID: 9, holdback: cases[i].1, to: &object)
        }
        let value = JSONText.array(cases.map { SeatJSON.json(seat: seat, state: $0.0, performanceID: 9, holdback: $0.1) })
        XCTAssertEqual(String(decoding: written, as: UTF8.self), value.rendered())
        XCTAssertTrue(value.rendered().contains(#""holdback_until" : "2026-11-26T19:30:00Z""#), value.rendered())
    }
}
