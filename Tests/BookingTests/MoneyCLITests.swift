@_spi(Bench) import Booking
import Foundation
import TestSupport
import XCTest

/// The money commands through the real binary: the JSON fields, and each bad input's exit code and message.
final class MoneyCLITests: XCTestCase {
    var venue: TestVenue!
    override func setUpWithError() throws {
        _ = try CLI.binary()
        venue = try TestVenue()
    }
    override func tearDown() { venue?.remove() }

    func run(_ args: String..., env extra: [String: String] = [:]) throws -> RunResult {
        var env = venue.environment
        env["BOXOFFICE_CLERK"] = "ann"
        env.merge(extra) { $1 }
        return try CLI.run(args, env: env)
    }

    var theater: String { String(venue.theaterID) }

    func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    func testBookPayCancelAndExchangeWithJSON() throws {
        XCTAssertEqual(try run("prices", "set", theater, "S", "Child=15").status, 0)
        let booked = try run("book", theater, "B1", "B2", "B3", "--type", "b3=child", "--pay", "cash=40", "--tendered", "50",
                             "--pay", "card", "--reference", "T-9", "--json")
        XCTAssertEqual(booked.status, 0, booked.stderr)
        let o = try json(booked.stdout)
        XCTAssertEqual(o["status"] as? String, "paid")
        XCTAssertEqual(o["total_cents"] as? Int, 7500)
        XCTAssertEqual(o["paid_cents"] as? Int, 7500)
        XCTAssertEqual(o["change_cents"] as? Int, 1000)
        XCTAssertEqual(o["currency"] as? String, "GBP")
        let tickets = try XCTUnwrap(o["tickets"] as? [[String: Any]])
        XCTAssertEqual(tickets.map { $0["type"] as? String }, ["Adult", "Adult", "Child"])
        XCTAssertEqual(tickets.map { $0["status"] as? String }, ["active", "active", "active"])
        let payments = try XCTUnwrap(o["payments"] as? [[String: Any]])
        XCTAssertEqual(payments.map { $0["method"] as? String }, ["cash", "card"])
        XCTAssertEqual(payments.map { $0["kind"] as? String }, ["payment", "payment"])
        XCTAssertEqual(payments.map { $0["clerk"] as? String }, ["ann", "ann"])
        let reference = try XCTUnwrap(o["reference"] as? String)

        let cancelled = try run("cancel", reference, "--seats", "B3", "--json")
        XCTAssertEqual(cancelled.status, 0, cancelled.stderr)
        let c = try json(cancelled.stdout)
        XCTAssertEqual(c["total_cents"] as? Int, 6000)
        XCTAssertEqual(c["paid_cents"] as? Int, 6000)
        XCTAssertEqual((c["payments"] as? [[String: Any]])?.last?["amount_cents"] as? Int, -1500)
        XCTAssertEqual((c["payments"] as? [[String: Any]])?.last?["kind"] as? String, "refund")

        let exchanged = try run("exchange", reference, "--to", "A1", "A2", "--pay", "card")
        XCTAssertEqual(exchanged.status, 0, exchanged.stderr)
        XCTAssertTrue(exchanged.stdout.contains("Took £40.00 by card"), exchanged.stdout)
        let found = try json(String(try run("find", reference, "--json").stdout.drop { $0 != "{" }.dropLast(2)))
        XCTAssertEqual(found["total_cents"] as? Int, 10_000)
        XCTAssertEqual(found["paid_cents"] as? Int, 10_000)
        XCTAssertEqual(found["reference"] as? String, reference)
    }

