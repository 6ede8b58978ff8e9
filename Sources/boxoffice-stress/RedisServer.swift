@_spi(Bench) import Booking
import Foundation

/// A private redis-server the coordinator owns and can restart: a unix socket in its own folder, no TCP port,
/// nothing saved (a restart comes back empty, as after a crash of a Redis without persistence).
final class RedisServer {
    let folder: String
    var socket: String { folder + "/redis.sock" }
    private(set) var pid: pid_t = 0

    init(folder: String) { self.folder = folder }

    func start() throws {
        try? FileManager.default.removeItem(atPath: socket)
        pid = try spawn("/usr/bin/redis-server", [
            "--port", "0", "--unixsocket", socket, "--unixsocketperm", "770", "--save", "", "--appendonly", "no",
            "--dir", folder, "--daemonize", "no",
        ], output: folder + "/redis.log")
        // Wait until it answers PING, with a deadline (no sleeping to synchronise).
        let probe = RedisHolds(endpoint: RedisEndpoint(address: .unix(path: socket)), namespace: "probe")
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            probe.reset()
            if (try? probe.ping()) != nil { return }
            if ContinuousClock.now > deadline { throw StressError("redis-server did not answer within 10 s; see \(folder)/redis.log") }
            usleep(10_000)
        }
    }

    /// Stops it with the signal given (SIGKILL: a crash; SIGTERM: an orderly shutdown) and waits until it has gone.
    func stop(signal: Int32 = SIGKILL) {
        guard pid > 0 else { return }
        kill(pid, signal)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        forget(pid)
        pid = 0
    }
}
