import Logging

/// The server's log lines, as swift-log's StreamLogHandler writes them to stderr, but with the logger's metadata kept
/// here and rendered only when a line is written. StreamLogHandler renders its metadata text on every change, and
/// Hummingbird sets a request id on every request's logger: at the info level, where nothing per request is written,
/// that rendering was about 5 % of the Swift executor's CPU per booking (perf, 64 wrk connections).
struct ServerLogHandler: LogHandler {
    private var stream: StreamLogHandler
    var metadata: Logger.Metadata = [:]

    init(label: String, level: Logger.Level) {
        stream = StreamLogHandler.standardError(label: label)
        stream.logLevel = level
    }

    var logLevel: Logger.Level {
        get { stream.logLevel }
        set { stream.logLevel = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { stream.metadataProvider }
        set { stream.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// The logger's metadata under the line's own (which wins on a clash), as StreamLogHandler merges them.
    func log(event: LogEvent) {
        guard !metadata.isEmpty else { return stream.log(event: event) }
        var event = event
        event.metadata = metadata.merging(event.metadata ?? [:]) { _, explicit in explicit }
        stream.log(event: event)
    }
}
