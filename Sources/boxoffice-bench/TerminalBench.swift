import Booking
import Foundation
import TUI

/// The seat picker's figures: frame time for a cursor move, what the real binary writes to a 160×50 terminal, and
/// its memory with the 20,000-seat map open.
enum TerminalBench {
    static let width = 160, height = 50

    static func run(_ fx: Fixture, results: Results, map2000: Performance, map20000: Performance, binary: String?, scale: Double) throws {
        // update + render of a cursor move, in this process (HdrHistogram); the backend's part is in the real binary below.
        let model = try MapWorker.openModel(fx.box, performanceID: map2000.id, width: width, height: height)
        let frames = modelFrames(model, iterations: max(200, Int(2_000 * scale)))
        results.detail("frame_update_render", frames.summary)

        guard let binary, FileManager.default.isExecutableFile(atPath: binary) else {
            results.notes.append("no boxoffice binary given (--boxoffice): terminal bytes and the real picker's memory not measured")
            results.add("frame_cursor_us", frames.us(50), unit: "µs", target: "< 2,000 µs", met: frames.us(50) < 2_000)
            results.notes.append("frame_cursor_us: update + render only (no binary to measure the curses flush in)")
            try rssFallback(fx, results: results, performance: map20000)
            return
        }
        let statsFile = fx.folder + "/tui-stats.txt"
        let picker = try open(binary, fx, performance: map2000, stats: statsFile)
        let opening = picker.drain(quietMs: 700, maxMs: 15_000)
        results.detail("bytes_opening", opening)

        // A full paint: Ctrl-L makes the picker forget the screen and draw all of it.
        var paints: [Int] = []
        for _ in 0..<3 {
            picker.send("\u{0C}")
            paints.append(picker.response(quietMs: 300))
        }
        results.detail("bytes_full_paint_runs", paints)
        let fullPaint = paints.sorted()[paints.count / 2]

        // Cursor moves: right and left in turn, so the cursor never meets the edge of the map.
        var moves: [Int] = []
        for i in 0..<max(60, Int(300 * scale)) {
            picker.send(i % 2 == 0 ? "\u{1B}OC" : "\u{1B}OD")
            moves.append(picker.response(quietMs: 60, maxMs: 1_000))
        }
        moves.sort()
        results.detail("bytes_per_cursor_move_runs", ["min": moves.first ?? 0, "median": moves[moves.count / 2], "max": moves.last ?? 0])

        // Another clerk's hold appearing on this clerk's map (and going again, not counted).
        let other = try BoxOffice(settings: fx.settings, clerk: Fixture.clerk("erin"))
        let snapshot = try fx.box.snapshot(performanceID: map2000.id)
        let free = snapshot.seats.indices.filter { snapshot.states[$0] == .free }.map { snapshot.seats[$0].label }
        var remote: [Int] = []
        for i in 0..<20 {
            let label = free[(i * 97) % free.count]
            _ = try other.hold(performanceID: map2000.id, labels: [label])
            remote.append(picker.response(quietMs: 100, maxMs: 2_000))
            try other.release(performanceID: map2000.id, labels: [label])
            _ = picker.response(quietMs: 100, maxMs: 2_000)
        }
        remote.sort()
        results.detail("bytes_per_remote_hold_runs", ["min": remote.first ?? 0, "median": remote[remote.count / 2], "max": remote.last ?? 0])
        picker.terminate()

        // The real picker's own key-to-screen time: update + render + curses draw + doupdate, per key.
        let stats = (try? String(contentsOfFile: statsFile, encoding: .utf8)) ?? ""
        results.detail("tui_stats", stats.trimmingCharacters(in: .whitespacesAndNewlines))
        if let median = number(after: "median ", in: stats) {
            results.add("frame_cursor_us", median, unit: "µs", target: "< 2,000 µs", met: median < 2_000)
            if let p99 = number(after: "p99 ", in: stats) { results.add("frame_cursor_p99_us", p99, unit: "µs") }
            results.add("frame_update_render_us", frames.us(50), unit: "µs")
        } else {
            results.notes.append("frame_cursor_us: the picker wrote no stats (BOXOFFICE_TUI_STATS); update + render only")
            results.add("frame_cursor_us", frames.us(50), unit: "µs", target: "< 2,000 µs", met: frames.us(50) < 2_000)
        }
        let perMove = Double(moves[moves.count / 2])
        results.add("bytes_per_cursor_move", perMove, unit: "B", target: "< 100 B", met: perMove < 100)
        results.add("bytes_per_remote_hold", Double(remote[remote.count / 2]), unit: "B")
        results.add("bytes_full_paint", Double(fullPaint), unit: "B")

        // Memory: the real picker with the 20,000-seat map open (drawn, idle).
        let big = try open(binary, fx, performance: map20000, stats: nil)
        big.drain(quietMs: 1_500, maxMs: 30_000)
        if let rss = residentMB(pid: big.pid) {
            results.add("rss_20000_mb", rss, unit: "MB")
        }
        big.terminate()
        if results.values["rss_20000_mb"] == nil { try rssFallback(fx, results: results, performance: map20000) }
    }

    static func open(_ binary: String, _ fx: Fixture, performance: Performance, stats: String?) throws -> PtySession {
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm-256color"
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        env["BOXOFFICE_DB"] = fx.settings.databasePath
        env["BOXOFFICE_REDIS_PREFIX"] = fx.settings.redisNamespace
        env["BOXOFFICE_CLERK"] = "terminal"
        env["SWIFT_BACKTRACE"] = "enable=no"
        env.removeValue(forKey: "NO_COLOR")
        if let stats { env["BOXOFFICE_TUI_STATS"] = stats } else { env.removeValue(forKey: "BOXOFFICE_TUI_STATS") }
        return try PtySession(binary: binary, arguments: ["tui", String(performance.theaterID), "--performance", String(performance.id)],
                              environment: env, width: width, height: height)
    }

    /// update + render of one cursor move on the picker's model (no terminal).
    static func modelFrames(_ start: Model, iterations: Int) -> Latencies {
        var model = start
        var lat = Latencies()
        var cells = 0
        for i in 0..<(iterations + 50) {
            let t0 = monotonicNs()
            (model, _) = update(model, .key(i % 2 == 0 ? .right : .left))
            let buffer = render(model)
            let t1 = monotonicNs()
            cells &+= buffer.width
            if i >= 50 { lat.record(ns: t1 - t0) }
        }
        if cells == -1 { print(cells) }
        return lat
    }

    static func rssFallback(_ fx: Fixture, results: Results, performance: Performance) throws {
        let child = try Child(["worker-map"] + fx.workerArguments + ["--performance", String(performance.id)])
        if let line = child.readLine(), line.hasPrefix("rss "), let mb = Double(line.split(separator: " ")[1]) {
            results.add("rss_20000_mb", mb, unit: "MB")
            results.notes.append("rss_20000_mb: a bench process holding the picker's model of the 20,000-seat map (not the real binary)")
        }
        child.wait()
    }

    static func number(after marker: String, in text: String) -> Double? {
        guard let range = text.range(of: marker) else { return nil }
        return Double(text[range.upperBound...].prefix { $0.isNumber || $0 == "." })
    }
}
