/// What waits to be sent to one listener of an event stream (an HTTP client's Server-Sent Events): bounded, and never
/// silently short. When a slow client lets it fill up, everything waiting is dropped and replaced by one message that
/// says "you missed events: read the seats again" (a `resync`), so the client reloads instead of drawing a map with
/// holes in it. Pure logic; the server keeps one per listener behind a lock.
public struct EventBacklog<Message> {
    public let capacity: Int
    public private(set) var waiting: [Message] = []
    /// How many times the backlog overflowed (and was replaced by a resync).
    public private(set) var overflows = 0

    public init(capacity: Int) {
        precondition(capacity >= 2, "a backlog must hold a resync and what follows it")
        self.capacity = capacity
    }

    /// Adds a message. If the backlog is full, what is waiting and this message are dropped and the backlog becomes
    /// the one message `resync` makes (given the message that did not fit). Returns true when that happened.
    @discardableResult
    public mutating func push(_ message: Message, resync: (Message) -> Message) -> Bool {
        guard waiting.count >= capacity else {
            waiting.append(message)
            return false
        }
        waiting = [resync(message)]
        overflows += 1
        return true
    }

    /// Everything waiting, oldest first; the backlog is empty afterwards.
    public mutating func takeAll() -> [Message] {
        defer { waiting = [] }
        return waiting
    }
}
extension EventBacklog: Sendable where Message: Sendable {}
