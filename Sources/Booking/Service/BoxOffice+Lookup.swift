extension BoxOffice {
    /// The performance's live holds and the version they were read at, in one round trip (no seat map).
    public func liveHolds(performanceID: Int64) throws -> (version: Int64, holds: [Hold]) {
        try holds.holds(performanceID: performanceID)
    }
}

extension BoxOffice {
    /// For a health check: nil when the part answers, else what is wrong, in plain words.
    public func health() -> (database: String?, holds: String?) {
        var database: String?
        do { _ = try store.changeCounter(); _ = try store.theaters() } catch { database = "\(error)" }
        var redis: String?
        do { _ = try holds.ping() } catch { redis = "\(error)" }
        return (database, redis)
    }
}
