/// A venue with a fixed seat layout; performances of it are what gets sold.
public struct Theater: Sendable, Hashable, Codable {
    public var id: Int64
    public var name: String
    public var seatCount: Int

    public init(id: Int64, name: String, seatCount: Int) {
        self.id = id
        self.name = name
        self.seatCount = seatCount
    }
}
