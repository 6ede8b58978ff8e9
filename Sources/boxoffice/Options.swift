import ArgumentParser
import Booking
import Foundation

/// Who is acting, shared by every command.
struct ClerkOptions: ParsableArguments {
    @Option(help: "The clerk's name (default: BOXOFFICE_CLERK, else the login name).")
    var clerk: String?

    func open() throws -> BoxOffice {
        try BoxOffice(settings: try Settings.fromEnvironment(), clerk: try Clerk.current(named: clerk))
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
    /// Warnings and errors to stderr for the command line; the seat picker sends stderr to a log file.
    static func bootstrap() {
        let level = Config.currentEnvironment["BOXOFFICE_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

import Logging
