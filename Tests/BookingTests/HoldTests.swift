@_spi(Bench) @testable import Booking
import Foundation
import Synchronization
import TestSupport
import XCTest

final class HoldTests: XCTestCase {
    var venue: TestVenue!
    override func setUpWithError() throws { venue = try TestVenue() }
    override func tearDown() { venue?.remove() }

    func testHoldShowsInEveryClerksSnapshot() throws {
        let alice = try venue.box("alice"), bob = try venue.box("bob")
        _ = try alice.hold(performanceID: venue.performanceID, labels: ["A3"])
        let map = try bob.snapshot(performanceID: venue.performanceID)
        guard case .held(let clerk, _, let ms) = map.states[map.index(ofLabel: "A3")!] else {
            return XCTFail("A3 should be held, is \(map.states[map.index(ofLabel: "A3")!])")
        }
        XCTAssertEqual(clerk, "alice")
        XCTAssertGreaterThan(ms, 290_000)
        XCTAssertTrue(map.holdsOnline)
        XCTAssertGreaterThan(map.version, 0)
    }

    func testHoldExpiresByItself() throws {
        let alice = try venue.box("alice")
        _ = try alice.hold(performanceID: venue.performanceID, labels: ["B2"], ttlMs: 1000)
        let before = try alice.snapshot(performanceID: venue.performanceID)
        XCTAssertEqual(before.states[before.index(ofLabel: "B2")!].name, "held")
        let freed = try eventually(within: 5) {
            let map = try alice.snapshot(performanceID: venue.performanceID)
            return map.states[map.index(ofLabel: "B2")!] == .free
        }
        XCTAssertTrue(freed, "a 1 s hold should free itself")
        // And another clerk can then book it.
        let order = try venue.box("bob").book(performanceID: venue.performanceID, labels: ["B2"]).order
        XCTAssertEqual(order.seats.map(\.label), ["B2"])
    }

