import Booking
import Foundation
import Synchronization
import XCTest

/// Group commit (the HTTP server's bookings): concurrent bookings share transactions, each in its own savepoint, so a
/// conflict fails only its own booking and every success is in the database. Real SQLite file, real Redis.
final class GroupCommitTests: XCTestCase {
    func testConcurrentBookingsCommitTogetherAndAConflictFailsOnlyItself() throws {
        let venue = try TestVenue()
        defer { venue.remove() }
        let setup = try venue.box("setup")
        let server = try BoxOffice(settings: venue.settings, clerk: TestVenue.clerk("web"), groupCommit: true)
        // 20 callers on distinct seats of rows A and B, and 10 more all on C5: 21 bookings must succeed.
        let labels = (1...10).map { "A\($0)" } + (1...10).map { "B\($0)" } + Array(repeating: "C5", count: 10)
        let results = Mutex<[Result<String, BookingError>]>([])
        DispatchQueue.concurrentPerform(iterations: labels.count) { i in
            let caller = server.acting(as: TestVenue.clerk("web-\(i)"))
            do {
                let outcome = try caller.book(performanceID: venue.performanceID, labels: [labels[i]])
                results.withLock { $0.append(.success(outcome.order.reference)) }
            } catch let error as BookingError {
                results.withLock { $0.append(.failure(error)) }
            } catch {
                XCTFail("unexpected error: \(error)")
            }
        }
        let all = results.withLock { $0 }
        let booked = all.compactMap { try? $0.get() }
        let conflicts = all.filter { if case .failure(let e) = $0 { return e.kind == .conflict } else { return false } }
        XCTAssertEqual(booked.count, 21, "every distinct seat, and C5 once")
        XCTAssertEqual(conflicts.count, 9, "the other nine bookings of C5 fail, each alone")
        // A batch leases before it writes and clears its leases after it commits, so a loser either met the winner's
        // lease in the same batch (whose booking its transaction sees by then) or came in a later batch: either way
        // it is told the booking that has the seat, never a holder who is about to let go.
        let c5 = try setup.snapshot(performanceID: venue.performanceID)
        let winner = c5.seats.indices.first { c5.seats[$0].label == "C5" }.flatMap { i -> String? in
            if case .booked(let reference) = c5.states[i] { return reference } else { return nil }
        }
        XCTAssertNotNil(winner, "C5 is booked")
        for case .failure(let error) in all {
            guard case .alreadyBooked(let label, let reference, _) = error else { return XCTFail("a loser was told: \(error)") }
            XCTAssertEqual(label, "C5")
            XCTAssertEqual(reference, winner)
        }
        let map = try setup.snapshot(performanceID: venue.performanceID)
        XCTAssertEqual(map.counts.booked, 21, "every acknowledged booking is in the database")
        // A batch counts its ids on from one read (BatchMemo.nextIDs): every booking and ticket still has its own.
        XCTAssertEqual(Set(booked).count, booked.count, "no two bookings share a reference")
        var codes: Set<String> = []
        for reference in booked {
            let order = try setup.order(reference: reference)
            XCTAssertEqual(order.reference, reference)
            for line in order.seats { codes.insert(line.code ?? "") }
        }
        XCTAssertEqual(codes.count, 21, "every ticket has a code of its own")
    }

    /// An operator finds the writer every booking waits for by its name (`top -H`, `perf`): Foundation's `Thread.name`
    /// never reached the kernel on Linux, so it showed under the name of the thread that started it.
    func testTheWriterThreadIsNamedForOperators() throws {
        let venue = try TestVenue()
        defer { venue.remove() }
        let server = try BoxOffice(settings: venue.settings, clerk: TestVenue.clerk("web"), groupCommit: true)
        // A booking through the batch: once it is answered, the writer thread has run (and named itself).
        _ = try server.book(performanceID: venue.performanceID, labels: ["A1"])
        let names = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").compactMap { task in
            try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8).trimmingCharacters(in: .newlines)
        }
        XCTAssertTrue(names.contains("group-commit"), "threads: \(Set(names).sorted())")
    }
}
