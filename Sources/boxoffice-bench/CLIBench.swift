import ArgumentParser
import Booking
import Foundation

/// How fast the real command line answers: each command timed by hyperfine (a process per run, no shell) against a
/// static Swift hello-world that imports Foundation, built and timed in the same run (`scripts/bench.sh` builds it).
/// The targets are ratios to that baseline, so they hold on a slower or busier machine too.
enum CLIBench {
    struct Figure {
        var key: String
        var arguments: [String]
        /// At most this many times the hello-world's start-up.
        var targetRatio: Double
        /// A command hyperfine runs before each timed run, untimed (so every timed `book` succeeds).
        var prepare: [String]? = nil
    }

    static func run(results: Results, boxoffice: String, hello: String, work: String, scale: Double) throws {
        guard let hyperfine = which("hyperfine") else {
            throw BenchError("hyperfine is not installed: `make bench` installs it (Debian package hyperfine).")
        }
        // The demo, as `make run` makes it: the 744-seat Grand Theatre with an evening in progress.
        let database = work + "/cli.sqlite", namespace = "benchcli\(getpid())"
        setenv("BOXOFFICE_DB", database, 1)
        setenv("BOXOFFICE_REDIS_PREFIX", namespace, 1)
        setenv("BOXOFFICE_CLERK", "bench", 1)
        let initialized = try runQuietly(boxoffice, ["init", "--demo"])
        guard initialized == 0 else { throw BenchError("boxoffice init --demo failed (exit \(initialized))") }
        let box = try BoxOffice(settings: Fixture.settings(database: database, namespace: namespace), clerk: Fixture.clerk("bench"))
        let theater = try box.resolveTheater("Grand Theatre")
        let (performance, _) = try box.resolvePerformance(theater: theater, id: nil, purpose: .view)
        let seats = try box.snapshot(performanceID: performance.id)
        guard seats.seats.count == 744 else { throw BenchError("the demo venue has \(seats.seats.count) seats, not 744") }
        let free = seats.seats.indices.first { seats.states[$0] == .free }.map { seats.seats[$0].label } ?? "A1"
        let customer = "Bench Customer \(getpid())"
        let t = String(theater.id), p = String(performance.id)
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]

        let runs = max(20, Int(200 * scale))
        let baseline = try measure(hyperfine, [hello], runs: runs, work: work)
        results.add("hello_static_ms", baseline.median, unit: "ms")
        results.add("hello_static_cpu_ms", baseline.cpu, unit: "ms")
        results.detail("hello_static", baseline.summary)
        let figures = [
            Figure(key: "cli_help_ms", arguments: ["--help"], targetRatio: 2),
            Figure(key: "cli_version_ms", arguments: ["--version"], targetRatio: 2),
            Figure(key: "cli_theaters_ms", arguments: ["theaters"], targetRatio: 3),
            Figure(key: "cli_seats_ms", arguments: ["seats", t, "--performance", p], targetRatio: 5),
            Figure(key: "cli_seats_json_ms", arguments: ["seats", t, "--performance", p, "--json"], targetRatio: 5),
            Figure(key: "cli_book_ms", arguments: ["book", t, "--performance", p, free, "--name", customer.replacingOccurrences(of: " ", with: "_")],
                   targetRatio: 5,
                   prepare: [me, "worker-cli-reset", "--db", database, "--namespace", namespace,
                             "--customer", customer.replacingOccurrences(of: " ", with: "_")]),
        ]
        for figure in figures {
            let m = try measure(hyperfine, [boxoffice] + figure.arguments, prepare: figure.prepare, runs: runs, work: work)
            let limit = figure.targetRatio * baseline.median
            results.add(figure.key, m.median, unit: "ms", target: String(format: "≤ %.0f× hello", figure.targetRatio),
                        baseline: "hello_static_ms", met: m.median <= limit)
            // CPU time (user + system) moves less than wall time when other processes share the cores.
            results.add(String(figure.key.dropLast(3)) + "_cpu_ms", m.cpu, unit: "ms", baseline: "hello_static_cpu_ms")
            results.detail(String(figure.key.dropLast(3)), m.summary.merging(["command": "boxoffice " + figure.arguments.joined(separator: " ")]) { $1 })
        }
        for name in ["BOXOFFICE_DB", "BOXOFFICE_REDIS_PREFIX", "BOXOFFICE_CLERK"] { unsetenv(name) }
    }

    struct Timing {
        var median: Double, mean: Double, stddev: Double, min: Double, max: Double, runs: Int, cpu: Double
        var summary: [String: Any] {
            ["median_ms": median, "mean_ms": mean, "stddev_ms": stddev, "min_ms": min, "max_ms": max, "runs": runs, "cpu_ms": cpu]
        }
    }

    /// One hyperfine measurement: `-N` (no shell between hyperfine and the command), a warm-up, then `runs` runs.
    static func measure(_ hyperfine: String, _ command: [String], prepare: [String]? = nil, runs: Int, work: String) throws -> Timing {
        let export = work + "/hyperfine.json"
        var args = ["-N", "--style", "none", "--warmup", "5", "--runs", String(runs), "--export-json", export]
        if let prepare { args += ["--prepare", prepare.map(quoted).joined(separator: " ")] }
        args.append(command.map(quoted).joined(separator: " "))
        let status = try runQuietly(hyperfine, args)
        guard status == 0 else { throw BenchError("hyperfine failed (exit \(status)) on: \(command.joined(separator: " "))") }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: export))) as? [String: Any]
        guard let r = (json?["results"] as? [[String: Any]])?.first,
              let median = r["median"] as? Double, let mean = r["mean"] as? Double else {
            throw BenchError("hyperfine wrote no result for \(command.joined(separator: " "))")
        }
        let times = (r["times"] as? [Double]) ?? []
        return Timing(median: median * 1000, mean: mean * 1000, stddev: ((r["stddev"] as? Double) ?? 0) * 1000,
                      min: ((r["min"] as? Double) ?? 0) * 1000, max: ((r["max"] as? Double) ?? 0) * 1000, runs: times.count,
                      cpu: (((r["user"] as? Double) ?? 0) + ((r["system"] as? Double) ?? 0)) * 1000)
    }

    /// Quoted for hyperfine's own word splitting (it runs `-N` commands without a shell).
    static func quoted(_ word: String) -> String {
        word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:".contains($0) } ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func which(_ program: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(program)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Runs a program with stdout to /dev/null (stderr stays, for its errors); returns the exit status.
    static func runQuietly(_ program: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// hyperfine's `--prepare` for `cli_book_ms`: cancels the bookings the previous timed run made, so the next one books.
struct CLIResetWorker: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "worker-cli-reset", shouldDisplay: false)
    @Option var db: String
    @Option var namespace: String
    @Option var customer: String

    func run() throws {
        // One connection, as `boxoffice cancel` opens it: the database is left as a clerk's command leaves it (a pool
        // would checkpoint and remove the WAL on closing, which no clerk's command does between two bookings).
        let box = try BoxOffice(settings: Fixture.settings(database: db, namespace: namespace), clerk: Fixture.clerk("bench"),
                                connections: .single)
        for order in try box.find(customer) where order.cancelledAt == nil {
            _ = try box.cancel(reference: order.reference)
        }
    }
}
