import Foundation
import Synchronization

/// The hold store: short-lived seat holds in Redis, shared by every clerk. Holds are for the clerks' eyes;
/// SQLite decides who owns a seat. Thread-safe: one connection behind a lock.
@_spi(Bench) public final class RedisHolds: Sendable {
    public enum LeaseMode: String, Sendable { case hold, lease }

    /// Only ever touched under its slot's lock (hiredis contexts are not thread-safe).
    private struct State: @unchecked Sendable {
        var connection: RedisConnection
        /// After a failure, fail fast until this time instead of waiting on a dead Redis for every call.
        var retryAfter: ContinuousClock.Instant?
        var backoff: Duration = .zero
        var lastError: BookingError?
    }

    /// One connection and what goes with it, behind its own lock.
    private final class Slot: Sendable {
        let state: Mutex<State>
        init(_ connection: RedisConnection) { state = Mutex(State(connection: connection)) }
    }

    public let endpoint: RedisEndpoint
    public let namespace: String
    /// A clerk's process needs one connection; the HTTP server, whose threads all call Redis at once, a few (with one,
    /// its threads queued on the lock and a booking's check inside the group commit waited behind them all).
    private let slots: [Slot]
    private let nextSlot = Atomic<Int>(0)

    public init(endpoint: RedisEndpoint, namespace: String = Settings.defaultRedisNamespace, timeout: Duration = .milliseconds(750),
                connections: Int = 1) {
        self.endpoint = endpoint
        self.namespace = namespace
        slots = (0..<max(1, connections)).map { _ in Slot(RedisConnection(endpoint: endpoint, timeout: timeout)) }
    }

    // MARK: Operations

    /// Holds every seat or none. Returns the performance's new version and the seats that were free before
    /// (the rest were already the clerk's).
    /// `failFast: false` asks Redis even while other calls fail fast after an error, on a fresh connection if the
    /// old one died (a booking inside its transaction, where a stale "offline" must not skip other clerks' holds).
    @discardableResult
    /// `maxHeld`: at most this many seats held by the clerk's holder at once across every performance, these included,
    /// counted by the script in the same step as the hold (a check before it would let concurrent requests all pass).
    public func hold(performanceID: Int64, labels: [String], clerk: Clerk, ttlMs: Int,
                     mode: LeaseMode = .hold, failFast: Bool = true, maxHeld: Int? = nil) throws -> (version: Int64, newlyHeld: [String]) {
        let keys = RedisKeys(namespace: namespace, performanceID: performanceID)
        // The limit, the holder's set of seats, and how long that set must last: past this hold, and past a booking's
        // lease on one of its seats (which extends the hold's key).
        let limit = if let maxHeld, maxHeld > 0 {
            [String(maxHeld), RedisKeys.holderSeats(namespace: namespace, holder: clerk.holder), String(ttlMs + HoldTiming.leaseMs)]
        } else {
            ["0", "", "0"]
        }
        let reply = try run(.hold, keys: [keys.version, keys.index, keys.audit] + labels.map(keys.hold),
                            args: [keys.channel, clerk.holder, clerk.session, String(ttlMs), mode.rawValue] + limit + labels,
                            failFast: failFast)
        let items = reply.array
        if items.first?.integer == 1, items.count >= 4 {
            throw BookingError.heldByOther(label: items[1].string ?? "?", clerk: items[2].string ?? "?",
                                           expiresInMs: Int(items[3].integer ?? 0))
        }
        if items.first?.integer == 2, items.count >= 3, let maxHeld {
            throw BookingError.invalidInput("One hold token may hold at most \(maxHeld) seats at a time, across all performances; it holds \(items[1].integer ?? 0) and asked for \(items[2].integer ?? 0) more.")
        }
        return (items.dropFirst().first?.integer ?? 0, items.dropFirst(2).compactMap(\.string))
    }

