import Foundation

/// A show of a theater at a time. Seats are sold per performance.
public struct Performance: Sendable, Hashable, Codable {
    public var id: Int64
    public var theaterID: Int64
    public var theaterName: String
    public var title: String
    /// nil for an open-ended performance (the imported seed data): on sale until closed.
    public var startsAt: Date?
    /// Set by `performances close` (sales stop, bookings stay); cleared by `performances reopen`.
    public var closedAt: Date?
    /// Set by `performances cancel`: sales stop for good; the bookings stay until refunded.
    public var cancelledAt: Date?
    public var cancelReason: String?
    /// Sales stay open this long after the start (latecomers at the window).
    public var salesCloseMinutes: Int

    public static let defaultSalesCloseMinutes = 30
    /// How long a performance is taken to last when deciding whether it has ended (performances have no end time).
    public static let assumedLength: TimeInterval = 4 * 3600

    public init(id: Int64, theaterID: Int64, theaterName: String, title: String, startsAt: Date?, closedAt: Date? = nil,
                cancelledAt: Date? = nil, cancelReason: String? = nil, salesCloseMinutes: Int = Performance.defaultSalesCloseMinutes) {
        self.id = id
        self.theaterID = theaterID
        self.theaterName = theaterName
        self.title = title
        self.startsAt = startsAt
        self.closedAt = closedAt
        self.cancelledAt = cancelledAt
        self.cancelReason = cancelReason
        self.salesCloseMinutes = salesCloseMinutes
    }

    /// Still sellable: not closed or cancelled, and either open-ended or not past its sales close (by default 30
    /// minutes after the start).
    public func isOnSale(at now: Date = Date()) -> Bool {
        guard closedAt == nil, cancelledAt == nil else { return false }
        guard let salesClose else { return true }
        return salesClose > now
    }

    /// When sales stop by themselves (nil: open-ended).
    public var salesClose: Date? { startsAt?.addingTimeInterval(TimeInterval(salesCloseMinutes * 60)) }

    /// Past its start by more than `assumedLength`: a booking of it no longer keeps its seat in a plan.
    public func hasEnded(at now: Date = Date()) -> Bool {
        guard let startsAt else { return false }
        return startsAt.addingTimeInterval(Self.assumedLength) < now
    }

    /// `on sale`, `closed`, `cancelled`, `sales over`, as lists show it.
    public func status(at now: Date = Date()) -> String {
        if cancelledAt != nil { return "cancelled" }
        if closedAt != nil { return "closed" }
        return isOnSale(at: now) ? "on sale" : "sales over"
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