    /// `exchange --seats … --performance`: some tickets to another performance, through the binary: the reference kept,
    /// each ticket's `performance_id` in `find --json` (and `GET /v1/bookings/{ref}`, the same JSON), the text naming
    /// each performance's seats, `cancel <ref> --seats` refusing to guess between two B1s, `cancel --performance` of a
    /// mixed booking, and the report per performance.
    func testSomeTicketsToAnotherPerformanceThroughTheCommandLine() throws {
        let booked = try run("book", theater, "B1", "B2", "B3", "--pay", "card", "--json")
        XCTAssertEqual(booked.status, 0, booked.stderr)
        let reference = try XCTUnwrap(try json(booked.stdout)["reference"] as? String)
        let box = try venue.box("ann")
        let perf = venue.performanceID
        let other = try box.addPerformance(theater: try box.resolveTheater(theater), title: "Matinee",
                                           startsAt: Date().addingTimeInterval(2 * 86_400)).id

        // Onto a held-back or a sold seat of the other performance: exit 2, nothing changed.
        _ = try box.holdBack(performanceID: other, labels: ["C5"], code: "PRESS")
        XCTAssertEqual(try run("book", theater, "C6", "--performance", String(other)).status, 0)
        let unchanged = try run("find", reference, "--json").stdout
        for seat in ["C5", "C6"] {
            let refused = try run("exchange", reference, "--seats", "B2", "--to", seat, "--performance", String(other))
            XCTAssertEqual(refused.status, 2, "\(seat): \(refused.stderr)")
            XCTAssertTrue(refused.stderr.contains(seat == "C5" ? "held back" : "already booked"), refused.stderr)
            XCTAssertEqual(try run("find", reference, "--json").stdout, unchanged, "a refused exchange onto \(seat) changed the booking")
        }
        let up = try run("exchange", reference, "--seats", "B2", "--to", "A5", "--performance", String(other), "--pay", "card")
        XCTAssertEqual(up.status, 0, up.stderr)
        XCTAssertTrue(up.stdout.contains("B2 → A5 on booking \(reference) (to performance \(other))"), up.stdout)
        XCTAssertTrue(up.stdout.contains("B1, B3 (performance \(perf)); A5 (performance \(other))"), up.stdout)
        XCTAssertTrue(up.stdout.contains("Took £20.00 by card"), up.stdout)
        // B3 becomes B1 of the matinee (same price): now the booking has a B1 in each performance.
        let same = try run("exchange", reference, "--seats", "B3", "--to", "B1", "--performance", String(other), "--json")
        XCTAssertEqual(same.status, 0, same.stderr)
        let o = try json(same.stdout)
        XCTAssertEqual(o["reference"] as? String, reference)
        XCTAssertEqual(o["performance_id"] as? Int, Int(perf))
        XCTAssertEqual(o["total_cents"] as? Int, 11_000)
        XCTAssertEqual(o["paid_cents"] as? Int, 11_000)
        let active = try XCTUnwrap(o["tickets"] as? [[String: Any]]).filter { $0["status"] as? String == "active" }
        XCTAssertEqual(Set(active.map { "\($0["seat_number"] as? String ?? "")@\($0["performance_id"] as? Int ?? 0)" }),
                       ["B1@\(perf)", "A5@\(other)", "B1@\(other)"])
        let seats = try XCTUnwrap(o["seats"] as? [[String: Any]])
        XCTAssertEqual(Set(seats.map { $0["performance_id"] as? Int ?? 0 }), [Int(perf), Int(other)])
        let found = try run("find", reference)
        XCTAssertTrue(found.stdout.contains("\(perf),\(other)"), found.stdout)
        XCTAssertTrue(found.stdout.contains("B1 (performance \(perf)); A5 B1 (performance \(other))"), found.stdout)

        let before = try run("find", reference, "--json").stdout
        let ambiguous = try run("cancel", reference, "--seats", "B1")
        XCTAssertEqual(ambiguous.status, 1)
        XCTAssertTrue(ambiguous.stderr.contains("has seat B1 for performances \(perf) and \(other): name one with --performance"), ambiguous.stderr)
        XCTAssertEqual(try run("find", reference, "--json").stdout, before, "a refused cancellation changed the booking")
        let one = try run("cancel", reference, "--seats", "B1", "--performance", String(other), "--json")
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertEqual(try json(one.stdout)["total_cents"] as? Int, 8000)

        let report = try json(try run("report", "performance", String(other), "--json").stdout)
        XCTAssertEqual(report["sold"] as? Int, 2)   // A5, and C6 of the other customer
        XCTAssertEqual(report["net_cents"] as? Int, 5000)
        XCTAssertEqual(report["moved_cents"] as? Int, 6000)
        let show = try run("cancel", "--performance", String(other), "--refund", "original")
        XCTAssertEqual(show.status, 0, show.stderr)
        XCTAssertTrue(show.stdout.contains("1 of them keeps tickets of other performances"), show.stdout)
        let after = try json(String(try run("find", reference, "--json").stdout.drop { $0 != "{" }.dropLast(2)))
        XCTAssertEqual(after["status"] as? String, "paid")
        XCTAssertEqual(after["total_cents"] as? Int, 3000)
        XCTAssertEqual(after["paid_cents"] as? Int, 3000)
        let mainReport = try json(try run("report", "performance", String(perf), "--json").stdout)
        XCTAssertEqual(mainReport["net_cents"] as? Int, 3000)
    }