    /// Removes the clerk's holds on these seats; returns the labels released.
    @discardableResult
    public func release(performanceID: Int64, labels: [String], clerk: Clerk, scope: ReleaseScope,
                        announcing kind: PerformanceEvent.Kind = .release, reference: String = "") throws -> [String] {
        let keys = RedisKeys(namespace: namespace, performanceID: performanceID)
        let reply = try run(.release, keys: [keys.version, keys.index, keys.audit] + labels.map(keys.hold),
                            args: [keys.channel, clerk.holder, clerk.session, scope.rawValue, kind.rawValue, reference] + labels)
        let items = reply.array
        if items.first?.integer == 2 {
            throw BookingError.notHolder(labels: items.dropFirst().compactMap(\.string))
        }
        return items.dropFirst(2).compactMap(\.string)
    }

    /// Every live hold of a performance and the version they were read at, in one round trip.
    public func holds(performanceID: Int64) throws -> (version: Int64, holds: [Hold]) {
        let keys = RedisKeys(namespace: namespace, performanceID: performanceID)
        let items = try run(.holds, keys: [keys.version, keys.index], args: [keys.holdPrefix]).array
        var holds: [Hold] = []
        holds.reserveCapacity(items.count / 3)
        var i = 1
        while i + 2 < items.count {
            let value = items[i + 1].string ?? ""
            let parts = value.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            holds.append(Hold(label: items[i].string ?? "", clerk: parts.first.map(String.init) ?? "",
                              session: parts.count > 1 ? String(parts[1]) : "",
                              expiresInMs: Int(items[i + 2].integer ?? 0)))
            i += 3
        }
        return (items.first?.integer ?? 0, holds)
    }

    /// Tells every open map of a change SQLite made (cancel, block, unblock).
    public func notify(performanceID: Int64, kind: PerformanceEvent.Kind, labels: [String], clerk: Clerk, reference: String = "") throws {
        let keys = RedisKeys(namespace: namespace, performanceID: performanceID)
        _ = try run(.notify, keys: [keys.version, keys.audit],
                    args: [keys.channel, kind.rawValue, clerk.holder, clerk.session, reference] + labels)
    }

    /// The clerk whose hold is on each seat now (nil: none), with the milliseconds it has left, in one round trip
    /// (holders.lua). Asked afresh even while other calls fail fast after an error, and once more on a fresh connection
    /// if the old one died (Redis restarted since it was last used): a booking asks this inside its transaction just
    /// before it commits. Throws `holdsUnavailable` only when Redis cannot be reached (or refuses) twice.
    public func holders(performanceID: Int64, labels: [String]) throws -> [(clerk: String, msLeft: Int)?] {
        let keys = RedisKeys(namespace: namespace, performanceID: performanceID)
        let items = try run(.holders, keys: labels.map(keys.hold), args: [], failFast: false).array
        guard items.count == 2 * labels.count else {
            throw BookingError.holdsUnavailable("holders.lua answered \(items.count) items for \(labels.count) seats")
        }
        var owners: [(clerk: String, msLeft: Int)?] = []
        owners.reserveCapacity(labels.count)
        for i in labels.indices {
            // A GET of something that is not a string is an error reply for the whole script, thrown by `run`.
            guard let text = items[2 * i].string else { owners.append(nil); continue }
            owners.append((String(text.prefix { $0 != "\n" }), Int(items[2 * i + 1].integer ?? 0)))
        }
        return owners
    }

    /// The performance's version counter alone, in one GET: the HTTP server's seat-list cache is keyed on it.
    public func version(performanceID: Int64) throws -> Int64 {
        try command(["GET", RedisKeys(namespace: namespace, performanceID: performanceID).version]).integer ?? 0
    }

    /// One PING round trip.
    public func ping() throws -> Duration {
        let start = ContinuousClock.now
        _ = try command(["PING"])
        return ContinuousClock.now - start
    }

