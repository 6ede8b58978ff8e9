import Booking
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// What an event stream's listener receives.
enum HubMessage: Sendable {
    /// The feed is subscribed and has read the performance's version: the baseline for `Last-Event-ID`.
    case ready(version: Int64)
    case event(name: String, version: Int64, json: String)
    /// Events were missed (a gap in versions, Redis reconnected): re-read the seats.
    case resync(version: Int64)
    case heartbeat

    /// The performance's version the message carries (a heartbeat carries none).
    var version: Int64? {
        switch self {
        case .ready(let v), .resync(let v), .event(_, let v, _): v
        case .heartbeat: nil
        }
    }
}

/// One event stream's listener: its backlog (bounded; on overflow dropped for one `resync`, so a client that cannot
/// keep up reloads rather than missing events) and a doorbell the stream waits on. The doorbell keeps at most one
/// ring: a ring while the stream is still writing makes it look again, and nothing else is needed.
final class Listener: Sendable {
    static let capacity = 1000

    private struct State {
        var backlog = EventBacklog<HubMessage>(capacity: Listener.capacity)
        var latestVersion: Int64 = 0
    }
    private let state = Mutex(State())
    let doorbell: AsyncStream<Void>
    private let ring: AsyncStream<Void>.Continuation

    init() {
        (doorbell, ring) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    func send(_ message: HubMessage) {
        state.withLock { s in
            if let version = message.version { s.latestVersion = max(s.latestVersion, version) }
            let latest = s.latestVersion
            s.backlog.push(message) { _ in .resync(version: latest) }
        }
        ring.yield()
    }

    /// Everything waiting, oldest first.
    func take() -> [HubMessage] { state.withLock { $0.backlog.takeAll() } }

    var overflows: Int { state.withLock { $0.backlog.overflows } }

    func finish() { ring.finish() }

    func onTermination(_ body: @escaping @Sendable () -> Void) {
        ring.onTermination = { _ in body() }
    }
}

/// Server-Sent Events fed from the same Redis channel the seat picker listens to: one feed (a thread with its own
/// subscription) per performance that has listeners, fanned out to every stream. Expiries are timed here, not
/// waited for: Redis' expiry notices come late.
final class EventHub: Service, Sendable {
    private let box: BoxOffice
    private let logger: Logger
    private let feeds = Mutex<[Int64: Feed]>([:])
    private let nextID = Atomic<Int>(0)

    init(box: BoxOffice, logger: Logger) {
        self.box = box
        self.logger = logger
    }

    func listen(performanceID: Int64) -> (id: Int, listener: Listener) {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let listener = Listener()
        feeds.withLock { feeds in feed(performanceID, in: &feeds).add(id: id, listener) }
        listener.onTermination { [weak self] in self?.stop(listener: id, performanceID: performanceID) }
        return (id, listener)
    }

    /// The performance's feed, started if there is none.
    private func feed(_ performanceID: Int64, in feeds: inout [Int64: Feed]) -> Feed {
        if let feed = feeds[performanceID] { return feed }
        let feed = Feed(performanceID: performanceID, box: box, logger: logger) { [weak self] in
            self?.feeds.withLock { $0[performanceID] = nil }
        }
        feeds[performanceID] = feed
        feed.start()
        return feed
    }

    /// The performance's Redis version as its feed has heard it, while the feed is subscribed (nil otherwise): what the
    /// seat-list cache compares with instead of asking Redis on every request. Never starts a feed.
    func liveVersion(performanceID: Int64) -> Int64? {
        feeds.withLock { $0[performanceID] }?.liveVersion
    }

    /// Keeps the performance's feed running (starting it if needed) for a while without listeners: a seat list that
    /// was just read (so the performance exists) will likely be read again.
    func watch(performanceID: Int64) {
        feeds.withLock { feeds in feed(performanceID, in: &feeds).watch(for: Feed.watchSpan) }
    }

    /// Ends one stream (the server is shutting down).
    func end(listener id: Int, performanceID: Int64) {
        let listener = feeds.withLock { $0[performanceID]?.remove(id: id) }
        listener?.finish()
    }

