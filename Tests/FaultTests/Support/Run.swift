import Foundation
import XCTest

/// The result of running a program: its exit (code, or the signal that ended it) and what it wrote.
struct RunResult {
    var status: Int32
    var signal: Int32?
    var stdout: String
    var stderrBytes: [UInt8]
    var stderr: String { String(decoding: stderrBytes, as: UTF8.self) }
}

/// A program started with posix_spawn, stdout/stderr to files: arguments are raw bytes, so tests can pass invalid
/// UTF-8 on argv, which Foundation's `Process` cannot.
final class Spawned {
    let pid: pid_t
    let outPath: String, errPath: String
    private let folder: String
    private(set) var result: RunResult?

    init(_ executable: String, _ arguments: [[UInt8]], env: [String: String], stdin: String = "/dev/null") throws {
        let dir = try TempFolder.make("run")
        folder = dir
        outPath = dir + "/out"
        errPath = dir + "/err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = ([Array(executable.utf8)] + arguments).map { bytes in
            let p = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (i, b) in bytes.enumerated() { p[i] = CChar(bitPattern: b) }
            p[bytes.count] = 0
            return p
        } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { $0?.deallocate() }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard rc == 0 else { throw TestFailure("cannot start \(executable): \(String(cString: strerror(rc)))") }
        self.pid = pid
    }

    /// Waits for the exit and collects the output.
    @discardableResult
    func wait() -> RunResult {
        if let result { return result }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signalled = status & 0x7f
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = FileManager.default.contents(atPath: errPath).map { [UInt8]($0) } ?? []
        let r = RunResult(status: signalled == 0 ? (status >> 8) & 0xff : -1, signal: signalled == 0 ? nil : signalled,
                          stdout: out, stderrBytes: err)
        result = r
        try? FileManager.default.removeItem(atPath: folder)
        return r
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

enum TempFolder {
    /// One folder per test process, removed after each test class (`removeAll`).
    static var root: String { (ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp") + "/boxoffice-fault-\(getpid())" }

    static func make(_ name: String) throws -> String {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        var template = Array("\(root)/\(name).XXXXXX".utf8CString)
        guard mkdtemp(&template) != nil else { throw TestFailure("mkdtemp failed") }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func removeAll() { try? FileManager.default.removeItem(atPath: root) }
}

/// The built `boxoffice`: BOXOFFICE_BIN (set by scripts/test.sh), else the one next to this test bundle.
enum CLI {
    static var path: String {
        if let bin = ProcessInfo.processInfo.environment["BOXOFFICE_BIN"], !bin.isEmpty { return bin }
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("boxoffice").path
            if FileManager.default.isExecutableFile(atPath: candidate), !candidate.hasSuffix(".xctest") { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return "boxoffice"
    }

    static func run(_ args: [String], env: [String: String]) throws -> RunResult {
        try Spawned(path, args.map { Array($0.utf8) }, env: env).wait()
    }

    static func runRaw(_ args: [[UInt8]], env: [String: String]) throws -> RunResult {
        try Spawned(path, args, env: env).wait()
    }
}

/// Polls a condition until it holds or the deadline passes (no sleeping to synchronise).
func eventually(within seconds: Double = 10, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        usleep(10_000)
    }
    return try condition()
}

/// Bytes a terminal would act on: C0 controls other than newline and tab, DEL, C1, and bidi/zero-width scalars.
func terminalUnsafe(_ bytes: [UInt8]) -> Bool {
    if bytes.contains(where: { ($0 < 0x20 && $0 != 0x0A && $0 != 0x09) || $0 == 0x7F }) { return true }
    let text = String(decoding: bytes, as: UTF8.self)
    return text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) || (0x200B...0x200F).contains($0.value)
        || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }
}
