/// A change to one performance, published on its Redis channel so every open map stays in step.
/// `version` is the performance's counter after the change: a gap means an event was missed, so re-read the snapshot.
public struct PerformanceEvent: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case hold, release, book, cancel, block, unblock
    }

    public var kind: Kind
    public var version: Int64
    public var labels: [String]
    public var clerk: String
    public var session: String
    /// For holds: the expiry in ms from the event. For bookings: unused.
    public var ttlMs: Int?
    /// For bookings and cancellations.
    public var reference: String?

    public init(kind: Kind, version: Int64, labels: [String], clerk: String, session: String,
                ttlMs: Int? = nil, reference: String? = nil) {
        self.kind = kind
        self.version = version
        self.labels = labels
        self.clerk = clerk
        self.session = session
        self.ttlMs = ttlMs
        self.reference = reference
    }
}
