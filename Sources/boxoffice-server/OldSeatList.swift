import Booking

/// The old service's seat list as it wrote it: one compact line, each seat opening with its four fields in its order —
/// `id`, `seat_number`, `is_booked`, `theater_id` — and the fields it never had following them (sorted, as everywhere
/// else). `seats --json` and /v1 keep the CLI's style (pretty, every key sorted); an old client reading the list as text
/// finds it as it was.
enum OldSeatList {
    static let leading = ["id", "seat_number", "is_booked", "theater_id"]

    static func render(_ seats: [JSONText]) -> String {
        var out = "["
        out.reserveCapacity(seats.count * 420)
        for (n, seat) in seats.enumerated() {
            if n > 0 { out += "," }
            out += object(seat)
        }
        return out + "]"
    }

    /// One seat: its leading fields first, then the rest. A seat's values are all scalars (numbers, strings, booleans,
    /// nulls), so each renders on one line; keys are the CLI's snake_case names, which need no escaping.
    static func object(_ seat: JSONText) -> String {
        guard case .object(let members) = seat else { return seat.rendered() }
        var text = "{"
        var first = true
        func add(_ key: String, _ value: JSONText) {
            text += first ? "\"" : ",\""
            text += key
            text += "\":"
            text += value.rendered()
            first = false
        }
        for key in leading {
            if let member = members.first(where: { $0.0 == key }) { add(key, member.1) }
        }
        for member in members.sorted(by: { $0.0 < $1.0 }) where !leading.contains(member.0) { add(member.0, member.1) }
        return text + "}"
    }
}
