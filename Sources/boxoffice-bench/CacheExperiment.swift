@_spi(Bench) import Booking
import Foundation

/// Would a Redis cache of the unbooked seats make the snapshot faster than reading SQLite? The snapshot needs, besides
/// the cached layout and the holds (one Redis call either way), which seats are booked or blocked. Compare:
///   sqlite     — what `snapshot` does now: the booked seats (join with orders for the reference) and the blocks;
///   redis_set  — SMEMBERS of a set of unbooked seat ids kept in Redis (the cache in question);
///   redis_blob — GET of one string with a byte per seat (the cheapest conceivable Redis cache).
/// Each variant is timed including decoding into a per-seat array, on the same connection boxoffice uses.
enum CacheExperiment {
    static func run(_ box: BoxOffice, performance: Performance, map: SeatMap, iterations: Int) throws -> [String: Latencies] {
        let seats = map.seats
        let indexByID = Dictionary(uniqueKeysWithValues: seats.enumerated().map { ($1.id, $0) })
        let setKey = "\(box.settings.redisNamespace):{perf:\(performance.id)}:experiment:unbooked"
        let blobKey = "\(box.settings.redisNamespace):{perf:\(performance.id)}:experiment:states"
        // Fill the caches from the snapshot.
        _ = try box.holds.command(["DEL", setKey, blobKey])
        let unbooked = seats.indices.filter { if case .booked = map.states[$0] { return false }; return true }
        for chunk in stride(from: 0, to: unbooked.count, by: 1000) {
            let ids = unbooked[chunk..<min(chunk + 1000, unbooked.count)].map { String(seats[$0].id) }
            _ = try box.holds.command(["SADD", setKey] + ids)
        }
        let blob = String(map.states.map { state -> Character in
            switch state { case .booked: "b"; case .blocked: "x"; default: "f" }
        })
        _ = try box.holds.command(["SET", blobKey, blob])

        var results: [String: Latencies] = [:]
        func measure(_ name: String, _ body: () throws -> Int) rethrows {
            var lat = Latencies()
            var check = 0
            for _ in 0..<min(20, iterations) { check &+= try body() }
            for _ in 0..<iterations { check &+= try lat.time(body) }
            results[name] = lat
            if check == -1 { print(check) }
        }
        try measure("sqlite") {
            let map = try box.store.map(performanceID: performance.id)
            let booked = map.booked, blocks = map.blocks
            var state = [UInt8](repeating: 0, count: seats.count)
            for (id, _) in booked { if let i = indexByID[id] { state[i] = 1 } }
            for (id, _) in blocks { if let i = indexByID[id] { state[i] = 2 } }
            return state.count
        }
        try measure("redis_set") {
            let reply = try box.holds.command(["SMEMBERS", setKey]).array
            var state = [UInt8](repeating: 1, count: seats.count)
            for item in reply { if let id = item.integer, let i = indexByID[id] { state[i] = 0 } }
            return state.count
        }
        try measure("redis_blob") {
            let text = try box.holds.command(["GET", blobKey]).string ?? ""
            var state = [UInt8](repeating: 0, count: seats.count)
            var i = 0
            for byte in text.utf8 where i < state.count { state[i] = byte == 98 ? 1 : 0; i += 1 }
            return state.count
        }
        _ = try box.holds.command(["DEL", setKey, blobKey])
        return results
    }
}
