import Booking
import XCTest

/// A listener's backlog of events: bounded, and a client that falls behind is told (one resync in place of what it
/// missed), never silently short.
final class EventBacklogTests: XCTestCase {
    enum Message: Equatable { case event(Int), resync(Int) }
    private func resync(_ m: Message) -> Message { if case .event(let v) = m { .resync(v) } else { m } }

    func testMessagesWaitInOrderUpToTheCapacity() {
        var backlog = EventBacklog<Message>(capacity: 3)
        for v in 1...3 { XCTAssertFalse(backlog.push(.event(v), resync: resync)) }
        XCTAssertEqual(backlog.takeAll(), [.event(1), .event(2), .event(3)])
        XCTAssertEqual(backlog.takeAll(), [], "taking empties it")
        XCTAssertEqual(backlog.overflows, 0)
    }

    func testAnOverflowDropsTheBacklogForOneResync() {
        var backlog = EventBacklog<Message>(capacity: 3)
        for v in 1...3 { backlog.push(.event(v), resync: resync) }
        XCTAssertTrue(backlog.push(.event(4), resync: resync), "the fourth does not fit")
        XCTAssertEqual(backlog.waiting, [.resync(4)], "nothing of the backlog is sent: one resync at the newest version")
        backlog.push(.event(5), resync: resync)
        XCTAssertEqual(backlog.takeAll(), [.resync(4), .event(5)], "events after the resync follow it")
        XCTAssertEqual(backlog.overflows, 1)
    }

    func testAClientThatNeverReadsHoldsAtMostTheCapacity() {
        var backlog = EventBacklog<Message>(capacity: 1000)
        for v in 1...100_000 { backlog.push(.event(v), resync: resync) }
        XCTAssertLessThanOrEqual(backlog.waiting.count, 1000)
        XCTAssertEqual(backlog.waiting.first, .resync(99_001), "what waits starts with a resync")
        XCTAssertEqual(backlog.waiting.last, .event(100_000), "and ends with the newest event")
        XCTAssertEqual(backlog.overflows, 99)
    }
}
