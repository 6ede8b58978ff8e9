import Testing
@testable import TUI

/// The link keeper on its own: events and a clock in, actions out.
@Suite struct LinkKeeperTests {
    typealias K = LinkKeeper

    /// A keeper following performance 7 with a confirmed subscription, at t = 1 s.
    static func live() -> K {
        var keeper = K()
        #expect(keeper.handle(.follow(7), now: 0) == [.connect(performanceID: 7, generation: 1)])
        #expect(keeper.handle(.connected(performanceID: 7, generation: 1), now: 1_000) == [.adopt, .report(.live)])
        return keeper
    }

    @Test func followingConnectsAndAConfirmedConnectionIsLive() {
        var keeper = Self.live()
        #expect(keeper.subscribed)
        // Leaving the map closes the subscription and connects to nothing.
        #expect(keeper.handle(.follow(nil), now: 2_000) == [.close])
        #expect(!keeper.subscribed && keeper.followed == nil)
        #expect(keeper.handle(.time, now: 60_000).isEmpty)
    }

    @Test func aLateConnectionForAnotherPerformanceIsDiscarded() {
        var keeper = K()
        _ = keeper.handle(.follow(7), now: 0)
        #expect(keeper.handle(.follow(8), now: 10) == [.connect(performanceID: 8, generation: 2)])
        #expect(keeper.handle(.connected(performanceID: 7, generation: 1), now: 20) == [.discard])
        #expect(keeper.handle(.connectFailed(reason: "late", performanceID: 7, generation: 1), now: 20).isEmpty)
        #expect(keeper.handle(.connected(performanceID: 8, generation: 2), now: 30) == [.adopt, .report(.live)])
    }

    @Test func failedConnectionsRetryWithABackOffUpToFiveSeconds() {
        var keeper = K()
        _ = keeper.handle(.follow(7), now: 0)
        var now: Int64 = 0
        var generation = 1
        var delays: [Int64] = []
        for _ in 0..<7 {
            #expect(keeper.handle(.connectFailed(reason: "refused", performanceID: 7, generation: generation), now: now)
                    == [.report(.offline(reason: "refused"))])
            let due = keeper.reconnectAt!
            delays.append(due - now)
            #expect(keeper.handle(.time, now: due - 1).isEmpty)  // not before it is due
            #expect(keeper.handle(.time, now: due) == [.connect(performanceID: 7, generation: generation)])
            #expect(keeper.reconnectAt == nil)
            now = due
        }
        #expect(delays == [250, 500, 1_000, 2_000, 4_000, 5_000, 5_000])
        // A confirmed connection starts the back-off afresh.
        generation = keeper.generation
        _ = keeper.handle(.connected(performanceID: 7, generation: generation), now: now)
        #expect(keeper.handle(.lost(reason: "closed"), now: now) == [.close, .report(.offline(reason: "closed"))])
        #expect(keeper.reconnectAt == now + 250)
    }

    @Test func aQuietLinkIsPingedAfterFiveSecondsAndLostAfterTwoMoreWithoutAnswer() {
        var keeper = Self.live()
        #expect(keeper.handle(.time, now: 6_000).isEmpty)  // exactly 5 s quiet: not yet
        #expect(keeper.handle(.time, now: 6_001) == [.ping])
        #expect(keeper.handle(.time, now: 7_000).isEmpty)  // one PING at a time
        #expect(keeper.handle(.time, now: 8_001).isEmpty)  // 2 s to answer
        let lost = keeper.handle(.time, now: 8_002)
        #expect(lost == [.close, .report(.offline(reason: "Redis stopped answering (no reply within 2 s)"))])
        #expect(!keeper.subscribed)
        #expect(keeper.handle(.time, now: 8_002 + 250) == [.connect(performanceID: 7, generation: keeper.generation)])
    }

    @Test func anAnswerOrAnEventKeepsTheLinkLive() {
        var keeper = Self.live()
        _ = keeper.handle(.time, now: 6_001)  // PING
        #expect(keeper.handle(.heard, now: 6_500).isEmpty)
        #expect(keeper.handle(.time, now: 9_000).isEmpty)  // answered: no loss, and quiet for only 2.5 s
        #expect(keeper.handle(.time, now: 11_501) == [.ping])
        // Events keep it from being quiet at all.
        var busy = Self.live()
        for t in stride(from: Int64(2_000), through: 30_000, by: 3_000) {
            #expect(busy.handle(.heard, now: t).isEmpty)
            #expect(busy.handle(.time, now: t + 1).isEmpty)
        }
    }

    @Test func aCommandThatFindsRedisSilentDropsTheLinkAndReconnectsQuietly() {
        var keeper = Self.live()
        // Not the performance followed: nothing to do.
        #expect(keeper.handle(.commandFoundRedisSilent(performanceID: 8), now: 2_000).isEmpty)
        // `update` has already said holds are offline: no report, only the close and a reconnect after 250 ms.
        #expect(keeper.handle(.commandFoundRedisSilent(performanceID: 7), now: 2_000) == [.close])
        #expect(keeper.handle(.time, now: 2_250) == [.connect(performanceID: 7, generation: keeper.generation)])
        // A loss reported after the link is already down changes nothing.
        #expect(keeper.handle(.lost(reason: "again"), now: 2_300).isEmpty)
    }
}
