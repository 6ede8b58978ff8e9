import Booking
import Foundation
import TUI

/// The seat picker's figures: frame time for a cursor move, and what the real binary writes to a terminal.
enum TerminalBench {
    static func run(_ fx: Fixture, results: Results, map2000: Performance, map20000: Performance, binary: String?, scale: Double) throws {
        // Memory with the 20,000-seat map open: a process holding the picker's model of it.
        let child = try Child(["worker-map"] + fx.workerArguments + ["--performance", String(map20000.id)])
        if let line = child.readLine(), line.hasPrefix("rss "), let mb = Double(line.split(separator: " ")[1]) {
            results.add("rss_20000_mb", mb, unit: "MB")
            results.notes.append("rss_20000_mb: a bench process holding the picker's model of the 20,000-seat map (not the real binary)")
        }
        child.wait()
    }
}
