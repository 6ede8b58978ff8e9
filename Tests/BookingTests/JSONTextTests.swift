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
}
