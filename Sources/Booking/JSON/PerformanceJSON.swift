import Foundation

public struct PerformanceJSON: Encodable {
    public var id: Int64, theaterId: Int64, theater: String, title: String, startsAt: Date?, onSale: Bool
    public var capacity: Int, sold: Int, held: Int, blocked: Int, free: Int
    public init(_ s: PerformanceSummary) {
        let p = s.performance
        id = p.id; theaterId = p.theaterID; theater = p.theaterName; title = p.title; startsAt = p.startsAt
        onSale = p.isOnSale(); capacity = s.capacity; sold = s.sold; held = s.held; blocked = s.blocked; free = s.free
    }
}
