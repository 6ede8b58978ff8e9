import Booking

/// The old service's theater fields, plus the seat count.
enum TheaterJSON {
    static func json(_ t: Theater) -> JSONText {
        .object([("id", .int(t.id)), ("name", .string(t.name)), ("seats", .int(t.seatCount))])
    }
}
