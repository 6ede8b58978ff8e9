import Foundation

/// A redis-server of the test's own in a temporary folder (unix socket only, nothing saved), which the test may
/// kill and restart: the shared Redis of `make test` must not be stopped by one test.
final class PrivateRedis {
    let folder: String
    var socket: String { folder + "/redis.sock" }
    var url: String { "unix://" + socket }
    private(set) var pid: pid_t = 0
    let permissions: String

    init(permissions: String = "770") throws {
        folder = try TempFolder.make("redis")
        self.permissions = permissions
        try start()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    func start() throws {
        let server = try Spawned("/usr/bin/redis-server", [
            "--port", "0", "--unixsocket", socket, "--unixsocketperm", permissions, "--save", "", "--appendonly", "no",
            "--dir", folder, "--daemonize", "no",
        ].map { Array($0.utf8) }, env: [:])
        pid = server.pid
        guard eventually(within: 10, { ping() }) else { throw TestFailure("redis-server did not answer PING") }
    }

    func ping() -> Bool {
        (try? Spawned("/usr/bin/redis-cli", ["-s", socket, "ping"].map { Array($0.utf8) }, env: [:]).wait().stdout)?
            .contains("PONG") ?? false
    }

    func cli(_ args: String...) throws -> String {
        try Spawned("/usr/bin/redis-cli", (["-s", socket] + args).map { Array($0.utf8) }, env: [:]).wait().stdout
    }

    /// Kills it (SIGKILL: a crash) and waits until it has gone.
    func stop() {
        guard pid > 0 else { return }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        pid = 0
    }

    func restartEmpty() throws {
        stop()
        try start()
    }
}
