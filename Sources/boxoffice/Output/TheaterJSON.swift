import Booking

/// The old service's theater fields, plus the seat count.
struct TheaterJSON: Encodable {
    var id: Int64, name: String, seats: Int
    init(_ t: Theater) { id = t.id; name = t.name; seats = t.seatCount }
}
