import Booking
import Foundation
import TestSupport
import XCTest

/// `ticket`, `receipt`, `checkin`, `door` and `report` as clerks run them: the real binary on a real SQLite file;
/// the PDF's QR codes read back with poppler's `pdftoppm` and zbar's `zbarimg`.
final class DoorCLITests: XCTestCase {
    var venue: TestVenue!
    var folder: String!
    override func setUpWithError() throws {
        _ = try CLI.binary()
        venue = try TestVenue()
        folder = try TempFolder.make("door-cli")
    }
    override func tearDown() { venue?.remove() }

    func run(_ args: String..., clerk: String = "alice", stdin: String? = nil, env extra: [String: String] = [:]) throws -> RunResult {
        var env = venue.environment
        env["BOXOFFICE_CLERK"] = clerk
        env["LANG"] = env["LANG"] ?? "C.UTF-8"
        env.merge(extra) { $1 }
        if let stdin {
            let path = folder + "/stdin-\(UUID().uuidString)"
            try Data(stdin.utf8).write(to: URL(fileURLWithPath: path))
            return try Spawned(try CLI.binary(), arguments: args, env: env, stdin: path).wait()
        }
        return try CLI.run(args, env: env)
    }

    /// Books seats paid by cash and returns the booking's JSON (reference, tickets with codes).
    private func book(_ seats: String..., pay: Bool = true) throws -> (reference: String, codes: [String]) {
        var args = ["book", String(venue.theaterID)] + seats + ["--json", "--name", "Ann O'Neil"]
        if pay { args += ["--pay", "cash", "--tendered", "200"] }
        let r = try CLI.run(args, env: venue.environment.merging(["BOXOFFICE_CLERK": "alice"]) { $1 })
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let tickets = try XCTUnwrap(json["tickets"] as? [[String: Any]])
        return (try XCTUnwrap(json["reference"] as? String), tickets.compactMap { $0["code"] as? String })
    }

    private func tool(_ name: String, _ args: [String]) throws -> String {
        for dir in ["/usr/bin", "/bin", "/usr/local/bin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
            let r = try Spawned("\(dir)/\(name)", arguments: args, env: ProcessInfo.processInfo.environment).wait()
            guard r.status == 0 else { throw TestFailure("\(name) exited \(r.status): \(r.stderr)") }
            return r.stdout
        }
        throw TestFailure("\(name) is not installed; `make deps` installs it")
    }

    func testPrintedTicketsScanAndTheDoorAdmitsEachOnce() throws {
        let booking = try book("A1", "A2", "A3")
        XCTAssertEqual(booking.codes.count, 3)
        let find = try run("find", booking.reference, "--json")
        XCTAssertTrue(booking.codes.allSatisfy(find.stdout.contains), "find --json shows the codes")

        let pdf = folder + "/tickets.pdf"
        let printed = try run("ticket", booking.reference, "--format", "pdf", "--out", pdf)
        XCTAssertEqual(printed.status, 0, printed.stderr)
        _ = try tool("pdftoppm", ["-r", "150", "-gray", "-png", pdf, folder + "/page"])
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("page") }.sorted()
        XCTAssertEqual(pages.count, 3)
        var scanned: [String] = []
        for page in pages { scanned += try tool("zbarimg", ["--quiet", "--raw", folder + "/" + page]).split(separator: "\n").map(String.init) }
        XCTAssertEqual(Set(scanned), Set(booking.codes))

