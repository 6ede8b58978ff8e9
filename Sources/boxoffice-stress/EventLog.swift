import Foundation

/// Wall-clock milliseconds, the clock SQLite's `created_at` is stamped with (and the one Redis expires keys by,
/// on this same machine): hold windows and booking times are compared on it.
func wallMillis() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

/// An append-only log, one line per event, written with one `write(2)` each (O_APPEND): a line is on disk in
/// the kernel's page cache the moment the call returns, so a SIGKILL loses at most the event being written.
final class EventLog {
    private let fd: Int32

    init(path: String) throws {
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StressError("cannot open \(path): errno \(errno)") }
    }

    deinit { close(fd) }

    func write(_ fields: Any...) {
        let line = fields.map { "\($0)" }.joined(separator: "\t") + "\n"
        var bytes = Array(line.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 { if errno == EINTR { continue }; return }
            offset += n
        }
    }

    /// The lines of a log, split into fields; a torn last line (the writer killed mid-write) is dropped.
    static func read(_ path: String) -> [[String]] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else { return [] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if let last = lines.last, !text.hasSuffix("\n") || last.isEmpty { lines.removeLast() }
        return lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }
}

struct StressError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Log line kinds, written by workers (W) and the coordinator (C):
/// W `A  t seq op perf labels key`          an attempt, logged before the call (key: the booking's idempotency key or -)
/// W `H  t0 t1 ttl perf labels`             a hold acquired: sent at t0, answered at t1, live on Redis until >= t0+ttl
/// W `K  t0 t1 key reference perf labels warnings`  a booking acknowledged to the worker
/// W `X  t reference`                       a cancellation acknowledged
/// W `E  t seq op kind message`             an attempt refused or failed
/// C `redis  killStart readyAt signal`      Redis stopped (every hold gone) and up again, empty
enum LogKind {
    static let attempt = "A", hold = "H", booked = "K", cancelled = "X", error = "E", redis = "redis"
    /// A booking the clerk was told is paid in full (by `pay`; a paid booking says so on its "K" line).
    static let paid = "P"
}

/// A line to stdout, written at once (stdout to a file is block-buffered; progress should show as it happens).
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
