import Foundation

/// A redis-server of the test's own in a temporary folder (unix socket only, nothing saved), which the test may
/// kill, pause and restart: the shared Redis of `make test` must not be stopped by one test.
public final class PrivateRedis {
    public let folder: String
    public var socket: String { folder + "/redis.sock" }
    public var url: String { "unix://" + socket }
    public private(set) var pid: pid_t = 0
    public let permissions: String

    public init(permissions: String = "770") throws {
        folder = try TempFolder.make("redis")
        self.permissions = permissions
        try start()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    public func start() throws {
        let server = try Spawned("/usr/bin/redis-server", arguments: [
            "--port", "0", "--unixsocket", socket, "--unixsocketperm", permissions, "--save", "", "--appendonly", "no",
            "--dir", folder, "--daemonize", "no",
        ], env: [:])
        pid = server.pid
        guard eventually(within: 10, { ping() }) else { throw TestFailure("redis-server did not answer PING") }
    }

    public func ping() -> Bool {
        (try? Spawned("/usr/bin/redis-cli", arguments: ["-s", socket, "ping"], env: [:]).wait().stdout)?.contains("PONG") ?? false
    }

    public func cli(_ args: String...) throws -> String {
        try Spawned("/usr/bin/redis-cli", arguments: ["-s", socket] + args, env: [:]).wait().stdout
    }

    /// A hung Redis: it keeps its connections but answers nothing until `resume`.
    public func pause() { if pid > 0 { kill(pid, SIGSTOP) } }
    public func resume() { if pid > 0 { kill(pid, SIGCONT) } }

    /// Kills it (SIGKILL: a crash) and waits until it has gone.
    public func stop() {
        guard pid > 0 else { return }
        kill(pid, SIGKILL)
        kill(pid, SIGCONT)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        pid = 0
    }

    public func restartEmpty() throws {
        stop()
        try start()
    }
}