        // What the scanner read goes to the door: each admits once.
        for code in scanned {
            let first = try run("checkin", code, "--performance", String(venue.performanceID), clerk: "door1")
            XCTAssertEqual(first.status, 0, first.stderr + first.stdout)
            XCTAssertTrue(first.stdout.contains("admitted — seat A"), first.stdout)
        }
        let again = try run("checkin", scanned[0], clerk: "door2")
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stdout.contains("already admitted at ") && again.stdout.contains(" by door1"), again.stdout)

        let text = try run("ticket", booking.reference)
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("▀") || text.stdout.contains("▄"), "a half-block QR code")
        XCTAssertTrue(text.stdout.split(separator: "\n").allSatisfy { $0.count <= 42 })
        let ascii = try run("ticket", booking.reference, env: ["LANG": "C", "LC_ALL": "C"])
        XCTAssertTrue(ascii.stdout.unicodeScalars.allSatisfy(\.isASCII), ascii.stdout)
        XCTAssertTrue(ascii.stdout.contains("#####"), "the code, large")
        let audit = try run("audit", "--json")
        XCTAssertTrue(audit.stdout.contains("reprint 1 of 3 tickets, text"), "the second print is a counted reprint")
    }

    func testTwoDoorsAtOnceAdmitExactlyOnce() throws {
        let code = try book("B4").codes[0]
        var env = venue.environment
        let doors = try (0..<6).map { i -> Spawned in
            env["BOXOFFICE_CLERK"] = "door\(i)"
            return try CLI.start(["checkin", code, "--performance", String(venue.performanceID)], env: env)
        }
        let results = doors.map { $0.wait() }
        XCTAssertEqual(results.filter { $0.status == 0 }.count, 1, "\(results.map(\.status))")
        XCTAssertEqual(results.filter { $0.status == 2 }.count, 5, "\(results.map { $0.stdout + $0.stderr })")
    }

    func testEveryRefusalExitsOneAndSaysWhy() throws {
        let paid = try book("C1", "C2")
        let unpaid = try book("C3", pay: false)
        let typo = String(paid.codes[0].dropLast()) + (paid.codes[0].hasSuffix("0") ? "1" : "0")
        let cases: [([String], String)] = [
            (["checkin", typo], "check character"),
            (["checkin", "ABC"], "has 10 characters"),
            (["checkin", unpaid.codes[0]], "collect payment first"),
            (["checkin", paid.codes[0], "--performance", "9999"], "no performance 9999"),
        ]
        for (args, expected) in cases {
            let r = try CLI.run(args, env: venue.environment)
            XCTAssertEqual(r.status, 1, "\(args): \(r.stdout) \(r.stderr)")
            XCTAssertTrue((r.stdout + r.stderr).contains(expected), "\(args): \(r.stdout) \(r.stderr)")
        }
        XCTAssertEqual(try run("cancel", paid.reference, "--seats", "C2").status, 0)
        let cancelled = try run("checkin", paid.codes[1])
        XCTAssertEqual(cancelled.status, 1)
        XCTAssertTrue(cancelled.stdout.contains("cancelled"), cancelled.stdout)
        let noPerformance = try run("checkin", "-")
        XCTAssertEqual(noPerformance.status, 64, "stdin mode needs --performance")
    }

    /// A refused scan is its one line on standard output: nothing on standard error (it printed an empty line there,
    /// which a door script logging stderr saw as a failure with no words).
    func testARefusedScanSaysItOnceAndNothingElse() throws {
        let paid = try book("C1")
        let typo = String(paid.codes[0].dropLast()) + (paid.codes[0].hasSuffix("0") ? "1" : "0")
        let r = try run("checkin", typo)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout.split(separator: "\n").count, 1, r.stdout)
        XCTAssertEqual(r.stderr, "", "nothing but the scan's line")
        XCTAssertEqual(try run("checkin", paid.codes[0]).status, 0)
        let again = try run("checkin", paid.codes[0])
        XCTAssertEqual(again.status, 2)
        XCTAssertEqual(again.stderr, "", "already admitted: the line says when and by whom, nothing more")
    }

    func testCodesFromStandardInputOneLineEach() throws {
        let booking = try book("A5", "A6")
        let input = "\(booking.codes[0].lowercased())\n\n\(booking.codes[1].prefix(5))-\(booking.codes[1].dropFirst(5))\n\(booking.codes[0])\nnonsense\n"
        let r = try run("checkin", "--performance", String(venue.performanceID), "-", clerk: "door1", stdin: input)
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4, r.stdout)
        XCTAssertTrue(lines[0].contains("admitted — seat A5"), lines[0])
        XCTAssertTrue(lines[1].contains("admitted — seat A6"), lines[1])
        XCTAssertTrue(lines[2].contains("already admitted at"), lines[2])
        XCTAssertTrue(lines[3].contains("has 10 characters"), lines[3])
        let door = try run("door", "--performance", String(venue.performanceID), "--json")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(door.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["admitted"] as? Int, 2)
        XCTAssertEqual(json["sold"] as? Int, 2)
        XCTAssertEqual(json["to_come"] as? Int, 0)
        let once = try run("door", "--performance", String(venue.performanceID))
        XCTAssertTrue(once.stdout.contains("Still to come      0"), once.stdout)
    }

    func testReceiptListsTicketsPaymentsAndChange() throws {
        let booking = try book("B1", "B2")
        let r = try run("receipt", booking.reference)
        XCTAssertEqual(r.status, 0, r.stderr)
        for expected in ["Receipt · booking \(booking.reference)", "B1  Adult", "£30.00", "Total", "£60.00", "Paid cash",
                         "tendered £200.00", "change £140.00", "Change given", "PAID"] {
            XCTAssertTrue(r.stdout.contains(expected), "missing \(expected):\n\(r.stdout)")
        }
        XCTAssertEqual(try run("receipt", "NOSUCH").status, 1)
    }

    func testShiftReportInTableJSONAndCSVBalance() throws {
        _ = try book("C5", "C6")
        _ = try book("C7")
        let json = try run("report", "shift", "--json", "--float", "100")
        XCTAssertEqual(json.status, 0, json.stderr)
        let shifts = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(shifts.count, 1)
        let alice = shifts[0]
        XCTAssertEqual(alice["clerk"] as? String, "alice")
        XCTAssertEqual(alice["bookings"] as? Int, 2)
        XCTAssertEqual(alice["tickets"] as? [String: Int], ["Adult": 3])
        XCTAssertEqual((alice["takings_cents"] as? [String: Int])?["cash"], 9_000)
        XCTAssertEqual(alice["net_cents"] as? Int, 9_000)
        XCTAssertEqual(alice["expected_cash_cents"] as? Int, 19_000)

        let csv = try run("report", "shift", "--csv", "--float", "100", "--count", "185", "--clerk", "alice")
        let records = csv.stdout.components(separatedBy: "\r\n")
        XCTAssertEqual(records.count, 3, csv.stdout)
        XCTAssertTrue(records[1].hasPrefix("alice,2,3,9000,0,0,0,0,0,0,0,9000,10000,19000,18500,-500"), records[1])
        let table = try run("report", "shift", "--float", "100", "--count", "185", "--clerk", "alice")
        XCTAssertTrue(table.stdout.contains("Expected cash") && table.stdout.contains("£190.00") && table.stdout.contains("Short"), table.stdout)

        let perf = try run("report", "performance", String(venue.performanceID), "--json")
        let p = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(perf.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(p["sold"] as? Int, 3)
        XCTAssertEqual(p["capacity"] as? Int, 30)
        XCTAssertEqual(p["free"] as? Int, 27)
        XCTAssertEqual(p["admitted"] as? Int, 0)
        XCTAssertEqual(p["net_cents"] as? Int, 9_000)
        let sales = try run("report", "sales", "--from", ReportWindow.day(Date()), "--to", ReportWindow.day(Date()), "--csv")
        XCTAssertTrue(sales.stdout.hasSuffix("total,,,,,2,3,9000,0,9000,0\r\n"), sales.stdout)
        for bad in [["report", "shift", "--since", "yesterday"], ["report", "shift", "--float", "lots"],
                    ["report", "sales", "--from", "2026-12-02", "--to", "2026-12-01"], ["report", "performance", "9999"]] {
            let r = try CLI.run(bad, env: venue.environment)
            XCTAssertEqual(r.status, 1, "\(bad): \(r.stderr)")
            XCTAssertFalse(r.stderr.isEmpty)
        }
        XCTAssertEqual(try run("report", "shift", "--json", "--csv").status, 64)
    }
}
