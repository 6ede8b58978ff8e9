import Booking
import Synchronization

/// Which performance the old `GET /theaters/{id}/seats` shows, remembered per theater while the database has not
/// changed. Resolving it reads every theater (with a count of each one's seats) and the theater's performances through
/// the blocking pool: about 0.45 ms of CPU per request, ten times the 4-seat list it chose, which the seat-list cache
/// already had. A change to the database (SQLite's `data_version`, a cheap local read) makes it stale; so does the
/// clock, as a performance's sale closes by itself: an entry lives a second at most.
final class ShownPerformanceCache: Sendable {
    private struct Entry {
        var database: Int
        var validUntil: ContinuousClock.Instant
        var performanceID: Int64
    }

    /// Keyed by theater id; only theaters that exist are kept, so the path cannot grow it.
    private let entries = Mutex<[Int64: Entry]>([:])
    static let maxAge: Duration = .seconds(1)

    /// The performance the theater's seat list shows (the one on sale, as `seats` without `--performance`). An unknown
    /// theater or one without performances throws as `OldAPI.theater` and `resolvePerformance` do.
    func performanceID(theater text: String?, services: Services) async throws -> Int64 {
        let theaterID = text.flatMap { Int64($0) }
        if let theaterID, let entry = entries.withLock({ $0[theaterID] }), ContinuousClock.now < entry.validUntil,
           let database = try? services.box.databaseVersion(), database == entry.database {
            return entry.performanceID
        }
        let (database, theater, performance) = try await services.blocking {
            // The version before the reads: a change in between leaves an entry under the old version, never the reverse.
            let database = try services.box.databaseVersion()
            let theater = try OldAPI.theater(text, services)
            return (database, theater.id, try services.box.resolvePerformance(theater: theater, id: nil, purpose: .view).performance)
        }
        let validUntil = ContinuousClock.now + Self.maxAge
        entries.withLock { $0[theater] = Entry(database: database, validUntil: validUntil, performanceID: performance.id) }
        return performance.id
    }
}
