import Foundation
import Histogram

/// Nanoseconds on the monotonic clock: for durations inside one process.
@inline(__always) func monotonicNs() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Nanoseconds on the wall clock: comparable between processes of one machine (the live measurement).
@inline(__always) func realtimeNs() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
}

/// Latencies in nanoseconds, kept in an HdrHistogram (3 significant digits, up to 60 s).
struct Latencies {
    private(set) var histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000_000,
                                                   numberOfSignificantValueDigits: .three)

    mutating func record(ns: UInt64) { _ = histogram.record(max(ns, 1)) }

    /// Times `body` once and records it.
    @discardableResult
    mutating func time<R>(_ body: () throws -> R) rethrows -> R {
        let start = monotonicNs()
        let result = try body()
        record(ns: monotonicNs() - start)
        return result
    }

    var count: Int { Int(histogram.totalCount) }
    func us(_ percentile: Double) -> Double { Double(histogram.valueAtPercentile(percentile)) / 1_000 }
    func ms(_ percentile: Double) -> Double { Double(histogram.valueAtPercentile(percentile)) / 1_000_000 }
    var meanUs: Double { histogram.mean / 1_000 }

    /// p50/p90/p99/p99.9/max in µs, for results.json.
    var summary: [String: Double] {
        ["count": Double(count), "p50_us": us(50), "p90_us": us(90), "p99_us": us(99), "p999_us": us(99.9),
         "max_us": Double(histogram.max) / 1_000, "mean_us": meanUs]
    }
}

/// The resident memory of a process, from /proc/PID/status (VmRSS, kB), in MB.
func residentMB(pid: pid_t) -> Double? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kb / 1024
    }
    return nil
}

func log(_ text: String) {
    FileHandle.standardError.write(Data(("bench: " + text + "\n").utf8))
}

/// Sleeps on the monotonic clock (µs).
func sleepUs(_ us: Int) { usleep(useconds_t(us)) }

/// CPU time (user + system) this process has used, in µs: unlike wall time, it does not move with the disk's speed.
func processCPUus() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e6 + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)
}
