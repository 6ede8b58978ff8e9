import ArgumentParser
import Booking

struct ReserveCommand: ParsableCommand, OnePerformance {
    static let configuration = CommandConfiguration(
        commandName: "reserve", abstract: "Hold seats for a while (all or none), so no other clerk can take them.",
        discussion: "The hold is the clerk's: the same clerk may book or release it from any terminal. It frees itself after RESERVATION_TIMEOUT seconds (default 300) or --ttl.")

    @Option(help: ClerkOptions.help) var clerk: String?
    @Argument(help: PerformanceHelp.theater) var theater: String
    @Option(help: PerformanceHelp.performance) var performance: Int64?
    @Argument(help: "Seat labels, such as C12.") var seats: [String] = []
    // Unconditional: `--ttl -5` is a value to refuse by name, not the option "-5" (the parser said "Missing value").
    @Option(parsing: .unconditional, help: "Seconds the hold lasts, more than 0 and at most 86400 (default RESERVATION_TIMEOUT, else 300).")
    var ttl: String?
    @Option(name: .customLong("holdback-code"), help: "The code of held-back seats among these: they are held only with it.")
    var holdbackCode: String?

    /// A --ttl that is not a number of seconds in range is a malformed command line (exit 64), like any malformed
    /// option. Checked here rather than in a transform, whose error would echo the raw value (escape sequences and all).
    func validate() throws {
        do { _ = try ttl.map { try Settings.parseTTL($0, source: "--ttl") } } catch let error as BookingError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let box = try open()
        let ttlMs = try ttl.map { Int(try Settings.parseTTL($0, source: "--ttl") * 1000) }
        let (performance, _) = try resolve(box, purpose: .sell)
        let outcome = try box.hold(performanceID: performance.id, labels: seats, ttlMs: ttlMs, holdbackCode: holdbackCode)
        print("Held \(outcome.labels.joined(separator: ", ")) for \(box.clerk.name) for \(Format.duration(ms: outcome.expiresInMs)) (performance \(performance.id)).")
    }
}
