import Booking
import Foundation
import TestSupport
import XCTest

/// The real `boxoffice` binary, as clerks and scripts run it.
final class CLITests: XCTestCase {
    var venue: TestVenue!
    override func setUpWithError() throws {
        _ = try CLI.binary()
        venue = try TestVenue()
    }
    override func tearDown() { venue?.remove() }

    func run(_ args: String..., clerk: String = "alice", env extra: [String: String] = [:]) throws -> RunResult {
        try run(args, clerk: clerk, env: extra)
    }

    func run(_ args: [String], clerk: String = "alice", env extra: [String: String] = [:]) throws -> RunResult {
        var env = venue.environment
        env["BOXOFFICE_CLERK"] = clerk
        env.merge(extra) { $1 }
        return try CLI.run(args, env: env)
    }

    var theater: String { String(venue.theaterID) }

    /// 30 clerks press "book" on the same seat at once, five times over: exactly one wins each time,
    /// every other gets exit 2 naming the booking that won.
    func testThirtyProcessesRaceForOneSeat() throws {
        for (round, seat) in ["A3", "B5", "C1", "A10", "B6"].enumerated() {
            var env = venue.environment
            let started = try (0..<30).map { i -> Spawned in
                env["BOXOFFICE_CLERK"] = "clerk\(i)"
                return try CLI.start(["book", theater, seat, "--name", "Racer \(i)"], env: env)
            }
            let results = started.map { $0.wait() }
            let winners = results.filter { $0.status == 0 }
            XCTAssertEqual(winners.count, 1, "round \(round): \(results.map(\.status))")
            let reference = winners.first?.stdout.components(separatedBy: "booking reference ").last?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
            for loser in results where loser.status != 0 {
                XCTAssertEqual(loser.status, 2, loser.stderr)
                XCTAssertTrue(loser.stderr.contains("Seat \(seat) is") && (loser.stderr.contains(reference) || loser.stderr.contains("held by")),
                              "clear message naming the booking or the holder: \(loser.stderr)")
                XCTAssertFalse(loser.stderr.lowercased().contains("locked"), loser.stderr)
            }
            let map = try venue.box("check").snapshot(performanceID: venue.performanceID)
            XCTAssertEqual(map.states[map.index(ofLabel: seat)!], .booked(reference: reference))
        }
    }

    func testReserveThenBookBySameClerkFromAnotherProcess() throws {
        let reserve = try run("reserve", theater, "C9", "C5")
        XCTAssertEqual(reserve.status, 0, reserve.stderr)
        let other = try run("book", theater, "C5", clerk: "bob")
        XCTAssertEqual(other.status, 2)
        XCTAssertTrue(other.stderr.contains("held by alice"), other.stderr)
        let book = try run("book", theater, "C5", "--json")
        XCTAssertEqual(book.status, 0, book.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(book.stdout.utf8)) as? [String: Any]
        XCTAssertEqual((json?["seats"] as? [[String: Any]])?.first?["seat_number"] as? String, "C5")
        XCTAssertEqual((json?["reference"] as? String)?.count, 6)
        let release = try run("release", theater, "C9", clerk: "bob")
        XCTAssertEqual(release.status, 1, "bob does not hold C9")
        XCTAssertEqual(try run("release", theater, "C9").status, 0)
    }

    func testReservationFreesItselfAfterRESERVATION_TIMEOUT() throws {
        let reserve = try run("reserve", theater, "B1", env: ["RESERVATION_TIMEOUT": "1"])
        XCTAssertEqual(reserve.status, 0, reserve.stderr)
        XCTAssertEqual(try run("book", theater, "B1", clerk: "bob").status, 2, "held for now")
        let freed = try eventually(within: 5) {
            let seats = try run("seats", theater, "--available", "--json")
            return seats.stdout.contains("\"B1\"")
        }
        XCTAssertTrue(freed)
        XCTAssertEqual(try run("book", theater, "B1", clerk: "bob").status, 0)
    }

