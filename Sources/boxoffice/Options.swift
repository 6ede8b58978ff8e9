import ArgumentParser
import Booking
import Foundation

/// Who is acting, shared by every command.
struct ClerkOptions: ParsableArguments {
    @Option(help: ClerkOptions.help)
    var clerk: String?

    static let help: ArgumentHelp = "The clerk's name (default: BOXOFFICE_CLERK, else the login name)."

    /// A command runs a few statements and exits: one SQLite connection (`.single`) opens without the pool's
    /// write at start-up. The seat picker, which reads while it books, keeps a pool.
    func open(connections: DatabaseConnections = .single) throws -> BoxOffice {
        try Self.open(clerk: clerk, connections: connections)
    }

    static func open(clerk: String?, connections: DatabaseConnections = .single) throws -> BoxOffice {
        try BoxOffice(settings: try Settings.fromEnvironment(), clerk: try Clerk.current(named: clerk), connections: connections)
    }
}

/// The clerk, the theater and, optionally, which of its performances: the first arguments of the commands on one
/// performance's seats (`seats`, `book`, `reserve`, `release`, `block`, `unblock`). Each of them declares the three
/// itself, with ClerkOptions' and this help, rather than as an option group: the argument parser reads each group type
/// through reflection, and a group type's first checks (scans of the binary's ~7,000 conformance records) were ~4 % of
/// a `book` (the same reason `--clerk` was never a second group here).
enum PerformanceHelp {
    static let theater: ArgumentHelp = "Theater id, or name (any case)."
    static let performance: ArgumentHelp = "Performance id (default: the theater's one performance on sale)."
}

/// A command on one performance's seats: its `--clerk`, `<theater>` and `--performance` (see PerformanceHelp).
protocol OnePerformance {
    var clerk: String? { get }
    var theater: String { get }
    var performance: Int64? { get }
}

extension OnePerformance {
    /// The box office for one command, kept open until the process exits: closing it would only free memory and
    /// close a connection that keeps its WAL anyway (GRDB's teardown was 4 % of a `book`); the exit does both.
    func open() throws -> BoxOffice {
        let box = try ClerkOptions.open(clerk: clerk)
        UntilExit.keep(box)
        return box
    }

    func resolve(_ box: BoxOffice, purpose: BoxOffice.Purpose) throws -> (Performance, String?) {
        // Both by id (scripts, the bench): one read, when the performance is this theater's. Anything else, errors
        // included, takes the two reads below and their words.
        if let id = performance, let theaterID = Int64(SafeText.trimmingSpaces(self.theater)),
           let found = try box.performance(id: id, theaterID: theaterID, purpose: purpose) {
            return (found, nil)
        }
        let theater = try box.resolveTheater(self.theater)
        return try box.resolvePerformance(theater: theater, id: performance, purpose: purpose)
    }
}

enum Logs {
    /// Warnings and errors to stderr for the command line; the seat picker moves them to the clerk's own log file
    /// (`toClerkFile`), since nothing but its screen may write to the terminal it owns.
    /// The level is read when the first logger is made, not at start-up: `--help` and `--version` make none, and
    /// reading the configuration files was a quarter of their time.
    static func bootstrap() {
        LoggingSystem.bootstrap { label in SinkLogHandler(label: label, logLevel: level) }
    }

    private static let level: Logger.Level =
        Config.currentEnvironment["BOXOFFICE_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning

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
