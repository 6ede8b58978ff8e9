@testable import Booking
import XCTest

/// The configuration file's syntax (systemd's EnvironmentFile) and the layering of files and environment, without
/// touching /etc: files come from a dictionary.
final class ConfigurationTests: XCTestCase {
    private func parse(_ text: String) throws -> [String: String] {
        Dictionary(try EnvironmentFile.parse(text).map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
    }

    func testCommentsBlankLinesAndBlanksAroundKeysAndValues() throws {
        let text = """
        # the package's file
        ; also a comment

           BOXOFFICE_DB = /var/lib/boxoffice/boxoffice.sqlite   \t
        REDIS_URL=unix:///run/boxoffice/redis.sock
        EMPTY=
        """
        XCTAssertEqual(try parse(text), ["BOXOFFICE_DB": "/var/lib/boxoffice/boxoffice.sqlite",
                                         "REDIS_URL": "unix:///run/boxoffice/redis.sock", "EMPTY": ""])
    }

    func testQuotesAsSystemdReadsThem() throws {
        XCTAssertEqual(try parse(#"A='it''s # not a comment'"#)["A"], "its # not a comment")
        XCTAssertEqual(try parse(#"A="say \"hi\" \$HOME \n""#)["A"], #"say "hi" $HOME \n"#, "only \\\" \\\\ \\$ \\` are escapes inside double quotes")
        XCTAssertEqual(try parse(#"A=a"b c"d"#)["A"], #"a"b c"d"#, "a quote inside an unquoted value is an ordinary character")
        XCTAssertEqual(try parse(#"A="one" 'two'"#)["A"], "onetwo", "after a closing quote, blanks are skipped and pieces run together")
        XCTAssertEqual(try parse("A=\"  kept  \"   ")["A"], "  kept  ", "blanks inside quotes stay, trailing ones outside go")
        XCTAssertEqual(try parse(#"A=one\ two\\"#)["A"], #"one two\"#)
        XCTAssertEqual(try parse("A='x'\r\nB=y\r\n"), ["A": "x", "B": "y"], "CRLF line ends")
    }

    func testBackslashNewlineContinues() throws {
        XCTAssertEqual(try parse("A=one \\\ntwo\nB=3"), ["A": "one two", "B": "3"])
        XCTAssertEqual(try parse("A=\"one \\\ntwo\""), ["A": "one two"])
        XCTAssertEqual(try parse("# a comment \\\nNOT=read\nB=1"), ["B": "1"], "a comment ending in \\ runs on, as in systemd")
        let lines = try EnvironmentFile.parse("A=1\\\n2\nB=3\n")
        XCTAssertEqual(lines.map(\.line), [1, 3], "each assignment knows the line it starts on")
    }

    func testMistakesNameTheLine() {
        XCTAssertThrowsError(try EnvironmentFile.parse("A=1\nBOXOFFICE_DB /tmp/x\n")) {
            XCTAssertEqual(($0 as? EnvironmentFile.ParseError)?.line, 2)
        }
        XCTAssertThrowsError(try EnvironmentFile.parse("A=1\n\n1X=2\n")) {
            XCTAssertEqual(($0 as? EnvironmentFile.ParseError)?.line, 3)
            XCTAssertTrue("\($0)".contains("not a valid variable name"), "\($0)")
        }
        XCTAssertThrowsError(try EnvironmentFile.parse("A=1\nB=\"open\n\n")) {
            XCTAssertEqual(($0 as? EnvironmentFile.ParseError)?.line, 2)
        }
    }

    // MARK: - Layers

    private let system = Config.systemFile
    private func load(_ env: [String: String], files: [String: String]) throws -> Config {
        try Config.load(environment: env) { files[$0] }
    }

    func testSystemThenUserThenEnvironmentEachOverriding() throws {
        let files = [system: "BOXOFFICE_DB=/var/lib/boxoffice/boxoffice.sqlite\nREDIS_URL=unix:///run/boxoffice/redis.sock\nRESERVATION_TIMEOUT=300\n",
                     "/home/alice/.config/boxoffice/boxoffice.conf": "# mine\nRESERVATION_TIMEOUT=120\n"]
        let config = try load(["HOME": "/home/alice", "REDIS_URL": "unix:///tmp/other.sock", "PATH": "/usr/bin"], files: files)
        XCTAssertEqual(config.files.map(\.read), [true, true])
        XCTAssertEqual(config.lookup("BOXOFFICE_DB"), .init(value: "/var/lib/boxoffice/boxoffice.sqlite", source: .file(path: system, line: 1)))
        XCTAssertEqual(config.lookup("RESERVATION_TIMEOUT").source, .file(path: "/home/alice/.config/boxoffice/boxoffice.conf", line: 2))
        XCTAssertEqual(config.lookup("RESERVATION_TIMEOUT").value, "120")
        XCTAssertEqual(config.lookup("REDIS_URL"), .init(value: "unix:///tmp/other.sock", source: .environment))
        XCTAssertEqual(config.lookup("BOXOFFICE_CLERK").source, .builtIn)
        XCTAssertEqual(config.environment["PATH"], "/usr/bin", "the rest of the environment passes through")
        let settings = try Settings.fromEnvironment(config.environment)
        XCTAssertEqual(settings.databasePath, "/var/lib/boxoffice/boxoffice.sqlite")
        XCTAssertEqual(settings.reservationTimeoutMs, 120_000)
    }

    func testAnEmptyEnvironmentVariableDoesNotBlankAFile() throws {
        let config = try load(["BOXOFFICE_DB": "", "HOME": "/nowhere"], files: [system: "BOXOFFICE_DB=/srv/db.sqlite"])
        XCTAssertEqual(config.lookup("BOXOFFICE_DB").value, "/srv/db.sqlite")
    }

    func testSelectorReadsOneFileOrNone() throws {
        let files = [system: "BOXOFFICE_DB=/var/lib/boxoffice/boxoffice.sqlite", "/srv/test.conf": "BOXOFFICE_DB=/srv/test.sqlite"]
        let chosen = try load(["BOXOFFICE_CONFIG": "/srv/test.conf", "HOME": "/home/alice"], files: files)
        XCTAssertEqual(chosen.files, [.init(path: "/srv/test.conf", read: true)])
        XCTAssertEqual(chosen.lookup("BOXOFFICE_DB").value, "/srv/test.sqlite")

        let none = try load(["BOXOFFICE_CONFIG": "none", "HOME": "/home/alice"], files: files)
        XCTAssertEqual(none.files, [])
        XCTAssertEqual(none.lookup("BOXOFFICE_DB").source, .builtIn)
        XCTAssertTrue(try Settings.fromEnvironment(none.environment).databasePath.hasSuffix("/var/boxoffice.sqlite"),
                      "without configuration a checkout keeps ./var")

        XCTAssertThrowsError(try load(["BOXOFFICE_CONFIG": "/srv/missing.conf"], files: files)) {
            XCTAssertEqual(($0 as? BookingError)?.kind, .badInput)
            XCTAssertTrue("\($0)".contains("/srv/missing.conf"), "\($0)")
        }
    }

    func testAMalformedFileIsRefusedWithItsNameAndLine() {
        XCTAssertThrowsError(try load(["HOME": "/h"], files: [system: "BOXOFFICE_DB=/x\nREDIS_URL unix:///y\n"])) {
            XCTAssertEqual("\($0)", "The configuration file \(system), line 2: expected KEY=value, found \"REDIS_URL unix:///y\" without '='. Nothing was done.")
        }
    }

    func testUnknownNamesAreListedForDoctor() throws {
        let config = try load(["HOME": "/h"], files: [system: "BOXOFICE_DB=/typo\nREDIS_URL=unix:///run/boxoffice/redis.sock"])
        XCTAssertEqual(config.unknownNames.map(\.name), ["BOXOFICE_DB"])
        let settings = try Settings.fromEnvironment(config.environment)
        let findings = Doctor.check(configuration: config, settings: settings)
        XCTAssertTrue(findings.contains { !$0.ok && $0.text.contains("BOXOFICE_DB (\(system):1) is not a setting") }, "\(findings)")
    }

    func testDoctorNamesASettingThatPointsNowhere() throws {
        let config = try load(["HOME": "/h"], files: [system: "BOXOFFICE_DB=/nonexistent-boxoffice/db.sqlite\nREDIS_URL=unix:///nonexistent-boxoffice/redis.sock\n"])
        let findings = Doctor.check(configuration: config, settings: try Settings.fromEnvironment(config.environment)).filter { !$0.ok }.map(\.text)
        XCTAssertTrue(findings.contains { $0.contains("/nonexistent-boxoffice does not exist (BOXOFFICE_DB from \(system):1)") }, "\(findings)")
        XCTAssertTrue(findings.contains { $0.contains("no Redis socket at /nonexistent-boxoffice/redis.sock (REDIS_URL from \(system):2)") }, "\(findings)")
    }

    // MARK: - Clerks

    func testSshdDropInConfinesTheGroupToBoxoffice() {
        let text = ClerkAccounts.sshdDropInText()
        for line in ["Match Group boxoffice-only", "ForceCommand /usr/bin/boxoffice", "AllowTcpForwarding no",
                     "X11Forwarding no", "PermitTunnel no"] {
            XCTAssertTrue(text.contains(line), line)
        }
        XCTAssertTrue(text.hasSuffix("Match all\n"), "ends its Match block, whatever is read after it")
    }

    func testGroupMembersFromGetent() {
        XCTAssertEqual(ClerkAccounts.members(groupLine: "boxoffice:x:998:alice,bob\n"), ["alice", "bob"])
        XCTAssertEqual(ClerkAccounts.members(groupLine: "boxoffice:x:998:"), [])
    }

    /// The environment read from `environ` is Foundation's: every name and value, a value holding `=` whole, an empty
    /// value kept.
    func testProcessEnvironmentIsFoundationsEnvironment() {
        setenv("BOXOFFICE_TEST_EQUALS", "a=b=c", 1)
        setenv("BOXOFFICE_TEST_EMPTY", "", 1)
        setenv("BOXOFFICE_TEST_TEXT", "Zoë £22", 1)
        defer { for name in ["BOXOFFICE_TEST_EQUALS", "BOXOFFICE_TEST_EMPTY", "BOXOFFICE_TEST_TEXT"] { unsetenv(name) } }
        let env = Config.processEnvironment()
        XCTAssertEqual(env, ProcessInfo.processInfo.environment)
        XCTAssertEqual(env["BOXOFFICE_TEST_EQUALS"], "a=b=c")
        XCTAssertEqual(env["BOXOFFICE_TEST_EMPTY"], "")
        XCTAssertEqual(env["BOXOFFICE_TEST_TEXT"], "Zoë £22")
    }
}
