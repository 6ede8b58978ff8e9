import Foundation

/// A show of a theater at a time. Seats are sold per performance.
public struct Performance: Sendable, Hashable, Codable {
    public var id: Int64
    public var theaterID: Int64
    public var theaterName: String
    public var title: String
    /// nil for an open-ended performance (the imported seed data): on sale until closed.
    public var startsAt: Date?
    public var closedAt: Date?

    public init(id: Int64, theaterID: Int64, theaterName: String, title: String, startsAt: Date?, closedAt: Date? = nil) {
        self.id = id
        self.theaterID = theaterID
        self.theaterName = theaterName
        self.title = title
        self.startsAt = startsAt
        self.closedAt = closedAt
    }

    /// Still sellable: not closed, and either open-ended or not yet started.
    public func isOnSale(at now: Date = Date()) -> Bool {
        guard closedAt == nil else { return false }
        guard let startsAt else { return true }
        return startsAt > now
    }
}

/// A performance with its sales counts, as the chooser and `performances` list it.
public struct PerformanceSummary: Sendable, Hashable, Codable {
    public var performance: Performance
    public var capacity: Int
    public var sold: Int
    public var held: Int
    public var blocked: Int
    public var free: Int { max(0, capacity - sold - held - blocked) }

    public init(performance: Performance, capacity: Int, sold: Int, held: Int, blocked: Int) {
        self.performance = performance
        self.capacity = capacity
        self.sold = sold
        self.held = held
        self.blocked = blocked
    }
}
