import ArgumentParser
@_spi(Bench) import Booking
import Foundation

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run every measurement, print the table, write results.json.")

    @Option(help: "Where to write the results.") var out = "bench/results.json"
    @Option(help: "The folder for the benchmark's databases (default: a new folder under bench/). Same file system as the data you care about.")
    var folder: String?
    @Option(help: "The boxoffice binary, driven in a pseudo-terminal for the terminal-bytes and memory figures.")
    var boxoffice: String?
    @Option(help: "A static Swift hello-world (bench/hello.swift, built by scripts/bench.sh): the baseline of the cli_* figures.")
    var hello: String?
    @Option(help: "Scale every iteration count (0.2 for a quick look).") var scale = 1.0
    @Flag(help: "Keep the benchmark's database folder.") var keep = false

    func run() throws {
        guard ProcessInfo.processInfo.environment["REDIS_URL"].map({ !$0.isEmpty }) == true else {
            throw BenchError("REDIS_URL is not set: run under scripts/with-redis.sh (make bench does).")
        }
        let began = monotonicNs()
        let base = folder ?? FileManager.default.currentDirectoryPath + "/bench"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        var template = Array((base + "/work.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw BenchError("cannot create a folder under \(base)") }
        let work = String(cString: made)
        defer { if !keep { try? FileManager.default.removeItem(atPath: work) } }
        func n(_ count: Int) -> Int { max(50, Int(Double(count) * scale)) }

        let results = Results()
        log("setting up in \(work)")
        let fx = try Fixture(folder: work)
        let box = fx.box

        // Redis round trip on the connection boxoffice uses.
        let ping = try Baselines.redisPing(box.holds, iterations: n(20_000))
        results.add("redis_rtt_p50_us", ping.us(50), unit: "µs")
        results.detail("redis_rtt", ping.summary)

        // Holds.
        let holdPerf = try fx.performance(fx.theater2000, "Holds")
        let one = try BookingBench.holdRelease(box, performance: holdPerf, seatsPerHold: 1, iterations: n(5_000))
        results.add("hold_p50_us", one.hold.us(50), unit: "µs", target: "< 500 µs", baseline: "redis_rtt_p50_us", met: one.hold.us(50) < 500)
        results.add("hold_p99_us", one.hold.us(99), unit: "µs", baseline: "redis_rtt_p50_us")
        results.add("release_p50_us", one.release.us(50), unit: "µs", baseline: "redis_rtt_p50_us")
        results.detail("hold", one.hold.summary)
        results.detail("release", one.release.summary)
        results.detail("hold_and_release", one.pair.summary)
        let four = try BookingBench.holdRelease(box, performance: holdPerf, seatsPerHold: 4, iterations: n(3_000))
        results.add("hold4_p50_us", four.hold.us(50), unit: "µs", baseline: "redis_rtt_p50_us")
        results.detail("hold4", four.hold.summary)

        // Bookings against raw commits: the disk of a shared machine changes speed from second to second, so raw
        // commits and bookings run in alternating slices and each side adds its slices up.
        let raw = try RawCommits(folder: work)
        let slice = 0.4 * min(1, max(0.25, scale))
        let seqPerf = try fx.performance(fx.theater20000, "Sequential bookings")
        let seq = try BookingBench.bookSequential(box, performance: seqPerf, raw: raw, rounds: 8, slice: slice)
        let concPerf = try fx.performance(fx.theater20000, "Concurrent bookings")
        let conc = try ConcurrentBookings.run(fx, performance: concPerf, processes: 8, raw: raw, rounds: 8, slice: slice)
        results.add("sqlite_commit_per_s", raw.perSecond, unit: "/s")
        results.add("sqlite_commit_p50_us", raw.latencies.us(50), unit: "µs")
        results.add("sqlite_commit_p99_us", raw.latencies.us(99), unit: "µs")
        results.add("sqlite_commit_cpu_us", raw.cpuUs / Double(max(1, raw.commits)), unit: "µs")
        results.detail("sqlite_commit", raw.latencies.summary)
        results.add("book_per_s", seq.perSecond, unit: "/s", target: "≥ 70 % of raw commits", baseline: "sqlite_commit_per_s",
                    met: seq.perSecond >= 0.7 * raw.perSecond)
        results.add("book_p50_us", seq.latencies.us(50), unit: "µs", baseline: "sqlite_commit_p50_us")
        results.add("book_p99_us", seq.latencies.us(99), unit: "µs", baseline: "sqlite_commit_p99_us")
        results.add("book_cpu_us", seq.cpuUsPerBooking, unit: "µs", baseline: "sqlite_commit_cpu_us")
        results.detail("book", seq.latencies.summary)
        results.add("book_concurrent_per_s", conc.perSecond, unit: "/s", target: "≥ 70 % of raw commits", baseline: "sqlite_commit_per_s",
                    met: conc.perSecond >= 0.7 * raw.perSecond)
        results.detail("book_concurrent", ["bookings": conc.bookings, "errors": conc.errors, "seconds": conc.seconds, "processes": 8])

        // Snapshots of an evening in progress: 30 % sold, some seats held by two other clerks.
        let snap2Perf = try fx.performance(fx.theater2000, "Snapshot 2000")
        let filled2 = try fx.fillEvening(snap2Perf, soldShare: 0.3, held: 40)
        let snap20Perf = try fx.performance(fx.theater20000, "Snapshot 20000")
        let filled20 = try fx.fillEvening(snap20Perf, soldShare: 0.3, held: 200)
        results.detail("snapshot_evening", ["2000": ["sold": filled2.sold, "held": filled2.held],
                                            "20000": ["sold": filled20.sold, "held": filled20.held]])
        let s2 = try BookingBench.snapshot(box, performance: snap2Perf, iterations: n(2_000))
        results.add("snapshot_2000_us", s2.latencies.us(50), unit: "µs", target: "< 2,000 µs", met: s2.latencies.us(50) < 2_000)
        results.detail("snapshot_2000", s2.latencies.summary)
        let s20 = try BookingBench.snapshot(box, performance: snap20Perf, iterations: n(300))
        results.add("snapshot_20000_us", s20.latencies.us(50), unit: "µs", target: "< 20,000 µs", met: s20.latencies.us(50) < 20_000)
        results.detail("snapshot_20000", s20.latencies.summary)

        // A hold on the full arena in progress (30 % sold): what the checks before Redis cost on a big house.
        let free20 = s20.map.seats.indices.filter { s20.map.states[$0] == .free }.map { s20.map.seats[$0].label }
        let big = try BookingBench.holdRelease(box, performance: snap20Perf, seatsPerHold: 1, iterations: n(2_000), among: free20)
        results.add("hold_20000_p50_us", big.hold.us(50), unit: "µs", baseline: "redis_rtt_p50_us")
        results.detail("hold_20000", big.hold.summary)

        // Would a Redis cache of unbooked seats beat SQLite for the booked/blocked part of the snapshot?
        for (label, perf, map, iterations) in [("2000", snap2Perf, s2.map, n(2_000)), ("20000", snap20Perf, s20.map, n(300))] {
            let exp = try CacheExperiment.run(box, performance: perf, map: map, iterations: iterations)
            results.detail("cache_experiment_\(label)", exp.mapValues(\.summary))
            for (variant, lat) in exp.sorted(by: { $0.key < $1.key }) {
                results.values["cache_\(variant)_\(label)_us"] = lat.us(50)
            }
        }

        // Live: clerk A holds, clerk B's process has it in its model.
        // Venue plans: a 20,000-seat CSV plan checked, imported as a new theater, and imported again unchanged.
        log("plans: 20,000 seats")
        let plans = try PlanBench.run(box, folder: work, seats: 20_000, iterations: 5)
        results.add("plan_check_20000_ms", plans.check.ms(50), unit: "ms")
        results.add("plan_import_20000_ms", plans.importNew.ms(50), unit: "ms")
        results.add("plan_reimport_20000_ms", plans.reimport.ms(50), unit: "ms")
        results.detail("plan_check_20000", plans.check.summary)
        results.detail("plan_import_20000", plans.importNew.summary)
        results.detail("plan_reimport_20000", plans.reimport.summary)

        let livePerf = try fx.performance(fx.theater2000, "Live")
        let live = try LiveBench.run(fx, performance: livePerf, count: n(1_000))
        results.add("live_p50_ms", live.ms(50), unit: "ms")
        results.add("live_p99_ms", live.ms(99), unit: "ms", target: "< 50 ms", met: live.ms(99) < 50)
        results.detail("live", live.summary)

        // The seat picker: frame time in this process; bytes and memory of the real binary in a pseudo-terminal.
        try TerminalBench.run(fx, results: results, map2000: snap2Perf, map20000: snap20Perf, binary: boxoffice, scale: scale)

        // The cash-up at the end of a busy day: the shift report over 100,000 bookings.
        let shift = try ReportBench.run(fx, bookings: max(1_000, Int(100_000 * min(1, scale))), iterations: max(5, n(20) / 4))
        results.add("report_shift_100k_ms", shift.all.ms(50), unit: "ms", target: "totals match the ledger", met: shift.checked)
        results.add("report_shift_100k_one_clerk_ms", shift.oneClerk.ms(50), unit: "ms")
        results.detail("report_shift", ["bookings": shift.bookings, "all_clerks": shift.all.summary, "one_clerk": shift.oneClerk.summary])

        // The command line's start-up, against a static hello-world timed in the same run.
        if let boxoffice, let hello {
            try CLIBench.run(results: results, boxoffice: boxoffice, hello: hello, work: work, scale: scale)
        } else {
            results.notes.append("cli_* figures skipped: they need --boxoffice and --hello (scripts/bench.sh passes both)")
        }

        let seconds = Double(monotonicNs() - began) / 1e9
        results.detail("bench_seconds", seconds)
        let machine = machineDescription(databaseFolder: work)
        try results.write(to: out, machine: machine)
        print(results.table())
        print("")
        for note in results.notes { print("note: \(note)") }
        print(String(format: "Redis cache experiment (booked/blocked part of the snapshot, p50 µs): 2,000 seats: SQLite %.0f, Redis set %.0f, Redis blob %.0f; 20,000 seats: SQLite %.0f, Redis set %.0f, Redis blob %.0f",
                     results.values["cache_sqlite_2000_us"] ?? 0, results.values["cache_redis_set_2000_us"] ?? 0,
                     results.values["cache_redis_blob_2000_us"] ?? 0, results.values["cache_sqlite_20000_us"] ?? 0,
                     results.values["cache_redis_set_20000_us"] ?? 0, results.values["cache_redis_blob_20000_us"] ?? 0))
        print("machine: \(machine["cores"] ?? "?") cores, \(machine["cpu"] ?? "?"), database on \(machine["database_mount"] ?? "?")")
        print(String(format: "wrote %@ in %.0f s", out, seconds))
    }
}