    func testHoldingSeveralSeatsIsAllOrNothing() throws {
        let alice = try venue.box("alice"), bob = try venue.box("bob")
        _ = try alice.hold(performanceID: venue.performanceID, labels: ["C2"])
        XCTAssertThrowsError(try bob.hold(performanceID: venue.performanceID, labels: ["C1", "C2", "C3"])) { error in
            guard case BookingError.heldByOther(let label, let clerk, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(label, "C2")
            XCTAssertEqual(clerk, "alice")
            XCTAssertEqual((error as! BookingError).kind, .conflict)
        }
        let map = try bob.snapshot(performanceID: venue.performanceID)
        XCTAssertEqual(map.states[map.index(ofLabel: "C1")!], .free)
        XCTAssertEqual(map.states[map.index(ofLabel: "C3")!], .free)
    }

    func testOnlyTheOwnerReleases() throws {
        let alice = try venue.box("alice"), bob = try venue.box("bob")
        _ = try alice.hold(performanceID: venue.performanceID, labels: ["A1", "A2"])
        XCTAssertThrowsError(try bob.release(performanceID: venue.performanceID, labels: ["A1"])) { error in
            XCTAssertEqual(error as? BookingError, .notHolder(labels: ["A1"]))
            XCTAssertEqual((error as? BookingError)?.kind, .badInput)
        }
        XCTAssertEqual(try alice.snapshot(performanceID: venue.performanceID).counts.held, 2)
        // The same clerk from another process (another session) may release it.
        let aliceElsewhere = try venue.box("alice")
        XCTAssertEqual(try aliceElsewhere.release(performanceID: venue.performanceID, labels: ["A1"]), ["A1"])
        XCTAssertEqual(try alice.snapshot(performanceID: venue.performanceID).counts.held, 1)
    }

    func testSessionScopedReleaseLeavesOtherSessionsHolds() throws {
        let tui = try venue.box("alice"), cli = try venue.box("alice")
        _ = try tui.hold(performanceID: venue.performanceID, labels: ["A1"])
        _ = try cli.hold(performanceID: venue.performanceID, labels: ["A2"])
        let released = try tui.release(performanceID: venue.performanceID, labels: ["A1", "A2"], scope: .session)
        XCTAssertEqual(released, ["A1"])
        let map = try tui.snapshot(performanceID: venue.performanceID)
        XCTAssertEqual(map.states[map.index(ofLabel: "A2")!].name, "held")
    }

    func testHoldingABookedSeatNamesTheBooking() throws {
        let order = try venue.box("alice").book(performanceID: venue.performanceID, labels: ["A5"]).order
        XCTAssertThrowsError(try venue.box("bob").hold(performanceID: venue.performanceID, labels: ["A5"])) { error in
            guard case BookingError.alreadyBooked(let label, let ref, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(label, "A5")
            XCTAssertEqual(ref, order.reference)
        }
    }

    func testEventsReachASubscriber() throws {
        let alice = try venue.box("alice")
        let subscription = alice.subscribe(performanceID: venue.performanceID)
        // connect() returns once Redis has confirmed the subscription, so the hold below cannot be missed.
        try subscription.connect()
        var pfd = pollfd(fd: subscription.fileDescriptor!, events: Int16(POLLIN), revents: 0)
        _ = try venue.box("bob").hold(performanceID: venue.performanceID, labels: ["B7", "B8"])
        XCTAssertEqual(poll(&pfd, 1, 2000), 1, "the hold's event should arrive")
        let events = try subscription.readEvents()
        XCTAssertEqual(events.first?.kind, .hold)
        XCTAssertEqual(events.first?.labels, ["B7", "B8"])
        XCTAssertEqual(events.first?.clerk, "bob")
    }

    func testSubscribingToAStoppedRedisFailsInsteadOfClaimingLive() throws {
        let server = try PrivateRedis()
        let endpoint = RedisEndpoint(address: .unix(path: server.socket))
        XCTAssertNoThrow(try RedisHolds(endpoint: endpoint).ping(), "redis-server answers")
        server.pause()
        let subscription = EventSubscription(endpoint: endpoint, namespace: "t", performanceID: 1)
        XCTAssertThrowsError(try subscription.connect(confirmWithin: .milliseconds(300))) { error in
            guard case BookingError.holdsUnavailable(let why) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(why.contains("did not answer"), why)
        }
        XCTAssertFalse(subscription.isConnected)
        server.resume()
        XCTAssertNoThrow(try subscription.connect())
    }

    func testBestAvailableHoldsSeatsTogether() throws {
        let alice = try venue.box("alice")
        let outcome = try alice.holdBestAvailable(performanceID: venue.performanceID, count: 3)
        XCTAssertEqual(outcome.labels.count, 3)
        let map = try alice.snapshot(performanceID: venue.performanceID)
        let seats = outcome.labels.map { map.seats[map.index(ofLabel: $0)!] }
        XCTAssertEqual(Set(seats.map(\.y)).count, 1, "one row")
        XCTAssertEqual(seats.map(\.x), Array(seats[0].x..<(seats[0].x + 3)), "adjacent")
        XCTAssertThrowsError(try alice.holdBestAvailable(performanceID: venue.performanceID, count: 0))
        XCTAssertThrowsError(try alice.holdBestAvailable(performanceID: venue.performanceID, count: -2))
    }

    /// One web customer's token (`X-Hold-Token`) racing itself: 30 requests at once, each on its own Redis connection,
    /// each for one seat, with a limit of 10. The limit is counted in the same script as the hold, so exactly 10 win
    /// (a count read before the hold let every request of the race pass it).
    func testOneTokenRacingItselfGetsNoMoreThanItsLimit() throws {
        let limit = 10
        let labels = ["A", "B", "C"].flatMap { row in (1...10).map { "\(row)\($0)" } }
        let customers = try labels.map { _ in try venue.box("shop").acting(as: Clerk.webCaller(name: "shop", holdToken: "customer-1")) }
        let results = Mutex<[Result<BoxOffice.HoldOutcome, BookingError>]>([])
        let start = DispatchSemaphore(value: 0), done = DispatchGroup()
        for (box, label) in zip(customers, labels) {
            done.enter()
            Thread.detachNewThread { [venue] in
                start.wait()
                let result: Result<BoxOffice.HoldOutcome, BookingError>
                do {
                    result = .success(try box.hold(performanceID: venue!.performanceID, labels: [label], maxHeld: limit))
                } catch {
                    result = .failure(error as? BookingError ?? .invalidInput("\(error)"))
                }
                results.withLock { $0.append(result) }
                done.leave()
            }
        }
        for _ in labels { start.signal() }
        done.wait()
        let all = results.withLock { $0 }
        let won = all.filter { if case .success = $0 { true } else { false } }.count
        XCTAssertEqual(won, limit, "one token holds at most \(limit) seats however its requests race")
        for case .failure(let error) in all {
            guard case .invalidInput(let message) = error else { XCTFail("a loser should be told the limit, was \(error)"); continue }
            XCTAssertTrue(message.contains("at most \(limit) seats"), message)
        }
        let holder = customers[0].clerk.holder
        let map = try venue.box("alice").snapshot(performanceID: venue.performanceID)
        let heldByToken = map.states.filter { if case .held(let clerk, _, _) = $0 { clerk == holder } else { false } }.count
        XCTAssertEqual(heldByToken, limit, "Redis holds exactly the limit for the token")
        // Another customer of the same shop has a limit of its own.
        let other = try venue.box("shop").acting(as: Clerk.webCaller(name: "shop", holdToken: "customer-2"))
        let free = labels.filter { label in map.index(ofLabel: label).map { map.states[$0] == .free } ?? false }
        XCTAssertNoThrow(try other.hold(performanceID: venue.performanceID, labels: Array(free.prefix(limit)), maxHeld: limit))
    }

    // MARK: The token's limit counts across performances

    /// A second performance of the test theater, on sale like the first.
    private func secondPerformance() throws -> Int64 {
        let box = try venue.box("setup")
        let theater = try box.resolveTheater(String(venue.theaterID))
        return try box.addPerformance(theater: theater, title: "Test Matinee", startsAt: Date().addingTimeInterval(2 * 86_400)).id
    }

    private func customer(_ token: String) throws -> BoxOffice {
        try venue.box("shop").acting(as: Clerk.webCaller(name: "shop", holdToken: token))
    }

    private func assertRefusedByTheLimit(_ expression: @autoclosure () throws -> Any, limit: Int, holds: Int,
                                         file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try expression(), file: file, line: line) { error in
            guard case BookingError.invalidInput(let message) = error else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertTrue(message.contains("at most \(limit) seats"), message, file: file, line: line)
            XCTAssertTrue(message.contains("it holds \(holds) "), message, file: file, line: line)
        }
    }

    /// Ten seats held in one performance leave the token nothing in another (it was counted per performance: ten in
    /// each of forty performances held the house). Releasing one gives the token one back, anywhere.
    func testOneTokensLimitCountsItsSeatsInEveryPerformance() throws {
        let matinee = try secondPerformance()
        let token = try customer("customer-1")
        let ten = (1...10).map { "A\($0)" }
        _ = try token.hold(performanceID: venue.performanceID, labels: ten, maxHeld: 10)
        assertRefusedByTheLimit(try token.hold(performanceID: matinee, labels: ["B1"], maxHeld: 10), limit: 10, holds: 10)
        XCTAssertEqual(try token.snapshot(performanceID: matinee).counts.held, 0, "the refused hold took nothing")
        // Holding again what it holds is no new seat.
        XCTAssertNoThrow(try token.hold(performanceID: venue.performanceID, labels: ["A1", "A2"], maxHeld: 10))
        // Released: one seat back, in the other performance.
        XCTAssertEqual(try token.release(performanceID: venue.performanceID, labels: ["A10"]), ["A10"])
        XCTAssertNoThrow(try token.hold(performanceID: matinee, labels: ["B1"], maxHeld: 10))
        assertRefusedByTheLimit(try token.hold(performanceID: matinee, labels: ["B2"], maxHeld: 10), limit: 10, holds: 10)
        // Booked: a booked seat is no longer held, so it no longer counts.
        _ = try token.book(performanceID: venue.performanceID, labels: ["A1", "A2"])
        XCTAssertNoThrow(try token.hold(performanceID: matinee, labels: ["B2", "B3"], maxHeld: 10))
        assertRefusedByTheLimit(try token.hold(performanceID: matinee, labels: ["B4"], maxHeld: 10), limit: 10, holds: 10)
        // Another customer of the same shop counts its own seats.
        XCTAssertNoThrow(try customer("customer-2").hold(performanceID: matinee, labels: (1...10).map { "C\($0)" }, maxHeld: 10))
    }

    /// Holds that expire give the token its seats back (the count is never left behind to lock it out), and the
    /// token's set of seats in Redis expires with them.
    func testExpiredHoldsNoLongerCountAndTheirCountExpiresToo() throws {
        let matinee = try secondPerformance()
        let token = try customer("customer-1")
        _ = try token.hold(performanceID: venue.performanceID, labels: (1...10).map { "A\($0)" }, ttlMs: 1000, maxHeld: 10)
        let setKey = RedisKeys.holderSeats(namespace: venue.settings.redisNamespace, holder: token.clerk.holder)
        let redis = RedisHolds(endpoint: venue.settings.redis)
        let ttl = Int(try redis.command(["PTTL", setKey]).integer ?? -2)
        XCTAssertGreaterThan(ttl, 0, "the token's set of seats expires by itself")
        XCTAssertLessThanOrEqual(ttl, 1000 + HoldTiming.leaseMs, "...no later than its holds and a booking's lease")
        assertRefusedByTheLimit(try token.hold(performanceID: matinee, labels: ["B1"], maxHeld: 10), limit: 10, holds: 10)
        let freed = try eventually(within: 5) { try token.snapshot(performanceID: venue.performanceID).counts.held == 0 }
        XCTAssertTrue(freed, "1 s holds should expire")
        XCTAssertNoThrow(try token.hold(performanceID: matinee, labels: (1...10).map { "B\($0)" }, maxHeld: 10),
                         "after its holds expired the token holds ten again")
        // The refused and the expired are pruned: the set names only the ten live holds.
        XCTAssertEqual(try redis.command(["SCARD", setKey]).integer, 10)
    }

    /// Thirty holds of one token racing each other across two performances, each request on its own connection:
    /// exactly ten win, whichever performance they are for.
    func testOneTokenRacingItselfAcrossTwoPerformancesGetsNoMoreThanItsLimit() throws {
        let limit = 10
        let matinee = try secondPerformance()
        let requests: [(performance: Int64, label: String)] = ["A", "B", "C"].flatMap { row in
            (1...10).map { n in (n % 2 == 0 ? matinee : venue.performanceID, "\(row)\(n)") }
        }
        let customers = try requests.map { _ in try customer("customer-1") }
        let results = Mutex<[Result<BoxOffice.HoldOutcome, BookingError>]>([])
        let start = DispatchSemaphore(value: 0), done = DispatchGroup()
        for (box, request) in zip(customers, requests) {
            done.enter()
            Thread.detachNewThread {
                start.wait()
                let result: Result<BoxOffice.HoldOutcome, BookingError>
                do {
                    result = .success(try box.hold(performanceID: request.performance, labels: [request.label], maxHeld: limit))
                } catch {
                    result = .failure(error as? BookingError ?? .invalidInput("\(error)"))
                }
                results.withLock { $0.append(result) }
                done.leave()
            }
        }
        for _ in requests { start.signal() }
        done.wait()
        let all = results.withLock { $0 }
        XCTAssertEqual(all.filter { if case .success = $0 { true } else { false } }.count, limit)
        for case .failure(let error) in all {
            guard case .invalidInput(let message) = error else { XCTFail("a loser should be told the limit, was \(error)"); continue }
            XCTAssertTrue(message.contains("at most \(limit) seats"), message)
        }
        let holder = customers[0].clerk.holder
        let held = try [venue.performanceID, matinee].map { id in
            try venue.box("alice").snapshot(performanceID: id).states.filter {
                if case .held(let clerk, _, _) = $0 { clerk == holder } else { false }
            }.count
        }
        XCTAssertEqual(held.reduce(0, +), limit, "Redis holds exactly the limit for the token, in both performances together: \(held)")
    }
}
