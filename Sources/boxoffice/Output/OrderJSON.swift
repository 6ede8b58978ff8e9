import Booking

/// A booking (`book --json`, `find --json`); `replay` only from `book`, and fields without a value are left out.
enum OrderJSON {
    static func json(_ o: Order, replay: Bool?) -> JSONText {
        let seats: [JSONText] = o.seats.map { .object([("seat_number", .string($0.label)), ("price_cents", .int($0.priceCents))]) }
        return .object(present([
            ("reference", .string(o.reference)), ("performance_id", .int(o.performanceID)),
            ("customer_name", .string(o.customerName)), ("customer_contact", .string(o.customerContact)),
            ("clerk", .string(o.clerk)), ("unix_user", .string(o.unixUser)), ("idempotency_key", .string(o.idempotencyKey)),
            ("created_at", .date(o.createdAt)), ("cancelled_at", .date(o.cancelledAt)), ("seats", .array(seats)),
            ("total_cents", .int(o.totalCents)), ("total", .string(Format.money(cents: o.totalCents))),
            ("replay", replay.map { .bool($0) } ?? .null),
        ]))
    }
}
