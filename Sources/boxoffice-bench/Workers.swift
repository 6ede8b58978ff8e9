import ArgumentParser
@_spi(Bench) import Booking
import Foundation
import TUI

/// Options every worker shares: the run's database and Redis namespace (Redis from REDIS_URL).
struct WorkerOptions: ParsableArguments {
    @Option var db: String
    @Option var namespace: String
    @Option var performance: Int64

    func open(clerk: String) throws -> BoxOffice {
        try BoxOffice(settings: Fixture.settings(database: db, namespace: namespace), clerk: Fixture.clerk(clerk))
    }
}

/// One of the 8 booking processes: books seats [from, from+count) of the layout in order, one per booking; on each
/// "go <ms>" line for that long, then prints "done <booked> <errors> <start> <end>" (wall clock, ns).
struct BookWorker: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "worker-book", shouldDisplay: false)
    @OptionGroup var options: WorkerOptions
    @Option var from: Int
    @Option var count: Int

    func run() throws {
        let box = try options.open(clerk: "clerk\(from)")
        let performance = try box.performance(id: options.performance)
        let labels = Array(try box.layout(theaterID: performance.theaterID).map(\.label)[from..<from + count])
        _ = try box.holds.ping()
        say("ready")
        var next = 0
        while let line = readStdinLine(), line.hasPrefix("go "), let ms = UInt64(line.dropFirst(3)) {
            var ok = 0, errors = 0
            let start = realtimeNs()
            let end = monotonicNs() + ms * 1_000_000
            while monotonicNs() < end && next < labels.count {
                do {
                    _ = try box.book(performanceID: options.performance, labels: [labels[next]], customerName: "Concurrent")
                    ok += 1
                } catch {
                    errors += 1
                    FileHandle.standardError.write(Data("worker-book: \(error)\n".utf8))
                }
                next += 1
            }
            say("done \(ok) \(errors) \(start) \(realtimeNs())")
        }
    }
}

enum ConcurrentBookings {
    /// `processes` workers book at once for `slice` seconds, `rounds` times, each round after a slice of raw commits.
    static func run(_ fx: Fixture, performance: Performance, processes: Int, raw: RawCommits, rounds: Int, slice: Double)
        throws -> (perSecond: Double, bookings: Int, errors: Int, seconds: Double) {
        let seats = try fx.box.layout(theaterID: performance.theaterID).count
        let perProcess = seats / processes
        let children = try (0..<processes).map { p in
            try Child(["worker-book"] + fx.workerArguments + ["--performance", String(performance.id),
                                                              "--from", String(p * perProcess), "--count", String(perProcess)])
        }
        for child in children { try child.waitFor("ready") }
        var ok = 0, errors = 0
        var seconds = 0.0
        for _ in 0..<rounds {
            try raw.run(seconds: slice)
            for child in children { child.send("go \(Int(slice * 1000))") }
            var start = Int64.max, end = Int64.min
            for child in children {
                guard let line = child.readLine(), line.hasPrefix("done ") else { throw BenchError("a booking worker failed") }
                let f = line.split(separator: " ").compactMap { Int64($0) }
                ok += Int(f[0]); errors += Int(f[1])
                start = min(start, f[2]); end = max(end, f[3])
            }
            seconds += Double(end - start) / 1e9
        }
        for child in children { child.closeInput(); child.wait() }
        return (Double(ok) / seconds, ok, errors, seconds)
    }
}

/// Clerk B: a picker's model with the map open, following the performance's events in a poll loop. For each hold
/// event it notes the wall-clock time at which the hold is in its model; at the end it prints "label time" lines.
struct LiveWorker: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "worker-live", shouldDisplay: false)
    @OptionGroup var options: WorkerOptions
    @Option var count: Int

    func run() throws {
        let box = try options.open(clerk: "clerkB")
        let subscription = box.subscribe(performanceID: options.performance)
        try subscription.connect()   // subscribe first, then read the snapshot
        var model = try MapWorker.openModel(box, performanceID: options.performance)
        say("ready")
        var seen: [(String, Int64)] = []
        seen.reserveCapacity(count)
        var fds = [pollfd(fd: subscription.fileDescriptor ?? -1, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: 0, events: Int16(POLLIN), revents: 0)]
        let deadline = monotonicNs() + 120_000_000_000
        while seen.count < count && monotonicNs() < deadline {
            fds[0].revents = 0; fds[1].revents = 0
            let ready = poll(&fds, 2, 1_000)
            if ready <= 0 { continue }
            if fds[1].revents != 0 { break }  // the bench closed our stdin: stop
            if fds[0].revents != 0 {
                let events = try subscription.readEvents()
                if events.isEmpty { continue }
                (model, _) = update(model, .events(performanceID: options.performance, events))
                let at = realtimeNs()
                for event in events where event.kind == .hold && event.clerk != "clerkB" {
                    for label in event.labels { seen.append((label, at)) }
                }
            }
        }
        var out = ""
        for (label, at) in seen { out += "\(label) \(at)\n" }
        out += "end\n"
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}

enum LiveBench {
    static func run(_ fx: Fixture, performance: Performance, count: Int) throws -> Latencies {
        let labels = try fx.box.layout(theaterID: performance.theaterID).map(\.label)
        let child = try Child(["worker-live"] + fx.workerArguments + ["--performance", String(performance.id), "--count", String(count)])
        try child.waitFor("ready")
        let clerkA = try BoxOffice(settings: fx.settings, clerk: Fixture.clerk("clerkA"))
        var started: [String: Int64] = [:]
        for i in 0..<count {
            let label = labels[i % labels.count]
            let t0 = realtimeNs()
            _ = try clerkA.hold(performanceID: performance.id, labels: [label])
            started[label] = t0
            // A clerk's pace is far slower; 2 ms apart keeps B from seeing a burst.
            usleep(2_000)
            try clerkA.release(performanceID: performance.id, labels: [label])
        }
        var lat = Latencies()
        while let line = child.readLine(), line != "end" {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let at = Int64(parts[1]), let t0 = started[String(parts[0])] else { continue }
            lat.record(ns: UInt64(max(1, at - t0)))
        }
        child.closeInput()
        child.wait()
        if lat.count < count { log("live: B saw \(lat.count) of \(count) holds") }
        return lat
    }
}

/// A process with one performance's map open in a picker model (snapshot loaded, layout built); prints its VmRSS.
/// The fallback for `rss_20000_mb` when the real binary cannot be driven.
struct MapWorker: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "worker-map", shouldDisplay: false)
    @OptionGroup var options: WorkerOptions

    static func openModel(_ box: BoxOffice, performanceID: Int64, width: Int = 160, height: Int = 50) throws -> Model {
        var model = Model(clerk: box.clerk.name, session: box.clerk.session, holdTTLms: box.settings.reservationTimeoutMs,
                          width: width, height: height, startedOnPerformance: true)
        model.screen = .map
        model.map = MapState(performanceID: performanceID)
        let snapshot = try box.snapshot(performanceID: performanceID)
        (model, _) = update(model, .holdsLink(.live))
        (model, _) = update(model, .snapshotLoaded(.success(snapshot), reason: .open))
        return model
    }

    func run() throws {
        let box = try options.open(clerk: "rss")
        let model = try Self.openModel(box, performanceID: options.performance)
        say(String(format: "rss %.1f %d", residentMB(pid: getpid()) ?? 0, model.map?.seatMap?.seats.count ?? 0))
    }
}
