import ArgumentParser
import Booking
import Foundation

/// The coordinator: a fresh database and venue in a temporary folder, its own Redis, many clerk processes, a
/// chaos loop, then the check from SQLite.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run the stress test (the default).")

    @Flag(help: "A short run for `make test`: fewer clerks and attempts, about half a minute.") var short = false
    @Option(help: "Clerk processes (default 120, or 24 with --short).") var workers: Int?
    @Option(help: "Attempts in all (default 200000, or 12000 with --short).") var attempts: Int?
    @Option(help: "Performances racing at once.") var performances = 4
    @Option(help: "Hot seats per performance.") var hotSeats = 12
    @Option(help: "Seed of the random choices (default: from the clock).") var seed: UInt64?
    @Flag(help: "Keep the temporary folder (database, Redis, logs) for inspection.") var keep = false

    func run() throws {
        stopChildrenOnSignals()
        let plan = Plan(workers: workers ?? (short ? 24 : 120), attempts: attempts ?? (short ? 12_000 : 200_000),
                        short: short, seed: seed ?? UInt64(wallMillis()))
        let template = (ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp") + "/boxoffice-stress.XXXXXX"
        var buffer = Array(template.utf8CString)
        guard mkdtemp(&buffer) != nil else { throw StressError("cannot create a temporary folder") }
        let folder = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        say("boxoffice-stress: \(plan.workers) clerks, \(plan.attempts) attempts, \(performances) performances × \(hotSeats) hot seats, seed \(plan.seed), in \(folder)")

        let redis = RedisServer(folder: folder + "/redis")
        try FileManager.default.createDirectory(atPath: redis.folder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/logs", withIntermediateDirectories: true)
        try redis.start()
        defer { redis.stop() }

        let prefix = "stress\(getpid())"
        let settings = Settings(databasePath: folder + "/boxoffice.sqlite", redis: RedisEndpoint(address: .unix(path: redis.socket)),
                                reservationTimeoutMs: 2_000, redisNamespace: prefix)
        let setup = try BoxOffice.initialize(settings: settings, clerk: Clerk(name: "stress-setup", unixUser: Clerk.unixUserName(), session: "setup"))
        let venue = try setup.addVenue(Venues.generated(name: "Stress Hall", seatCount: 100))
        let theater = try setup.resolveTheater(String(venue.id))
        let shows = try (1...performances).map {
            try setup.addPerformance(theater: theater, title: "Race \($0)", startsAt: Date().addingTimeInterval(86_400))
        }
        let hot = try setup.layout(theaterID: theater.id).prefix(hotSeats).map(\.label)

        let started = ContinuousClock.now
        var chaos = Chaos(plan: plan, folder: folder, redis: redis, workerArguments: [
            "--database", settings.databasePath, "--redis-socket", redis.socket, "--prefix", prefix,
            "--performances", shows.map { String($0.id) }.joined(separator: ","), "--hot-seats", hot.joined(separator: ","),
        ])
        try chaos.run()
        redis.stop()
        let elapsed = ContinuousClock.now - started

        let report = try Verifier(folder: folder, databasePath: settings.databasePath, redisEvents: chaos.redisEvents).check()
        say(report.text(faults: chaos.faults, elapsed: elapsed, crashes: chaos.crashes, killedMidBooking: chaos.killedMidBooking))
        var failed = !report.violations.isEmpty || !chaos.crashes.isEmpty || report.attempts < plan.attempts
        for kind in Fault.allCases where chaos.faults[kind, default: 0] == 0 {
            say("FAILED: no fault of kind \(kind.rawValue) was injected")
            failed = true
        }
        if report.attempts < plan.attempts { say("FAILED: only \(report.attempts) of \(plan.attempts) attempts were made") }
        if failed || keep {
            say("The database, Redis log and worker logs are kept in \(folder)")
        } else {
            try? FileManager.default.removeItem(atPath: folder)
        }
        if failed { throw ExitCode(1) }
        say("OK: 0 violations")
    }
}

struct Plan {
    var workers: Int
    var attempts: Int
    var short: Bool
    var seed: UInt64
}
