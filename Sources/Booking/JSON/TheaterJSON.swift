import Foundation

/// The old service's theater fields, plus the seat count.
public enum TheaterJSON {
    public static func json(_ t: Theater) -> JSONText {
        .object([("id", .int(t.id)), ("name", .string(t.name)), ("seats", .int(t.seatCount))])
    }
}
