import Booking
import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Seat lists, encoded once per version of the map: the performance's Redis version and SQLite's change counter
/// (`data_version`) key each entry, so a booking by any clerk, a hold, a release or a cancellation makes it stale.
/// Holds running out move neither, so an entry also lapses at the first hold's expiry, and after a second at most while
/// any seat is held (a held seat's `expires_in_ms` counts down), ten without holds.
final class SeatListCache: Sendable {
    enum Shape: Sendable { case old, v1 }

    private struct Key: Hashable { var performanceID: Int64; var shape: Shape }
    private struct Entry {
        var version: BoxOffice.MapVersion
        var validUntil: ContinuousClock.Instant
        var body: ByteBuffer
    }

    private let entries = Mutex<[Key: Entry]>([:])
    /// One lock per list: when an entry goes stale, one request rebuilds it and the others wait for that one (16 requests
    /// each rendering 744 seats at once, every second, was the seat list's p99 under wrk).
    private let builders = Mutex<[Key: NSLock]>([:])
    /// While a seat is held its `expires_in_ms` counts down: the list is rebuilt every second. Without holds the versions
    /// alone say when it changes; the longer age only bounds how long a change nobody announced can go unseen.
    static let maxAge: Duration = .seconds(1)
    static let maxAgeWithoutHolds: Duration = .seconds(10)

    func response(performanceID: Int64, shape: Shape, services: Services) async throws -> Response {
        let body: ByteBuffer
        if let cached = fresh(performanceID: performanceID, shape: shape, services: services) {
            body = cached
        } else {
            body = try await services.blocking { try self.body(performanceID: performanceID, shape: shape, box: services.box) }
            services.events.watch(performanceID: performanceID)
        }
        var headers: HTTPFields = [.contentType: "application/json"]
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    func invalidate(_ performanceID: Int64) {
        entries.withLock { $0[Key(performanceID: performanceID, shape: .old)] = nil; $0[Key(performanceID: performanceID, shape: .v1)] = nil }
    }

    /// The cached list, if it is known to be current without asking Redis: the performance's event feed is subscribed
    /// and has heard the version the entry was built at, and the database's change counter (a cheap local read) has not
    /// moved. Answered on the request's own thread: no hop to the blocking pool, no Redis round trip. Another clerk's
    /// change is seen once its event arrives (well under a millisecond here); this server's own changes invalidate the
    /// entry before they answer.
    private func fresh(performanceID: Int64, shape: Shape, services: Services) -> ByteBuffer? {
        guard let holds = services.events.liveVersion(performanceID: performanceID),
              let entry = entries.withLock({ $0[Key(performanceID: performanceID, shape: shape)] }),
              entry.version.holds == holds, ContinuousClock.now < entry.validUntil,
              let database = try? services.box.databaseVersion(), entry.version.database == database
        else { return nil }
        return entry.body
    }

    private func body(performanceID: Int64, shape: Shape, box: BoxOffice) throws -> ByteBuffer {
        let key = Key(performanceID: performanceID, shape: shape)
        // Read the versions before the map: a change in between leaves an entry under the old versions, never the
        // reverse, so the next request rebuilds.
        let version = try box.mapVersion(performanceID: performanceID)
        let now = ContinuousClock.now
        if let entry = entries.withLock({ $0[key] }), entry.version == version, now < entry.validUntil {
            return entry.body
        }
        let builder = builders.withLock { locks -> NSLock in
            if let lock = locks[key] { return lock }
            let lock = NSLock()
            locks[key] = lock
            return lock
        }
        builder.lock()
        defer { builder.unlock() }
        // Another request may have rebuilt it while this one waited: read the versions again, then the entry.
        let current = try box.mapVersion(performanceID: performanceID)
        if let entry = entries.withLock({ $0[key] }), entry.version == current, ContinuousClock.now < entry.validUntil {
            return entry.body
        }
        return try build(key, version: current, box: box)
    }

    private func build(_ key: Key, version: BoxOffice.MapVersion, box: BoxOffice) throws -> ByteBuffer {
        let performanceID = key.performanceID, shape = key.shape
        let now = ContinuousClock.now
        let map = try box.snapshot(performanceID: performanceID)
        let seatList = map.seats.indices.map {
            SeatJSON.json(seat: map.seats[$0], state: map.states[$0], performanceID: performanceID, holdback: map.holdbacks[$0])
        }
        let seats = JSONText.array(seatList)
        let text: String = switch shape {
        case .old: OldSeatList.render(seatList)
        case .v1: JSONText.object([("performance", Self.performance(map.performance)), ("version", .int(map.version)),
                                   ("holds_online", .bool(map.holdsOnline)), ("seats", seats)]).rendered()
        }
        let data = Array(text.utf8)
        let anyHeld = map.states.contains { if case .held = $0 { true } else { false } }
        var validUntil = now + (anyHeld ? Self.maxAge : Self.maxAgeWithoutHolds)
        for state in map.states {
            if case .held(_, _, let ms) = state { validUntil = min(validUntil, now + .milliseconds(ms)) }
        }
        let body = ByteBuffer(bytes: data)
        entries.withLock { $0[key] = Entry(version: version, validUntil: validUntil, body: body) }
        return body
    }

    /// The performance a seat list belongs to (`starts_at` left out for an open-ended one).
    static func performance(_ p: Performance) -> JSONText {
        .object(present([("id", .int(p.id)), ("theater_id", .int(p.theaterID)), ("theater", .string(p.theaterName)),
                         ("title", .string(p.title)), ("starts_at", .date(p.startsAt)), ("on_sale", .bool(p.isOnSale()))]))
    }
}
