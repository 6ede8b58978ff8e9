import Booking
import Foundation

/// The façade's hot paths, one clerk, in this process.
enum BookingBench {
    /// Hold one seat, then release it (each timed on its own and as a pair), cycling over a performance's seats.
    /// `among`: the seats to use (default: every seat of the house; give the free ones of a performance in progress).
    static func holdRelease(_ box: BoxOffice, performance: Performance, seatsPerHold: Int, iterations: Int, among: [String]? = nil)
        throws -> (hold: Latencies, release: Latencies, pair: Latencies) {
        let labels = try among ?? box.layout(theaterID: performance.theaterID).map(\.label)
        var hold = Latencies(), release = Latencies(), pair = Latencies()
        let groups = labels.count / seatsPerHold
        let warmup = min(200, iterations / 10)
        for i in 0..<(iterations + warmup) {
            let g = i % groups
            let seats = Array(labels[g * seatsPerHold..<(g + 1) * seatsPerHold])
            let t0 = monotonicNs()
            _ = try box.hold(performanceID: performance.id, labels: seats)
            let t1 = monotonicNs()
            try box.release(performanceID: performance.id, labels: seats)
            let t2 = monotonicNs()
            if i >= warmup {
                hold.record(ns: t1 - t0)
                release.record(ns: t2 - t1)
                pair.record(ns: t2 - t0)
            }
        }
        return (hold, release, pair)
    }

    /// Sequential bookings of one seat each (no hold first: `book` takes its lease itself, as a phone sale does), in
    /// `rounds` slices of `slice` seconds, each after a slice of raw commits (`raw`), so both see the same disk.
    static func bookSequential(_ box: BoxOffice, performance: Performance, raw: RawCommits, rounds: Int, slice: Double)
        throws -> (perSecond: Double, latencies: Latencies, cpuUsPerBooking: Double) {
        let labels = try box.layout(theaterID: performance.theaterID).map(\.label)
        var lat = Latencies()
        var next = 0, elapsed: UInt64 = 0
        var cpu = 0.0
        for _ in 0..<rounds {
            try raw.run(seconds: slice)
            let cpuStart = processCPUus()
            defer { cpu += processCPUus() - cpuStart }
            let start = monotonicNs()
            let end = start + UInt64(slice * 1e9)
            var now = start
            while now < end && next < labels.count {
                _ = try box.book(performanceID: performance.id, labels: [labels[next]], customerName: "Seq \(next)")
                next += 1
                let t = monotonicNs()
                lat.record(ns: t - now)
                now = t
            }
            elapsed += now - start
        }
        return (Double(lat.count) / (Double(elapsed) / 1e9), lat, cpu / Double(max(1, lat.count)))
    }

    /// The seat-map snapshot (layout cached after the first call, as in a running picker).
    static func snapshot(_ box: BoxOffice, performance: Performance, iterations: Int) throws -> (latencies: Latencies, map: SeatMap) {
        var map = try box.snapshot(performanceID: performance.id)
        for _ in 0..<min(20, iterations) { map = try box.snapshot(performanceID: performance.id) }
        var lat = Latencies()
        for _ in 0..<iterations { map = try lat.time { try box.snapshot(performanceID: performance.id) } }
        return (lat, map)
    }
}
