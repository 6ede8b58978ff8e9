/// Keeps the picker's live link to Redis (the subscription to one performance's events): connects, reconnects with
/// a back-off (250 ms doubling to 5 s), and checks a quiet link with a heartbeat (a PING after 5 s of silence, 2 s
/// to answer), because a hung Redis keeps its socket open and silent while the status bar would go on saying
/// "holds live". Pure: the event loop feeds it what happened and the time, and performs the actions it returns.
struct LinkKeeper: Sendable {
    static let firstRetryMs: Int64 = 250
    static let maxRetryMs: Int64 = 5_000
    static let heartbeatMs: Int64 = 5_000
    static let heartbeatAnswerMs: Int64 = 2_000

    enum Event: Hashable, Sendable {
        /// The picker opened a performance (nil: it left the map).
        case follow(Int64?)
        /// A hold, release or booking found Redis not answering while the link looked live: reconnect.
        case commandFoundRedisSilent(performanceID: Int64)
        /// A connection asked for by `.connect` is made and confirmed.
        case connected(performanceID: Int64, generation: Int)
        case connectFailed(reason: String, performanceID: Int64, generation: Int)
        /// Something arrived on the subscription (an event, or the answer to a PING).
        case heard
        /// Reading the subscription or sending it a PING failed.
        case lost(reason: String)
        /// Time passed (every turn of the loop): the heartbeat and a due reconnect.
        case time
    }

    enum Action: Hashable, Sendable {
        /// Connect (off the loop's thread) and answer `.connected` or `.connectFailed` with this generation.
        case connect(performanceID: Int64, generation: Int)
        /// The connection just made becomes the subscription.
        case adopt
        /// The connection just made is for a performance or a generation no longer wanted: close it.
        case discard
        /// Close the subscription in use.
        case close
        case ping
        /// Tell the picker (`Msg.holdsLink`).
        case report(HoldsLink)
    }

    private(set) var followed: Int64?
    /// Bumped whenever the link is dropped or the performance changes, so a late connection is discarded.
    private(set) var generation = 0
    private(set) var subscribed = false
    /// When to connect again (the loop's `poll` wakes for it).
    private(set) var reconnectAt: Int64?
    private var retryMs: Int64 = 0
    private var lastHeard: Int64 = 0
    private var pingSentAt: Int64?

    mutating func handle(_ event: Event, now: Int64) -> [Action] {
        switch event {
        case .follow(let id):
            var actions = dropSubscription()
            followed = id
            reconnectAt = nil
            retryMs = 0
            if let id { actions.append(.connect(performanceID: id, generation: generation)) }
            return actions

        case .commandFoundRedisSilent(let id):
            // `update` has already shown holds offline; connect again after the usual back-off.
            guard id == followed else { return [] }
            let actions = dropSubscription()
            scheduleReconnect(now: now)
            return actions

        case .connected(let id, let gen):
            guard gen == generation, id == followed else { return [.discard] }
            subscribed = true
            lastHeard = now
            pingSentAt = nil
            retryMs = 0
            return [.adopt, .report(.live)]

        case .connectFailed(let reason, let id, let gen):
            guard gen == generation, id == followed else { return [] }
            scheduleReconnect(now: now)
            return [.report(.offline(reason: reason))]

        case .heard:
            guard subscribed else { return [] }
            lastHeard = now
            return []

        case .lost(let reason):
            guard subscribed else { return [] }
            return lose(reason: reason, now: now)

        case .time:
            if subscribed {
                if let sent = pingSentAt {
                    if lastHeard >= sent {
                        pingSentAt = nil
                    } else if now - sent > Self.heartbeatAnswerMs {
                        return lose(reason: "Redis stopped answering (no reply within \(Self.heartbeatAnswerMs / 1000) s)", now: now)
                    }
                } else if now - lastHeard > Self.heartbeatMs {
                    pingSentAt = now
                    return [.ping]
                }
            }
            if let due = reconnectAt, now >= due, let followed {
                reconnectAt = nil
                return [.connect(performanceID: followed, generation: generation)]
            }
            return []
        }
    }

    /// Closes the subscription (if any) and makes any connection under way stale.
    private mutating func dropSubscription() -> [Action] {
        generation += 1
        pingSentAt = nil
        defer { subscribed = false }
        return subscribed ? [.close] : []
    }

    private mutating func lose(reason: String, now: Int64) -> [Action] {
        let actions = dropSubscription()
        scheduleReconnect(now: now)
        return actions + [.report(.offline(reason: reason))]
    }

    private mutating func scheduleReconnect(now: Int64) {
        retryMs = retryMs == 0 ? Self.firstRetryMs : min(retryMs * 2, Self.maxRetryMs)
        reconnectAt = now + retryMs
    }
}
