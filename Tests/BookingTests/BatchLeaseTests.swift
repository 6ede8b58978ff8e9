@_spi(Bench) @testable import Booking
import Foundation
import Synchronization
import XCTest

/// The group commit's Redis side (`BatchLease`): the pure planning and reading of the batch scripts, the scripts
/// against the real redis-server, and the HTTP server's booking path (group commit on) through `BoxOffice.book`.
final class BatchLeaseTests: XCTestCase {
    private func request(_ perf: Int64, _ labels: [String], _ holder: String = "web") -> LeaseRequest {
        LeaseRequest(performanceID: perf, labels: labels, holder: holder, session: holder + "-s")
    }

    // MARK: Pure

    func testOneCallPerPerformanceInTheOrderTheyFirstAppear() {
        XCTAssertEqual(BatchLease.calls(performanceIDs: [7, 3, 7, 9, 3]),
                       [.init(performanceID: 7, members: [0, 2]), .init(performanceID: 3, members: [1, 4]), .init(performanceID: 9, members: [3])])
        XCTAssertEqual(BatchLease.calls(performanceIDs: []), [])
    }

    func testArgumentsNameEachBookingsHolderCountAndSeats() {
        XCTAssertEqual(BatchLease.leaseArguments([request(1, ["A1", "A2"], "t1"), request(1, ["B3"], "t2")]),
                       ["t1", "t1-s", "2", "A1", "A2", "t2", "t2-s", "1", "B3"])
        let booked = LeaseSettlement(request: request(1, ["A1"]), labels: ["A1"], reference: "K7Q4MX")
        let failed = LeaseSettlement(request: request(1, ["B1", "B2"]), labels: ["B2"], reference: nil)
        XCTAssertEqual(BatchLease.settleArguments([booked, failed]), ["web", "web-s", "K7Q4MX", "1", "A1", "web", "web-s", "", "1", "B2"])
    }

    func testRepliesMapBackToBookingsAndAWrongShapeIsOfflineNotGuessed() {
        let reply = RedisReply.array([.array([.integer(0), .string("A1")]), .array([.integer(1), .string("B2"), .string("alice"), .integer(4200)]),
                                      .array([.integer(0)])])
        XCTAssertEqual(BatchLease.outcomes(reply, count: 3),
                       [.leased(newlyHeld: ["A1"]), .refused(label: "B2", owner: "alice", msLeft: 4200), .leased(newlyHeld: [])])
        for outcome in BatchLease.outcomes(reply, count: 2) {
            guard case .offline = outcome else { return XCTFail("a reply for 3 bookings read as 2: \(outcome)") }
        }
        guard case .offline? = BatchLease.outcomes(.array([.array([.integer(5)])]), count: 1).first else { return XCTFail("unknown code") }
    }

    func testWhatEachBookingSettles() {
        let r = request(1, ["A1", "A2"])
        // Booked: every seat (its own holds go too) and the reference to announce.
        XCTAssertEqual(LeaseSettlement.after(r, outcome: .leased(newlyHeld: ["A2"]), reference: "REF", committed: true),
                       LeaseSettlement(request: r, labels: ["A1", "A2"], reference: "REF"))
        // Not committed, or not booked: only what the lease took, unannounced; nothing when it took nothing.
        XCTAssertEqual(LeaseSettlement.after(r, outcome: .leased(newlyHeld: ["A2"]), reference: "REF", committed: false),
                       LeaseSettlement(request: r, labels: ["A2"], reference: nil))
        XCTAssertEqual(LeaseSettlement.after(r, outcome: .leased(newlyHeld: ["A2"]), reference: nil, committed: true),
                       LeaseSettlement(request: r, labels: ["A2"], reference: nil))
        XCTAssertNil(LeaseSettlement.after(r, outcome: .leased(newlyHeld: []), reference: nil, committed: true))
        XCTAssertNil(LeaseSettlement.after(r, outcome: .refused(label: "A1", owner: "x", msLeft: 1), reference: nil, committed: true))
        XCTAssertNil(LeaseSettlement.after(r, outcome: nil, reference: "REF", committed: true), "no lease asked: nothing")
        // Redis was offline: a booking that committed is still announced if Redis is back.
        XCTAssertEqual(LeaseSettlement.after(r, outcome: .offline("down"), reference: "REF", committed: true),
                       LeaseSettlement(request: r, labels: ["A1", "A2"], reference: "REF"))
        XCTAssertNil(LeaseSettlement.after(r, outcome: .offline("down"), reference: nil, committed: true))
    }

    // MARK: The scripts, against the real redis-server

