import Foundation

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
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    guard rc == 0 else { throw StressError("cannot start \(executable): \(String(cString: strerror(rc)))") }
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