    /// `INFO server` and friends, for `doctor`.
    public func info(_ section: String) throws -> [String: String] {
        let text = try command(["INFO", section]).string ?? ""
        var result: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { result[String(parts[0])] = String(parts[1]) }
        }
        return result
    }

    public func command(_ args: [String]) throws -> RedisReply {
        try withConnection { state in
            let reply = try state.connection.command(args)
            if case .error(let e) = reply { throw BookingError.holdsUnavailable("Redis refused \(args.first ?? ""): \(e)") }
            return reply
        }
    }

    /// Ends the fail-fast back-off after an outage, when something else has seen Redis answer again (the seat
    /// picker's subscription reconnected), so the clerk's next hold is tried at once.
    public func retryNow() {
        for slot in slots { slot.state.withLock { s in
            s.retryAfter = nil
            s.backoff = .zero
        } }
    }

    /// Drops the connection (tests restart Redis; the next call reconnects at once).
    public func reset() {
        for slot in slots { slot.state.withLock { s in
            s.connection.close()
            s.retryAfter = nil
            s.backoff = .zero
        } }
    }

    // MARK: Plumbing

    func run(_ script: Script, keys: [String], args: [String], failFast: Bool = true) throws -> RedisReply {
        if !failFast {
            // Once on the connection there is, once more on a fresh one if that one had died.
            do { return try run(script, keys: keys, args: args, failFast: true, ignoringBackoff: true) } catch BookingError.holdsUnavailable {}
            return try run(script, keys: keys, args: args, failFast: true, ignoringBackoff: true)
        }
        return try run(script, keys: keys, args: args, failFast: true, ignoringBackoff: false)
    }

    private func run(_ script: Script, keys: [String], args: [String], failFast: Bool, ignoringBackoff: Bool) throws -> RedisReply {
        try withConnection(ignoringBackoff: ignoringBackoff) { state in
            // By name first: Redis keeps the scripts it has loaded until it restarts, so a command pays one round trip.
            let command = ["EVALSHA", script.sha, String(keys.count)] + keys + args
            var reply = try state.connection.command(command)
            if case .error(let e) = reply, e.hasPrefix("NOSCRIPT") {
                // The script cache is lost when Redis restarts: load it again, once.
                try Self.load(script, on: state.connection)
                reply = try state.connection.command(command)
            }
            if case .error(let e) = reply {
                throw BookingError.holdsUnavailable("Redis refused \(script.rawValue).lua: \(e)")
            }
            return reply
        }
    }

    private static func load(_ script: Script, on connection: RedisConnection) throws {
        let reply = try connection.command(["SCRIPT", "LOAD", script.source])
        guard case .string(let sha) = reply, sha == script.sha else {
            throw BookingError.holdsUnavailable("Redis would not load \(script.rawValue).lua: \(reply)")
        }
    }

    /// Runs `body` on a free connection if there is one (else waits for one, taken in turn), under its lock.
    private func withConnection<R: Sendable>(ignoringBackoff: Bool = false, _ body: (inout State) throws -> R) throws -> R {
        if slots.count == 1 { return try slots[0].state.withLock { s in try Self.use(&s, ignoringBackoff: ignoringBackoff, body) } }
        let first = nextSlot.add(1, ordering: .relaxed).newValue
        for i in 0..<slots.count {
            if let result = slots[(first + i) % slots.count].state.withLockIfAvailable({ s -> Result<R, any Error> in
                do { return .success(try Self.use(&s, ignoringBackoff: ignoringBackoff, body)) } catch { return .failure(error) }
            }) {
                return try result.get()
            }
        }
        return try slots[first % slots.count].state.withLock { s in try Self.use(&s, ignoringBackoff: ignoringBackoff, body) }
    }

    private static func use<R: Sendable>(_ s: inout State, ignoringBackoff: Bool, _ body: (inout State) throws -> R) throws -> R {
        if !ignoringBackoff, let retryAfter = s.retryAfter, ContinuousClock.now < retryAfter, let error = s.lastError {
            throw error
        }
        do {
            let result = try body(&s)
            s.retryAfter = nil
            s.backoff = .zero
            return result
        } catch let error as BookingError {
            if case .holdsUnavailable = error, !s.connection.isConnected {
                s.backoff = s.backoff == .zero ? .milliseconds(100) : min(s.backoff * 2, .seconds(2))
                s.retryAfter = ContinuousClock.now + s.backoff
                s.lastError = error
            }
            throw error
        }
    }
}
