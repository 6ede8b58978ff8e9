import ArgumentParser
import Booking
import Foundation

/// Who is acting, shared by every command.
struct ClerkOptions: ParsableArguments {
    @Option(help: "The clerk's name (default: BOXOFFICE_CLERK, else the login name).")
    var clerk: String?

    /// A command runs a few statements and exits: one SQLite connection (`.single`) opens without the pool's
    /// write at start-up. The seat picker, which reads while it books, keeps a pool.
    func open(connections: DatabaseConnections = .single) throws -> BoxOffice {
        try BoxOffice(settings: try Settings.fromEnvironment(), clerk: try Clerk.current(named: clerk), connections: connections)
    }
}

/// The theater and, optionally, which of its performances.
struct PerformanceOptions: ParsableArguments {
    @Argument(help: "Theater id, or name (any case).")
    var theater: String

    @Option(help: "Performance id (default: the theater's one performance on sale).")
    var performance: Int64?

    func resolve(_ box: BoxOffice, purpose: BoxOffice.Purpose) throws -> (Performance, String?) {
        let theater = try box.resolveTheater(self.theater)
        return try box.resolvePerformance(theater: theater, id: performance, purpose: purpose)
    }
}

enum Logs {
    /// Warnings and errors to stderr for the command line; the seat picker moves them to the clerk's own log file
    /// (`toClerkFile`), since nothing but its screen may write to the terminal it owns.
    static func bootstrap() {
        let level = Config.currentEnvironment["BOXOFFICE_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        LoggingSystem.bootstrap { label in SinkLogHandler(label: label, logLevel: level) }
    }

    /// From now on, log records go to `LogFile.path()` and `notice` hears of each warning. Returns the path, or why
    /// the file could not be opened (then records are dropped: the terminal stays the picker's alone).
    static func toClerkFile(notice: @escaping @Sendable (String) -> Void) -> Result<String, LogFileError> {
        let path = LogFile.path()
        do {
            LogSink.shared.redirect(to: try LogFile.open(path), notice: notice)
            return .success(path)
        } catch {
            LogSink.shared.redirect(to: nil, notice: notice)
            return .failure(LogFileError(description: "\(path): \(error.localizedDescription)"))
        }
    }

    struct LogFileError: Error, CustomStringConvertible { var description: String }
}

import Logging
