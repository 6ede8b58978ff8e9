extension BoxOffice {
    /// What a seat map read now depends on: the performance's Redis version (nil while holds are offline) and the
    /// database's change counter. Equal versions, equal map (but for holds running out, which move neither).
    public struct MapVersion: Sendable, Hashable {
        public var holds: Int64?
        public var database: Int
    }

    /// The database's change counter alone (SQLite's `data_version` on a connection that never writes): no Redis, no
    /// disk, cheap enough to ask on every request.
    public func databaseVersion() throws -> Int { try store.changeCounter() }

    public func mapVersion(performanceID: Int64) throws -> MapVersion {
        let database = try store.changeCounter()
        let holds = try? self.holds.version(performanceID: performanceID)
        return MapVersion(holds: holds, database: database)
    }
}
