import Foundation

/// The result of running a program: its exit (code, or the signal that ended it) and what it wrote.
public struct RunResult: Sendable {
    public var status: Int32
    public var signal: Int32?
    public var stdout: String
    public var stderrBytes: [UInt8]
    public var stderr: String { String(decoding: stderrBytes, as: UTF8.self) }
}

/// A program started with posix_spawn, stdout/stderr to files: arguments are raw bytes, so tests can pass invalid
/// UTF-8 on argv, which Foundation's `Process` cannot. Files, not pipes, so thirty children writing at once never
/// block on a pipe nobody reads yet.
public final class Spawned: @unchecked Sendable {
    public let pid: pid_t
    public let outPath: String, errPath: String
    private let folder: String
    public private(set) var result: RunResult?

    public init(_ executable: String, _ arguments: [[UInt8]], env: [String: String], stdin: String = "/dev/null") throws {
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

    /// The same with text arguments.
    public convenience init(_ executable: String, arguments: [String], env: [String: String], stdin: String = "/dev/null") throws {
        try self.init(executable, arguments.map { Array($0.utf8) }, env: env, stdin: stdin)
    }

    /// Waits for the exit and collects the output.
    @discardableResult
    public func wait() -> RunResult {
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

public struct TestFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}