    func testTheScriptsLeaseRefuseKeepOwnHoldsAndSettle() throws {
        let venue = try TestVenue()
        defer { venue.remove() }
        let perf = venue.performanceID
        let alice = try venue.box("alice")
        let holds = RedisHolds(endpoint: venue.settings.redis, namespace: venue.settings.redisNamespace)
        _ = try alice.hold(performanceID: perf, labels: ["A1"])      // another holder's seat
        let web = try venue.box("web")
        _ = try web.hold(performanceID: perf, labels: ["B1"])        // the booking's own hold
        let before = try holds.holds(performanceID: perf).version
        let outcomes = holds.leaseBatch([request(perf, ["B1", "B2"]), request(perf, ["C1", "A1"], "other"), request(perf, ["C3"])], ttlMs: 15_000)
        XCTAssertEqual(outcomes[0], .leased(newlyHeld: ["B2"]), "B1 was the holder's own")
        guard case .refused(let label, let owner, let msLeft) = outcomes[1] else { return XCTFail("\(outcomes[1])") }
        XCTAssertEqual([label, owner], ["A1", "alice"])
        XCTAssertGreaterThan(msLeft, 0)
        XCTAssertEqual(outcomes[2], .leased(newlyHeld: ["C3"]))
        let holders = try holds.holders(performanceID: perf, labels: ["B1", "B2", "C1", "C3"])
        XCTAssertEqual(holders.map { $0?.clerk }, ["web", "web", nil, "web"], "the refused booking took nothing (not even C1)")
        XCTAssertEqual(try holds.holds(performanceID: perf).version, before, "a lease is not announced")

        let subscription = alice.subscribe(performanceID: perf)
        try subscription.connect()
        defer { subscription.close() }
        try holds.settleBatch([LeaseSettlement(request: request(perf, ["B1", "B2"]), labels: ["B1", "B2"], reference: "REF111"),
                               LeaseSettlement(request: request(perf, ["C3"]), labels: ["C3"], reference: nil)])
        XCTAssertEqual(try holds.holders(performanceID: perf, labels: ["A1", "B1", "B2", "C3"]).map { $0?.clerk }, ["alice", nil, nil, nil])
        let left = try holds.holds(performanceID: perf)
        XCTAssertEqual(left.holds.map(\.label), ["A1"], "the own hold left the index too")
        XCTAssertEqual(left.version, before + 1, "one event: the booking")
        var pfd = pollfd(fd: subscription.fileDescriptor!, events: Int16(POLLIN), revents: 0)
        XCTAssertEqual(poll(&pfd, 1, 2000), 1, "the book event should arrive")
        let events = try subscription.readEvents()
        XCTAssertEqual(events.map(\.kind), [.book])
        XCTAssertEqual(events.first?.labels, ["B1", "B2"])
        XCTAssertEqual(events.first?.reference, "REF111")
    }

    // MARK: The server's booking path (group commit on)

    func testBatchedBookingsRefuseAnotherHoldersSeatBookOwnHoldsAndAnnounce() throws {
        let venue = try TestVenue()
        defer { venue.remove() }
        let perf = venue.performanceID
        let server = try BoxOffice(settings: venue.settings, clerk: TestVenue.clerk("web"), groupCommit: true)
        let alice = try venue.box("alice")
        _ = try alice.hold(performanceID: perf, labels: ["A5"])
        let shopper = server.acting(as: TestVenue.clerk("token-1"))
        _ = try shopper.hold(performanceID: perf, labels: ["B5"])
        XCTAssertThrowsError(try shopper.book(performanceID: perf, labels: ["A4", "A5"])) { error in
            guard case BookingError.heldByOther(let label, let clerk, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual([label, clerk], ["A5", "alice"], "refused, naming the holder")
        }
        let subscription = alice.subscribe(performanceID: perf)
        try subscription.connect()
        defer { subscription.close() }
        let outcome = try shopper.book(performanceID: perf, labels: ["B5", "B6"])
        XCTAssertEqual(outcome.warnings, [])
        var pfd = pollfd(fd: subscription.fileDescriptor!, events: Int16(POLLIN), revents: 0)
        XCTAssertEqual(poll(&pfd, 1, 2000), 1, "the book event should arrive")
        let event = try subscription.readEvents().first
        XCTAssertEqual(event?.kind, .book)
        XCTAssertEqual(event?.labels, ["B5", "B6"])
        XCTAssertEqual(event?.reference, outcome.order.reference)
        let map = try alice.snapshot(performanceID: perf)
        XCTAssertEqual(map.counts.booked, 2)
        XCTAssertEqual(map.counts.held, 1, "only alice's A5: the shopper's hold went with the booking, and the refused booking leased nothing")
        // The seat is sold: another holder's booking is refused by the database, naming the booking.
        XCTAssertThrowsError(try server.acting(as: TestVenue.clerk("token-2")).book(performanceID: perf, labels: ["B6"])) { error in
            guard case BookingError.alreadyBooked(let label, let reference, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual([label, reference], ["B6", outcome.order.reference])
        }
    }

    func testFiftyCallersOnOneSeatInBatchesBookItOnce() throws {
        let venue = try TestVenue()
        defer { venue.remove() }
        let server = try BoxOffice(settings: venue.settings, clerk: TestVenue.clerk("web"), groupCommit: true)
        let booked = Atomic(0), refused = Atomic(0)
        DispatchQueue.concurrentPerform(iterations: 50) { i in
            do {
                _ = try server.acting(as: TestVenue.clerk("racer-\(i)")).book(performanceID: venue.performanceID, labels: ["C7"])
                booked.add(1, ordering: .relaxed)
            } catch let error as BookingError where error.kind == .conflict {
                refused.add(1, ordering: .relaxed)
            } catch {
                XCTFail("unexpected: \(error)")
            }
        }
        XCTAssertEqual(booked.load(ordering: .relaxed), 1)
        XCTAssertEqual(refused.load(ordering: .relaxed), 49)
        let map = try venue.box("setup").snapshot(performanceID: venue.performanceID)
        XCTAssertEqual(map.counts.booked, 1)
        XCTAssertEqual(map.counts.held, 0, "no lease left behind by the 49 refused")
    }
}
