import Foundation
import Logging
import Synchronization

/// Where log records go: standard error for the command line, the clerk's own log file while the seat picker owns
/// the terminal (a line on stderr would scroll the seat map). A process-wide switch, because loggers are made once
/// (by `BoxOffice`) before anyone knows whether the picker will run.
final class LogSink: Sendable {
    static let shared = LogSink()

    private struct State {
        var fd: Int32 = STDERR_FILENO
        /// Told of every warning or worse written to the file, so the picker can say so in its message line.
        var notice: (@Sendable (String) -> Void)?
    }
    private let state = Mutex(State())

    /// From now on, writes to this open file (appending) and tells `notice` of each warning, or, with nil, drops
    /// the records (the file could not be opened; the terminal is still off limits).
    func redirect(to fd: Int32?, notice: (@Sendable (String) -> Void)?) {
        state.withLock {
            if $0.fd != STDERR_FILENO, $0.fd >= 0 { close($0.fd) }
            $0.fd = fd ?? -1
            $0.notice = notice
        }
    }

    func write(_ line: String, level: Logger.Level, summary: @autoclosure () -> String) {
        let (fd, notice) = state.withLock { ($0.fd, $0.notice) }
        if fd >= 0 {
            // One write per line, on a file opened with O_APPEND: two pickers of one clerk never cut each other's lines.
            var bytes = Array(line.utf8)
            bytes.append(0x0A)
            _ = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        }
        if level >= .warning, let notice { notice(summary()) }
    }
}

/// A swift-log handler writing `timestamp level label: [pid] metadata message` lines (the shape of swift-log's
/// own `StreamLogHandler`, plus the process id, since a clerk may run two pickers) to `LogSink.shared`.
struct SinkLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
             file: String, function: String, line: UInt) {
        let all = metadata.merging(explicit ?? [:]) { _, new in new }
        let fields = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let text = fields.isEmpty ? "\(message)" : "\(fields) \(message)"
        LogSink.shared.write("\(Self.timestamp()) \(level) \(label): [\(getpid())] \(text)", level: level,
                             summary: "\(message)")
    }

    private static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &parts)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)   // up to the NUL
    }
}

/// The clerk's own log file: `$XDG_STATE_HOME/boxoffice/boxoffice.log`, by default under `~/.local/state`.
/// Never a file shared by clerks (each has their own home), so one clerk's log cannot be read or filled by another.
enum LogFile {
    /// The path for this environment (an `XDG_STATE_HOME` that is not absolute is ignored, as the XDG spec says).
    static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        var state = environment["XDG_STATE_HOME"] ?? ""
        if !state.hasPrefix("/") {
            let home = environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? NSHomeDirectory()
            state = home + "/.local/state"
        }
        return state + "/boxoffice/boxoffice.log"
    }

    /// Creates the folders (0700: a log names customers) and opens the file for appending (0600).
    static func open(_ path: String) throws -> Int32 {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let fd = Foundation.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path,
                             NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
        return fd
    }
}
