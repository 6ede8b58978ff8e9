@_spi(Bench) @testable import Booking
import Foundation
import Synchronization
import XCTest

/// Many clerks racing for the same seats, with the real Redis and a real SQLite file: a loser is told who really has
/// the seat.
final class RaceTests: XCTestCase {
    var venue: TestVenue!
    override func setUpWithError() throws { venue = try TestVenue() }
    override func tearDown() { venue?.remove() }

    /// The moment of the bug, made to happen: the seat is booked, and another clerk's booking, which will find it so, has
    /// leased it meanwhile. A third clerk is told the booking, not the name of a clerk who never had the seat.
    func testALoserIsToldTheBookingNotAnotherLosersLease() throws {
        let alice = try venue.box("alice"), bob = try venue.box("bob"), carol = try venue.box("carol")
        let winner = try alice.book(performanceID: venue.performanceID, labels: ["B4"]).order
        // bob's booking in flight: its lease is taken, its transaction has not yet found B4 booked.
        try bob.holds.hold(performanceID: venue.performanceID, labels: ["B4"], clerk: bob.clerk,
                           ttlMs: HoldTiming.leaseMs, mode: .lease)
        XCTAssertThrowsError(try carol.book(performanceID: venue.performanceID, labels: ["B4"])) { error in
            XCTAssertEqual(error as? BookingError, .alreadyBooked(label: "B4", reference: winner.reference, at: winner.createdAt))
        }
        XCTAssertThrowsError(try carol.book(performanceID: venue.performanceID, labels: ["B5", "B4"])) { error in
            XCTAssertEqual(error as? BookingError, .alreadyBooked(label: "B4", reference: winner.reference, at: winner.createdAt))
        }
        let map = try carol.snapshot(performanceID: venue.performanceID)
        XCTAssertEqual(map.index(ofLabel: "B5").map { map.states[$0] }, .free, "nothing of a refused booking is kept")
    }

    /// A seat held (not leased) by a clerk who has not booked it: a booking is told that clerk, who really holds it.
    func testABookingMeetingAHoldNamesTheHolder() throws {
        let alice = try venue.box("alice"), bob = try venue.box("bob")
        _ = try alice.hold(performanceID: venue.performanceID, labels: ["C3"])
        XCTAssertThrowsError(try bob.book(performanceID: venue.performanceID, labels: ["C3"])) { error in
            guard case BookingError.heldByOther("C3", "alice", _) = error else { return XCTFail("\(error)") }
        }
    }

    /// 50 clerks book the same seat at once, five seats over: one wins each; every loser is told the winner's booking,
    /// or that the winner holds the seat (its lease, while it commits), never another loser.
    func testFiftyClerksBookOneSeatEveryLoserIsToldTheWinner() throws {
        let clerks = try (0..<50).map { try venue.box("c\($0)") }
        for label in ["A1", "A2", "A3", "A4", "A5"] {
            let results = Mutex<[(clerk: String, result: Result<BoxOffice.BookingOutcome, BookingError>)]>([])
            let start = DispatchSemaphore(value: 0), done = DispatchGroup()
            for box in clerks {
                done.enter()
                Thread.detachNewThread { [venue] in
                    start.wait()
                    let result: Result<BoxOffice.BookingOutcome, BookingError>
                    do {
                        result = .success(try box.book(performanceID: venue!.performanceID, labels: [label]))
                    } catch {
                        result = .failure(error as? BookingError ?? .invalidInput("\(error)"))
                    }
                    results.withLock { $0.append((box.clerk.name, result)) }
                    done.leave()
                }
            }
            for _ in clerks { start.signal() }
            done.wait()
            let all = results.withLock { $0 }
            let winners = all.compactMap { entry -> (clerk: String, order: Order, warnings: [String])? in
                if case .success(let outcome) = entry.result { return (entry.clerk, outcome.order, outcome.warnings) } else { return nil }
            }
            XCTAssertEqual(winners.count, 1, "\(label): exactly one booking")
            guard let winner = winners.first else { continue }
            for entry in all {
                guard case .failure(let error) = entry.result else { continue }
                switch error {
                case .alreadyBooked(label, winner.order.reference, _):
                    break
                case .heldByOther(label, winner.clerk, _):
                    break
                default:
                    let told = Dictionary(all.map { ($0.clerk, "\($0.result)") }, uniquingKeysWith: { a, _ in a })
                    let holder: String = if case .heldByOther(_, let name, _) = error { told[name] ?? "?" } else { "-" }
                    XCTFail("\(label): \(entry.clerk) was told \"\(error.description)\"; the winner is \(winner.clerk) (\(winner.order.reference), \(winner.warnings)); the holder named was told \(holder)")
                }
            }
        }
    }
}
