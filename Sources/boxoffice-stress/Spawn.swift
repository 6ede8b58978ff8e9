import Foundation
import Synchronization

/// Every process the coordinator has started and not yet reaped: an interrupted run (Ctrl-C, SIGTERM, a dropped
/// SSH session) stops them all rather than leave clerks racing and a Redis running.
let children = Mutex<Set<pid_t>>([])

/// Ctrl-C, SIGTERM and SIGHUP are blocked here and taken by one thread with sigwait: it stops every child and
/// exits (a signal handler could not safely take the lock). Children get the signals back (see `spawn`).
func stopChildrenOnSignals() {
    var set = sigset_t()
    sigemptyset(&set)
    for sig in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, sig) }
    pthread_sigmask(SIG_BLOCK, &set, nil)
    let blocked = set
    Thread.detachNewThread {
        var set = blocked
        var sig: Int32 = 0
        sigwait(&set, &sig)
        for pid in children.withLock({ $0 }) { kill(pid, SIGKILL) }
        FileHandle.standardError.write(Data("boxoffice-stress: interrupted (signal \(sig)); every clerk and the Redis stopped\n".utf8))
        exit(128 + sig)
    }
}

/// Reaped (or about to be): no longer to be stopped on an interrupt.
func forget(_ pid: pid_t) { _ = children.withLock { $0.remove(pid) } }

/// Starts a program with posix_spawn: stdout and stderr to a file, stdin from /dev/null. Returns its pid.
func spawn(_ executable: String, _ arguments: [String], output: String) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    // The child starts with no signal blocked and the usual dispositions, whatever the coordinator did with its own.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t(), defaults = sigset_t()
    sigemptyset(&none)
    sigemptyset(&defaults)
    for sig in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] { sigaddset(&defaults, sig) }
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
    guard rc == 0 else { throw StressError("cannot start \(executable): \(String(cString: strerror(rc)))") }
    children.withLock { _ = $0.insert(pid) }
    return pid
}

/// This program's own path, to spawn workers of the same binary.
func ownExecutable() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
}

/// A child's exit, as `waitpid` reports it.
enum ExitStatus: CustomStringConvertible {
    case exited(Int32), signalled(Int32)
    init(_ status: Int32) {
        if status & 0x7f == 0 { self = .exited((status >> 8) & 0xff) } else { self = .signalled(status & 0x7f) }
    }
    var description: String {
        switch self {
        case .exited(let code): "exit \(code)"
        case .signalled(let sig): "signal \(sig)"
        }
    }
}