    func testCancelWithoutRefundShowsTheMoneyRetainedInFindJSONAndTheReport() throws {
        let booked = try run("book", theater, "B4", "B5", "--pay", "card", "--json")
        XCTAssertEqual(booked.status, 0, booked.stderr)
        let reference = try XCTUnwrap(try json(booked.stdout)["reference"] as? String)
        let cancelled = try run("cancel", reference, "--seats", "B5", "--refund", "none", "--reason", "late return")
        XCTAssertEqual(cancelled.status, 0, cancelled.stderr)
        let found = try json(String(try run("find", reference, "--json").stdout.drop { $0 != "{" }.dropLast(2)))
        XCTAssertEqual(found["total_cents"] as? Int, 3000)
        // paid_cents stays payments less refunds (the issue's definition); the money kept is reported beside it.
        XCTAssertEqual(found["paid_cents"] as? Int, 6000)
        XCTAssertEqual(found["retained_cents"] as? Int, 3000)
        XCTAssertEqual(found["total_cents"] as? Int, 3000)               // the books balance: 6000 − 3000 = 3000
        XCTAssertEqual(found["status"] as? String, "paid")
        let payments = try XCTUnwrap(found["payments"] as? [[String: Any]])
        XCTAssertEqual(payments.map { $0["kind"] as? String }, ["payment"])
        XCTAssertEqual(payments.map { $0["amount_cents"] as? Int }, [6000])
        let retained = try XCTUnwrap(found["retained"] as? [[String: Any]])
        XCTAssertEqual(retained.map { $0["amount_cents"] as? Int }, [-3000])
        XCTAssertEqual(retained.first?["reason"] as? String, "late return")
        let report = try run("report", "performance", String(venue.performanceID), "--json")
        XCTAssertEqual(report.status, 0, report.stderr)
        let figures = try json(report.stdout)
        XCTAssertEqual(figures["retained_cents"] as? Int, 3000, report.stdout)
        XCTAssertEqual(figures["refunds_cents"] as? Int, 0)
        XCTAssertEqual(figures["gross_cents"] as? Int, 6000)
    }

    func testEachBadInputExitsOneOrTwoAndChangesNothing() throws {
        let sold = try run("book", theater, "C1", "--pay", "card")
        XCTAssertEqual(sold.status, 0, sold.stderr)
        let reference = String(sold.stdout.split(separator: " ").last!).trimmingCharacters(in: .whitespacesAndNewlines)
        let before = try run("audit").stdout
        let cases: [([String], Int32, String)] = [
            (["book", theater, "C2", "--pay", "cash=1.005"], 1, "only 2 digits after the point"),
            (["book", theater, "C2", "--pay", "cash=-3"], 1, "cannot be negative"),
            (["book", theater, "C2", "--pay", "cash=10", "--pay", "card=10"], 1, "must add up exactly"),
            (["book", theater, "C2", "--type", "Pensioner"], 1, "Types: Adult, Concession, Child, Complimentary"),
            (["book", theater, "A2", "--type", "Child"], 1, "On sale there: Adult £50.00"),
            (["book", theater, "C2", "--unpaid"], 1, "--collect-by"),
            (["book", theater, "C2", "--pay", "card", "--tendered", "40"], 1, "--tendered goes with a cash payment"),
            (["exchange", reference, "--to", "C1", "C2"], 1, "counts must match"),
            (["prices", "set", theater, "Z", "Child=1"], 1, "Bands: P, S"),
            (["types", "add", "Senior", "--key", "k"], 1, "already Child's"),
            (["cancel", reference, "--refund", "cheque"], 1, "Methods:"),
        ]
        for (args, code, text) in cases {
            let r = try CLI.run(args, env: venue.environment)
            XCTAssertEqual(r.status, code, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(text), "\(args): \(r.stderr)")
        }
        _ = try run("book", theater, "C3", "--name", "Other")
        let conflict = try run("exchange", reference, "--to", "C3")
        XCTAssertEqual(conflict.status, 2, conflict.stderr)
        XCTAssertTrue(conflict.stderr.contains("Seat C3 is already booked"), conflict.stderr)
        XCTAssertEqual(try run("audit").stdout.components(separatedBy: "\n").filter { $0.contains("book") || $0.contains("pay") }.count,
                       before.components(separatedBy: "\n").filter { $0.contains("book") || $0.contains("pay") }.count + 1,
                       "only the other customer's booking was added")
        let cancelled = try run("cancel", reference)
        XCTAssertEqual(cancelled.status, 0)
        let late = try run("pay", reference, "--pay", "card")
        XCTAssertEqual(late.status, 1)
        XCTAssertTrue(late.stderr.contains("is cancelled"), late.stderr)
    }

    func testInitStoresTheCurrencyFromTheEnvironment() throws {
        let folder = venue.folder.appendingPathComponent("eur").path
        var env = venue.environment
        env["BOXOFFICE_DB"] = folder + "/db.sqlite"
        env["BOXOFFICE_CURRENCY"] = "EUR"
        let first = try CLI.run(["init"], env: env)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("money in EUR"), first.stdout)
        env["BOXOFFICE_CURRENCY"] = "USD"
        let change = try CLI.run(["init"], env: env)
        XCTAssertEqual(change.status, 1)
        XCTAssertTrue(change.stderr.contains("already keeps its money in EUR"), change.stderr)
        env["BOXOFFICE_CURRENCY"] = "pounds"
        XCTAssertEqual(try CLI.run(["init"], env: env).status, 1)
    }
}