    private func stop(listener id: Int, performanceID: Int64) {
        feeds.withLock { $0[performanceID]?.remove(id: id) }
    }

    /// Runs with the server; on shutdown ends every stream and stops the feeds.
    func run() async throws {
        try? await gracefulShutdown()
        let all = feeds.withLock { feeds in defer { feeds = [:] }; return Array(feeds.values) }
        for feed in all { feed.stop() }
    }
}

/// One performance's subscription, on a thread of its own (hiredis is blocking; the subscriber lives in a poll loop).
final class Feed: Sendable {
    let performanceID: Int64
    private let box: BoxOffice
    private let logger: Logger
    private let onIdle: @Sendable () -> Void

    private struct State {
        var listeners: [Int: Listener] = [:]
        var version: Int64?
        var stopped = false
        var idleSince: ContinuousClock.Instant? = .now
        /// Kept running without listeners until then (the seat-list cache reads `liveVersion`).
        var watchedUntil: ContinuousClock.Instant?
        /// Subscribed, and `version` was read after subscribing: it follows Redis' version event by event.
        var connected = false
    }
    private let state = Mutex(State())

    static let heartbeat: Duration = .seconds(15)
    static let idleStop: Duration = .seconds(10)
    static let tick: Duration = .milliseconds(100)
    static let watchSpan: Duration = .seconds(60)

    init(performanceID: Int64, box: BoxOffice, logger: Logger, onIdle: @escaping @Sendable () -> Void) {
        self.performanceID = performanceID
        self.box = box
        self.logger = logger
        self.onIdle = onIdle
    }

    func start() {
        let thread = Thread { [self] in self.loop() }
        thread.name = "events-\(performanceID)"
        thread.start()
    }

    func add(id: Int, _ listener: Listener) {
        state.withLock { s in
            s.listeners[id] = listener
            s.idleSince = nil
            if let version = s.version { listener.send(.ready(version: version)) }
        }
    }

    var liveVersion: Int64? { state.withLock { $0.connected ? $0.version : nil } }

    func watch(for span: Duration) {
        state.withLock { s in s.watchedUntil = max(s.watchedUntil ?? .now, .now + span) }
    }

    @discardableResult
    func remove(id: Int) -> Listener? {
        state.withLock { s in
            let removed = s.listeners.removeValue(forKey: id)
            if s.listeners.isEmpty { s.idleSince = .now }
            return removed
        }
    }

    func stop() {
        let listeners = state.withLock { s in
            s.stopped = true
            defer { s.listeners = [:] }
            return Array(s.listeners.values)
        }
        for listener in listeners { listener.finish() }
    }

    private func broadcast(_ message: HubMessage) {
        state.withLock { s in for listener in s.listeners.values { listener.send(message) } }
    }

