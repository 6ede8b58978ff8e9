import XCTest
@_spi(Bench) @testable import Booking
import TestSupport

/// Bad input from files and the command line (the corpus in Corpus/): each refused with an error naming what is
/// wrong, no control byte echoed to the terminal, and the database exactly as it was.
final class FuzzCorpusTests: XCTestCase {
    override class func tearDown() { TempFolder.removeAll() }

    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")
    static let noRedis = "unix:///nonexistent-boxoffice-test/redis.sock"

    /// A database with something to lose: the fixture's venue and performance, and a booking.
    func preparedFixture() throws -> Fixture {
        let fixture = try Fixture(redisURL: Self.noRedis)
        let booked = try fixture.cli(fixture.bookArgs(["A1"], name: "Before"))
        XCTAssertEqual(booked.status, 0, booked.stderr)
        return fixture
    }

    func testRefusedImportsNameTheProblemAndChangeNothing() throws {
        let fixture = try preparedFixture()
        let before = try Fixture.dump(fixture.databasePath)
        let folder = Self.corpus.appendingPathComponent("import")
        let cases = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertGreaterThan(cases.count, 20)
        for name in cases {
            let dir = folder.appendingPathComponent(name)
            let expect = try String(contentsOf: dir.appendingPathComponent("expect"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            try assertRefusedImport(fixture, theaters: dir.appendingPathComponent("theaters.json").path,
                                    seats: dir.appendingPathComponent("seats.json").path, expect: expect, before: before, name)
        }
    }

    func testHugeImportsAreRefusedBeforeReading() throws {
        let fixture = try preparedFixture()
        let before = try Fixture.dump(fixture.databasePath)
        let work = try TempFolder.make("huge")
        let good = Self.corpus.appendingPathComponent("import/unknown-theater/theaters.json").path
        // Larger than 16 MiB (sparse: generated here, not committed).
        let big = work + "/seats.json"
        XCTAssertTrue(FileManager.default.createFile(atPath: big, contents: Data("[".utf8)))
        XCTAssertEqual(truncate(big, 17 * 1_048_576), 0)
        try assertRefusedImport(fixture, theaters: good, seats: big, expect: "seats.json: the file is 17 MiB, more than the 16 MiB", before: before, "17 MiB")
        // More entries than any theatre has: counted before any entry is read.
        let many = work + "/many/seats.json"
        try FileManager.default.createDirectory(atPath: work + "/many", withIntermediateDirectories: true)
        try Data(("[" + Array(repeating: "1", count: 200_001).joined(separator: ",") + "]").utf8).write(to: URL(fileURLWithPath: many))
        try assertRefusedImport(fixture, theaters: good, seats: many, expect: "seats.json: it has 200001 entries, more than 200000", before: before, "200001 entries")
    }

    /// The corpus's good pair imports: the refusals above were for the defects, not for the files as such.
    func testTheValidImportIsAccepted() throws {
        let fixture = try preparedFixture()
        let before = try Fixture.dump(fixture.databasePath)
        let dir = try TempFolder.make("good")
        try Data(#"[{"id": 10, "name": "Corpus Hall"}]"#.utf8).write(to: URL(fileURLWithPath: dir + "/theaters.json"))
        try Data(#"[{"id": 100, "seat_number": "A1", "is_booked": false, "theater_id": 10}]"#.utf8).write(to: URL(fileURLWithPath: dir + "/seats.json"))
        let r = try fixture.cli(["import", dir + "/theaters.json", dir + "/seats.json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertNotEqual(try Fixture.dump(fixture.databasePath)["theater"], before["theater"])
    }

    func assertRefusedImport(_ fixture: Fixture, theaters: String, seats: String, expect: String,
                             before: [String: [String]], _ name: String) throws {
        let r = try fixture.cli(["import", theaters, seats])
        XCTAssertEqual(r.status, 1, "\(name): \(r.stderr)")
        XCTAssertTrue(r.stderr.contains(expect), "\(name): expected «\(expect)» in «\(r.stderr)»")
        XCTAssertTrue(r.stderr.contains("Nothing was imported"), "\(name): \(r.stderr)")
        XCTAssertFalse(terminalUnsafe(r.stderrBytes), "\(name): control characters reached the terminal: \(r.stderrBytes)")
        XCTAssertEqual(try Fixture.dump(fixture.databasePath), before, "\(name): the database changed")
    }

    // MARK: The command line

    struct ArgumentCase { var kind: String; var value: [UInt8]; var line: Int }

    static func argumentCases() throws -> [ArgumentCase] {
        let text = try String(contentsOf: corpus.appendingPathComponent("arguments.txt"), encoding: .utf8)
        var cases: [ArgumentCase] = []
        for (n, line) in text.split(separator: "\n").enumerated() where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2 else { continue }
            cases.append(ArgumentCase(kind: String(parts[0]), value: unescape(String(parts[1])), line: n + 1))
        }
        // Very long strings, generated.
        cases.append(ArgumentCase(kind: "customer", value: Array(String(repeating: "Ada ", count: 2_000).utf8), line: 0))
        cases.append(ArgumentCase(kind: "theater", value: Array(String(repeating: "T", count: 100_000).utf8), line: 0))
        cases.append(ArgumentCase(kind: "seat", value: Array(String(repeating: "A", count: 5_000).utf8), line: 0))
        cases.append(ArgumentCase(kind: "clerk", value: Array(String(repeating: "c", count: 500).utf8), line: 0))
        return cases
    }

    static func unescape(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        var chars = Array(s.unicodeScalars)[...]
        while let c = chars.popFirst() {
            guard c == "\\", let next = chars.first else { out += Array(String(c).utf8); continue }
            chars.removeFirst()
            switch next {
            case "x":
                let hex = String(String.UnicodeScalarView(chars.prefix(2)))
                chars.removeFirst(2)
                out.append(UInt8(hex, radix: 16)!)
            case "u":
                let body = chars.prefix { $0 != "}" }
                let hex = String(String.UnicodeScalarView(body.dropFirst()))
                chars.removeFirst(body.count + 1)
                out += Array(String(Unicode.Scalar(UInt32(hex, radix: 16)!)!).utf8)
            case "r": out.append(0x0D)
            case "n": out.append(0x0A)
            default: out += Array(String(next).utf8)
            }
        }
        return out
    }

    func testHostileCommandLineValuesAreRefusedClearly() throws {
        let fixture = try preparedFixture()
        let before = try Fixture.dump(fixture.databasePath)
        let perf = String(fixture.performanceID)
        let cases = try Self.argumentCases()
        XCTAssertGreaterThan(cases.count, 40)
        for c in cases {
            let b = { (s: String) in Array(s.utf8) }
            let (args, fieldWords): ([[UInt8]], [String]) = switch c.kind {
            case "customer": ([b("book"), b(fixture.theaterName), b("--performance"), b(perf), b("B1"), b("--name"), c.value], ["customer name"])
            case "contact": ([b("book"), b(fixture.theaterName), b("--performance"), b(perf), b("B1"), b("--name"), b("Ok"), b("--contact"), c.value], ["phone or email"])
            case "theater": ([b("seats"), c.value], ["No theater is called", "theater"])
            case "seat": ([b("book"), b(fixture.theaterName), b("--performance"), b(perf), c.value, b("--name"), b("Ok")], ["There is no seat", "seat"])
            case "clerk": ([b("seats"), b(fixture.theaterName), b("--clerk"), c.value], ["clerk name"])
            case "ttl": ([b("reserve"), b(fixture.theaterName), b("B1"), b("--ttl"), c.value], ["--ttl", "ttl"])
            case "find": ([b("find"), c.value], ["search text"])
            case "reason": ([b("block"), b(fixture.theaterName), b("--performance"), b(perf), b("B1"), b("--reason"), c.value], ["reason"])
            default: ([], [])
            }
            XCTAssertFalse(args.isEmpty, "line \(c.line): unknown kind \(c.kind)")
            let r = try CLI.runRaw(args, env: fixture.env())
            let name = "line \(c.line) (\(c.kind) \(String(decoding: c.value.prefix(40), as: UTF8.self).debugDescription))"
            XCTAssertTrue(r.status == 1 || r.status == 64, "\(name): exit \(r.status) \(r.stdout) \(r.stderr)")
            let invalidUTF8 = String(validating: c.value, as: UTF8.self) == nil
            let named = invalidUTF8 ? r.stderr.contains("is not valid UTF-8") : fieldWords.contains { r.stderr.contains($0) }
            XCTAssertTrue(named, "\(name): the error does not say what is wrong: \(r.stderr)")
            XCTAssertFalse(terminalUnsafe(r.stderrBytes + Array(r.stdout.utf8)), "\(name): control characters reached the terminal")
            XCTAssertLessThan(r.stderrBytes.count, 4_000, "\(name): the error echoes the whole value")
        }
        XCTAssertEqual(try Fixture.dump(fixture.databasePath), before, "a refused command changed the database")
    }

    func testZeroAndNegativeCountsAndTTLs() throws {
        let redis = try PrivateRedis()
        let fixture = try Fixture(redisURL: redis.url)
        let box = try fixture.box("alice")
        for count in [0, -1, Int.min, 21] {
            XCTAssertThrowsError(try box.holdBestAvailable(performanceID: fixture.performanceID, count: count)) { error in
                guard case BookingError.invalidInput(let why) = error else { return XCTFail("\(count): \(error)") }
                XCTAssertTrue(why.contains("number of seats") || why.contains("at most 20"), why)
            }
        }
        for ttl in [0, -1, -300_000] {
            XCTAssertThrowsError(try box.hold(performanceID: fixture.performanceID, labels: ["A1"], ttlMs: ttl)) { error in
                XCTAssertEqual((error as? BookingError)?.kind, .badInput, "\(ttl): \(error)")
            }
        }
        for text in ["0", "-1", "nan", "inf", "", "100000", "1e999"] where !text.isEmpty {
            let r = try fixture.cli(["seats", fixture.theaterName], ["RESERVATION_TIMEOUT": text])
            XCTAssertEqual(r.status, 1, "RESERVATION_TIMEOUT=\(text): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("RESERVATION_TIMEOUT must be"), r.stderr)
        }
        XCTAssertEqual(try box.snapshot(performanceID: fixture.performanceID).state(of: "A1"), .free)
    }
}
