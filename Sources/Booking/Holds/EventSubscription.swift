import Foundation

/// A subscription to one performance's events, read from inside a caller's `poll()` loop (the TUI's).
/// Pub/sub is at-most-once: after (re)subscribing, re-read the snapshot, and use `version` gaps to notice misses.
/// Owned by one thread; not Sendable.
public final class EventSubscription {
    private let connection: RedisConnection
    private let channel: String
    private let decoder = JSONDecoder()
    /// When Redis last said anything on this connection (the subscribe confirmation, an event, a pong): a quiet
    /// connection may be a quiet evening or a hung Redis, and `ping()` tells which.
    public private(set) var lastHeard = ContinuousClock.now

    public init(endpoint: RedisEndpoint, namespace: String, performanceID: Int64) {
        // No read timeout matters here: reads happen only when poll() says the socket is readable.
        connection = RedisConnection(endpoint: endpoint, timeout: .milliseconds(750))
        channel = RedisKeys(namespace: namespace, performanceID: performanceID).channel
    }

    /// Connects, subscribes, and waits until Redis confirms the subscription. Connecting alone proves little: the
    /// kernel accepts a connection for a Redis that is stopped (SIGSTOP) and buffers the command, and nothing ever
    /// comes back. Throws `holdsUnavailable` when Redis cannot be reached, refuses, or does not answer in time.
    public func connect(confirmWithin timeout: Duration = .seconds(1)) throws {
        connection.close()
        try connection.connect()
        try connection.send(["SUBSCRIBE", channel])
        let deadline = ContinuousClock.now + timeout
        while true {
            for reply in try connection.readAvailable(waitingUntil: deadline) {
                if case .error(let why) = reply {
                    connection.close()
                    throw BookingError.holdsUnavailable("Redis refused the subscription: \(why)")
                }
                // Events that came with the confirmation are dropped: whoever subscribes reads a snapshot next.
                if reply.array.first?.string == "subscribe" {
                    lastHeard = .now
                    return
                }
            }
        }
    }

    public var isConnected: Bool { connection.isConnected }

    /// The socket to poll for reading, while connected.
    public var fileDescriptor: Int32? { connection.fileDescriptor }

    public func close() { connection.close() }

    /// Asks Redis to answer on this connection (PING is allowed while subscribed); the answer moves `lastHeard`.
    public func ping() throws {
        try connection.send(["PING"])
    }

    /// Reads what arrived; call when the socket is readable. Throws when the connection is lost.
    public func readEvents() throws -> [PerformanceEvent] {
        var events: [PerformanceEvent] = []
        let replies = try connection.readAvailable()
        if !replies.isEmpty { lastHeard = .now }
        for reply in replies {
            let parts = reply.array
            guard parts.count == 3, parts[0].string == "message", let payload = parts[2].string,
                  let event = try? decoder.decode(PerformanceEvent.self, from: Data(payload.utf8))
            else { continue }
            events.append(event)
        }
        return events
    }
}