    private func loop() {
        let subscription = box.subscribe(performanceID: performanceID)
        defer { subscription.close() }
        /// Seats held, and when this server expects each hold to run out.
        var expiries: [String: ContinuousClock.Instant] = [:]
        var lastHeartbeat = ContinuousClock.now
        let encoder = JSONStyle.encoder(pretty: false)

        while true {
            let (stopped, idleSince, watchedUntil) = state.withLock { ($0.stopped, $0.idleSince, $0.watchedUntil) }
            if stopped { return }
            if let idleSince, ContinuousClock.now - idleSince > Self.idleStop, watchedUntil.map({ ContinuousClock.now > $0 }) ?? true {
                // Nobody listens any more: drop the subscription (a new listener starts a new feed).
                let stillIdle = state.withLock { s -> Bool in
                    guard s.listeners.isEmpty else { return false }
                    s.connected = false
                    s.stopped = true
                    return true
                }
                if stillIdle { onIdle(); return }
            }
            if !subscription.isConnected {
                do {
                    // Subscribe first, then read: nothing published after the read can be missed.
                    try subscription.connect()
                    let live = try box.liveHolds(performanceID: performanceID)
                    let now = ContinuousClock.now
                    expiries = Dictionary(live.holds.map { ($0.label, now + .milliseconds($0.expiresInMs)) }, uniquingKeysWith: max)
                    let previous = state.withLock { s -> Int64? in
                        defer { s.version = live.version; s.connected = true }
                        for listener in s.listeners.values where s.version == nil { listener.send(.ready(version: live.version)) }
                        return s.version
                    }
                    if let previous, previous != live.version { broadcast(.resync(version: live.version)) }
                } catch {
                    subscription.close()
                    state.withLock { $0.connected = false }
                    logger.debug("event feed cannot subscribe", metadata: ["performance": "\(performanceID)", "error": "\(error)"])
                    Thread.sleep(forTimeInterval: 0.5)
                    continue
                }
            }
            var timeout = Self.tick
            if let next = expiries.values.min() { timeout = max(.zero, min(timeout, next - .now)) }
            if let fd = subscription.fileDescriptor {
                var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ms = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
                if poll(&entry, 1, max(ms, 1)) > 0 {
                    do {
                        for event in try subscription.readEvents() {
                            deliver(event, expiries: &expiries, encoder: encoder)
                        }
                    } catch {
                        subscription.close()
                        state.withLock { $0.connected = false }
                        continue
                    }
                }
            }
            expire(&expiries, encoder: encoder)
            if ContinuousClock.now - lastHeartbeat > Self.heartbeat {
                lastHeartbeat = .now
                broadcast(.heartbeat)
            }
        }
    }

    private func deliver(_ event: PerformanceEvent, expiries: inout [String: ContinuousClock.Instant], encoder: JSONEncoder) {
        let now = ContinuousClock.now
        switch event.kind {
        case .hold:
            for label in event.labels { expiries[label] = now + .milliseconds(event.ttlMs ?? 0) }
        case .release, .book, .cancel, .block, .unblock:
            for label in event.labels { expiries[label] = nil }
        }
        let gap = state.withLock { s -> Bool in
            defer { s.version = max(s.version ?? 0, event.version) }
            return s.version.map { event.version > $0 + 1 } ?? false
        }
        if gap { broadcast(.resync(version: event.version - 1)) }
        let payload = EventJSON(kind: event.kind.rawValue, version: event.version, seats: event.labels, clerk: event.clerk,
                                expiresInMs: event.kind == .hold ? event.ttlMs : nil,
                                reference: event.reference.flatMap { $0.isEmpty ? nil : $0 })
        guard let data = try? encoder.encode(payload) else { return }
        broadcast(.event(name: event.kind.rawValue, version: event.version, json: String(decoding: data, as: UTF8.self)))
    }

    /// Holds whose time is up: asks Redis once which are really gone (a hold extended by its clerk is not), and
    /// announces those as `expire`.
    private func expire(_ expiries: inout [String: ContinuousClock.Instant], encoder: JSONEncoder) {
        let now = ContinuousClock.now
        let due = expiries.filter { $0.value <= now }.map(\.key)
        guard !due.isEmpty else { return }
        guard let live = try? box.liveHolds(performanceID: performanceID) else { return }
        let alive = Dictionary(live.holds.map { ($0.label, $0.expiresInMs) }, uniquingKeysWith: max)
        var gone: [String] = []
        for label in due {
            if let ms = alive[label], ms > 0 { expiries[label] = now + .milliseconds(ms) } else { expiries[label] = nil; gone.append(label) }
        }
        guard !gone.isEmpty else { return }
        let version = state.withLock { $0.version ?? live.version }
        let payload = EventJSON(kind: "expire", version: version, seats: gone.sorted(), clerk: nil, expiresInMs: nil, reference: nil)
        guard let data = try? encoder.encode(payload) else { return }
        broadcast(.event(name: "expire", version: version, json: String(decoding: data, as: UTF8.self)))
    }

    struct EventJSON: Encodable {
        var kind: String, version: Int64, seats: [String], clerk: String?, expiresInMs: Int?, reference: String?
    }
}
