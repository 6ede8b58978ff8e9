import Foundation

/// The old service's theater fields, plus the seat count.
public struct TheaterJSON: Encodable {
    public var id: Int64, name: String, seats: Int
    public init(_ t: Theater) { id = t.id; name = t.name; seats = t.seatCount }
}