    func testSeatsJSONHasTheOldServiceFields() throws {
        _ = try run("reserve", theater, "A1")
        let result = try run("seats", theater, "--json")
        XCTAssertEqual(result.status, 0, result.stderr)
        let seats = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(seats.count, 30)
        let a1 = try XCTUnwrap(seats.first { $0["seat_number"] as? String == "A1" })
        for key in ["id", "seat_number", "is_booked", "theater_id", "state", "held_by", "expires_in_ms", "booking_ref"] {
            XCTAssertNotNil(a1[key], key)
        }
        XCTAssertEqual(a1["state"] as? String, "held")
        XCTAssertEqual(a1["held_by"] as? String, "alice")
        XCTAssertEqual(a1["is_booked"] as? Bool, false)
    }

    /// `--version` prints the release in the VERSION file (which packaging reads): the two cannot drift apart.
    func testVersionIsTheVersionFile() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("VERSION")
        let version = try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertNotNil(version.range(of: #"^[0-9]+\.[0-9]+\.[0-9]+$"#, options: .regularExpression), "VERSION holds X.Y.Z: \(version)")
        let printed = try run("--version")
        XCTAssertEqual(printed.status, 0, printed.stderr)
        XCTAssertEqual(printed.stdout, "boxoffice \(version)\n")
    }

    /// `--help` and `-h` alone take a short way (QuickParse.builtIn): they print exactly what the full parse prints
    /// (`help`, the parser's own help command), at any terminal width, and exit 0.
    func testHelpAloneIsTheFullParsesText() throws {
        for columns in ["60", "80", "1000"] {
            let full = try run(["help"], env: ["COLUMNS": columns])
            XCTAssertEqual(full.status, 0, full.stderr)
            XCTAssertTrue(full.stdout.hasPrefix("OVERVIEW: Sell seats"), full.stdout)
            for flag in ["--help", "-h"] {
                let short = try run([flag], env: ["COLUMNS": columns])
                XCTAssertEqual(short.status, 0, short.stderr)
                XCTAssertEqual(short.stdout, full.stdout, "\(flag) at \(columns) columns")
                XCTAssertEqual(short.stderr, "")
            }
        }
        // `--version`'s text and exit: testVersionIsTheVersionFile.
    }

    /// Every command's `--help` reads whole on an 80-column terminal: the parser wraps each line of a discussion on its
    /// own, so a hard-broken sentence came out ragged ("…the booking is recorded" / "unpaid with no deadline"), and an
    /// indented line (a table of settings or exit codes) lost its indent when wrapped. A paragraph is one line (the
    /// parser wraps it); an indented line fits 80 columns.
    func testEveryHelpReadsWholeAt80Columns() throws {
        var commands: [[String]] = [[]]
        var problems: [String] = []
        var i = 0
        while i < commands.count {
            let command = commands[i]
            i += 1
            let help = try run(["help"] + command, env: ["COLUMNS": "1000"])
            XCTAssertEqual(help.status, 0, "\(command): \(help.stderr)")
            let lines = help.stdout.components(separatedBy: "\n")
            // The discussion: after the overview's paragraph, up to USAGE.
            if let usage = lines.firstIndex(where: { $0.hasPrefix("USAGE:") }), let overviewEnd = lines.firstIndex(of: "") , overviewEnd < usage {
                let discussion = Array(lines[(overviewEnd + 1)..<usage])
                for (n, line) in discussion.enumerated() {
                    let width = TextWidth.of(line)
                    let next = n + 1 < discussion.count ? discussion[n + 1] : ""
                    if line.hasPrefix(" ") && width > 80 {
                        problems.append("boxoffice \(command.joined(separator: " ")): indented line of \(width) columns: \(line)")
                    } else if width > 80 && !next.isEmpty {
                        problems.append("boxoffice \(command.joined(separator: " ")): a paragraph broken by hand: \(line)")
                    }
                }
            }
            if let start = lines.firstIndex(of: "SUBCOMMANDS:") {
                for line in lines[(start + 1)...] {
                    guard line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first else { if line.isEmpty { break } else { continue } }
                    if name != "help" { commands.append(command + [String(name)]) }
                }
            }
        }
        XCTAssertGreaterThan(commands.count, 40, "every command and subcommand was read")
        XCTAssertTrue(problems.isEmpty, problems.joined(separator: "\n"))
    }

    /// A --ttl that is not a number of seconds in range is a malformed command line (64), like `--performance abc`.
    func testMalformedTTLIsAMalformedCommandLine() throws {
        XCTAssertEqual(try run("reserve", theater, "A1", "--performance", "abc").status, 64)
        for bad in ["abc", "0", "-3", "1e9", "nan", ""] {
            let r = try run("reserve", theater, "A1", "--ttl=\(bad)")
            XCTAssertEqual(r.status, 64, "--ttl \(bad): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("--ttl"), "names the option: \(r.stderr)")
        }
        let held = try run("reserve", theater, "A1", "--ttl", "0.5")
        XCTAssertEqual(held.status, 0, held.stderr)
    }

    /// A --starts or --until that cannot be read as a date is malformed (64), as the README says, not bad input (1); and
    /// nothing is added.
    func testMalformedStartIsAMalformedCommandLine() throws {
        let before = try run("performances", "--json").stdout
        for args in [["--starts", "2026-13-10 19:30"], ["--starts", "tomorrow"],
                     ["--starts", "2026-12-10 19:30", "--repeat", "daily", "--until", "2026-12-40"]] {
            let r = try run(["performances", "add", theater, "--title", "Bad"] + args)
            XCTAssertEqual(r.status, 64, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(args.count == 2 ? "--starts" : "--until"), "names the option: \(r.stderr)")
        }
        XCTAssertEqual(try run("performances", "--json").stdout, before, "nothing was added")
    }

    /// A negative number after an option is its value, refused by name: `--ttl -5` said "Missing value for '--ttl'",
    /// as if nothing had been typed (the parser took "-5" for an option).
    func testANegativeNumberIsRefusedAsTheValueItIs() throws {
        let ttl = try run("reserve", theater, "A1", "--ttl", "-5")
        XCTAssertEqual(ttl.status, 64, ttl.stderr)
        XCTAssertTrue(ttl.stderr.contains("more than 0") && !ttl.stderr.contains("Missing value"), ttl.stderr)
        let tendered = try run("book", theater, "A2", "--pay", "cash", "--tendered", "-5")
        XCTAssertEqual(tendered.status, 1, tendered.stderr)
        XCTAssertTrue(tendered.stderr.contains("cannot be negative"), tendered.stderr)
        let float = try run("report", "shift", "--float", "-100")
        XCTAssertEqual(float.status, 1, float.stderr)
        XCTAssertTrue(float.stderr.contains("cannot be negative"), float.stderr)
        XCTAssertEqual(try run("seats", theater, "--json").stdout.contains("\"booking_ref\" : \""), false, "nothing was booked")
    }

    /// Without Redis the demo still installs, and says once, not six times, that holds are offline.
    func testInitDemoWithoutRedisSaysHoldsAreOfflineOnce() throws {
        let r = try run("init", "--demo", env: ["BOXOFFICE_DB": venue.folder.appendingPathComponent("demo/boxoffice.sqlite").path,
                                                "REDIS_URL": "unix:///nonexistent/redis.sock"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let said = (r.stdout + r.stderr).components(separatedBy: "Holds are offline").count - 1
        XCTAssertEqual(said, 1, "stdout: \(r.stdout)\nstderr: \(r.stderr)")
        XCTAssertFalse(r.stderr.contains("warning"), r.stderr)
        XCTAssertTrue(r.stdout.contains("Added Grand Theatre"), r.stdout)
    }

    func testExitCodesAndMessages() throws {
        XCTAssertEqual(try run("book", "No Such Theater", "A1").status, 1)
        let unknown = try run("book", theater, "Q77")
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("Seats still available: A1, A2"), unknown.stderr)
        XCTAssertEqual(try run("cancel", "NOSUCH").status, 1)
        let usage = try run("book")
        XCTAssertEqual(usage.status, 64, usage.stderr)
        XCTAssertEqual(try run("find", "nobody at all").status, 0)
        let noRedis = try run("reserve", theater, "A2", env: ["REDIS_URL": "unix:///nonexistent/redis.sock"])
        XCTAssertEqual(noRedis.status, 3)
        XCTAssertTrue(noRedis.stderr.contains("Holds are offline"), noRedis.stderr)
        let bookWithoutRedis = try run("book", theater, "A2", env: ["REDIS_URL": "unix:///nonexistent/redis.sock"])
        XCTAssertEqual(bookWithoutRedis.status, 0, "SQLite decides")
        XCTAssertTrue(bookWithoutRedis.stderr.contains("warning: Holds are offline"), bookWithoutRedis.stderr)
        let noDatabase = try run("theaters", env: ["BOXOFFICE_DB": venue.folder.appendingPathComponent("missing.sqlite").path])
        XCTAssertEqual(noDatabase.status, 3)
        XCTAssertTrue(noDatabase.stderr.contains("boxoffice init"), noDatabase.stderr)
    }

    func testSellingCommandsRefuseToGuessThePerformance() throws {
        let box = try venue.box("alice")
        let theaterRecord = try box.resolveTheater(theater)
        let second = try box.addPerformance(theater: theaterRecord, title: "Matinee", startsAt: Date().addingTimeInterval(3 * 86_400))
        let refused = try run("book", theater, "A1")
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("--performance \(venue.performanceID)") && refused.stderr.contains("--performance \(second.id)"), refused.stderr)
        let seats = try run("seats", theater)
        XCTAssertEqual(seats.status, 0)
        XCTAssertTrue(seats.stderr.contains("Showing performance \(venue.performanceID)"), seats.stderr)
        XCTAssertEqual(try run("book", theater, "A1", "--performance", String(second.id)).status, 0)
        // A theater name, in any case; an ambiguous prefix lists the matches.
        let name = theaterRecord.name.lowercased()
        XCTAssertEqual(try run("seats", name, "--performance", String(second.id)).status, 0)
        _ = try box.addVenue(TestVenue.smallPlan())
        let ambiguous = try run("seats", "test house")
        XCTAssertEqual(ambiguous.status, 1)
        XCTAssertTrue(ambiguous.stderr.contains("matches several theaters"), ambiguous.stderr)
    }

    func testIdempotentReplayAndCancelTwice() throws {
        let first = try run("book", theater, "C7", "--key", "k-1")
        let again = try run("book", theater, "C7", "--key", "k-1")
        XCTAssertEqual(first.status, 0)
        XCTAssertEqual(again.status, 0)
        XCTAssertTrue(again.stdout.contains("nothing new was booked"), again.stdout)
        XCTAssertEqual(try run("book", theater, "C8", "--key", "k-1").status, 1)
        let reference = String(first.stdout.split(separator: " ").last!).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(try run("cancel", reference).status, 0)
        let twice = try run("cancel", reference)
        XCTAssertEqual(twice.status, 0)
        XCTAssertTrue(twice.stdout.contains("already cancelled"), twice.stdout)
    }

    /// A command keeps the WAL when it exits (a booking fsyncs its commit, not a checkpoint as well) and truncates it
    /// once it holds 100 frames: it must neither go with every command nor grow without end (it grew to 5 MB, read
    /// whole by every command, while SQLite's own checkpoint could never start it again). Nothing is lost either way.
    func testCommandsKeepTheWALButNeverLetItGrow() throws {
        let wal = venue.settings.databasePath + "-wal"
        func size() -> Int { ((try? FileManager.default.attributesOfItem(atPath: wal))?[.size] as? Int) ?? 0 }
        let labels = ["A", "B", "C"].flatMap { row in (1...10).map { "\(row)\($0)" } }
        var sizes: [Int] = []
        for label in labels {
            let r = try run("book", theater, label, "--name", "Wal \(label)")
            XCTAssertEqual(r.status, 0, r.stderr)
            sizes.append(size())
        }
        XCTAssertTrue(sizes.contains { $0 > 0 }, "every command checkpointed and removed the WAL: \(sizes)")
        XCTAssertTrue(zip(sizes, sizes.dropFirst()).contains { $1 < $0 }, "the WAL never started again: \(sizes)")
        // 100 frames and the commit that crossed the line (a frame is a 4 KB page and its 24-byte header).
        XCTAssertLessThanOrEqual(sizes.max() ?? 0, 32 + 150 * (4096 + 24), "\(sizes)")
        let box = try BoxOffice(settings: venue.settings, clerk: TestVenue.clerk("check"))
        XCTAssertEqual(try box.snapshot(performanceID: venue.performanceID).counts.booked, labels.count)
    }
}
