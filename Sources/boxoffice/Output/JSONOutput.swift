import Booking
import Foundation

enum JSONOutput {
    /// The hot outputs (`seats`, `theaters`, `performances`, `audit`), written by JSONText: Foundation's JSONEncoder
    /// took half of `seats --json` on the demo venue.
    static func print(_ value: JSONText) {
        fflush(nil)  // whatever `print` has buffered goes first
        // A closed pipe (`| head`) is not an error, as for print.
        value.write { try? FileHandle.standardOutput.write(contentsOf: $0) }
        try? FileHandle.standardOutput.write(contentsOf: [UInt8(ascii: "\n")])
    }

    /// A JSON array of `count` objects written member by member as `members(i, &object)` adds them
    /// (`JSONText.writeObjects`): `print(.array(…))`'s text without a value per object (`seats --json`).
    static func printObjects(count: Int, members: (Int, inout JSONText.ObjectWriter) -> Void) {
        fflush(nil)
        JSONText.writeObjects(count: count, to: { try? FileHandle.standardOutput.write(contentsOf: $0) }, members: members)
        try? FileHandle.standardOutput.write(contentsOf: [UInt8(ascii: "\n")])
    }

    /// Everything else, in the same shape (pretty, sorted snake_case keys, ISO 8601 dates).
    static func print<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
