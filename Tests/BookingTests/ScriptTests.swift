@_spi(Bench) @testable import Booking
import XCTest

/// The scripts' SHA-1 names are written in `Scripts.swift` (no hashing at start-up): Redis itself names each text
/// here, so a script edited without its name fails with the value to write.
final class ScriptTests: XCTestCase {
    func testEveryScriptIsCalledByTheNameRedisGivesIt() throws {
        let connection = RedisConnection(endpoint: try RedisEndpoint(url: try TestVenue.redisURL()), timeout: .seconds(2))
        defer { connection.close() }
        for script in Script.allCases {
            let named = try connection.command(["SCRIPT", "LOAD", script.source]).string
            XCTAssertEqual(script.sha, named, "Scripts.swift: the name of \(script) must be \(named ?? "?")")
        }
    }
}
