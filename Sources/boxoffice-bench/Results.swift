import Foundation

/// The measurements of one run, in the order they are printed, and everything written to results.json.
final class Results {
    struct Row {
        var key: String
        var value: Double
        var unit: String
        var target: String
        /// The baseline's key, when the figure is compared with this machine's own limit.
        var baselineKey: String?
        /// True when a target was given and this value meets it; nil when there is no target.
        var met: Bool?
    }

    private(set) var rows: [Row] = []
    var values: [String: Double] = [:]
    var details: [String: Any] = [:]
    var notes: [String] = []

    func add(_ key: String, _ value: Double, unit: String, target: String = "", baseline: String? = nil, met: Bool? = nil) {
        rows.append(Row(key: key, value: value, unit: unit, target: target, baselineKey: baseline, met: met))
        values[key] = value
        log(String(format: "%@ = %.3f %@", key, value, unit))
    }

    func detail(_ key: String, _ value: Any) { details[key] = value }

    static func format(_ value: Double) -> String {
        if value == 0 { return "0" }
        if abs(value) >= 100 { return String(format: "%.0f", value) }
        if abs(value) >= 10 { return String(format: "%.1f", value) }
        return String(format: "%.2f", value)
    }

    /// The row's baseline from this run, when it has one that was measured.
    private func measuredBaseline(of row: Row) -> (key: String, value: Double, unit: String)? {
        guard let key = row.baselineKey, let value = values[key], value > 0 else { return nil }
        return (key, value, rows.first { $0.key == key }?.unit ?? "")
    }

    /// The table: metric, value, target, baseline (same run), ratio.
    func table() -> String {
        var lines: [[String]] = [["metric", "value", "target", "baseline (same run)", "ratio", ""]]
        for row in rows {
            var baseline = "", ratio = ""
            if let b = measuredBaseline(of: row) {
                baseline = "\(b.key) = \(Self.format(b.value)) \(b.unit)"
                ratio = String(format: "%.2f×", row.value / b.value)
            }
            let verdict = row.met.map { $0 ? "ok" : "MISSED" } ?? ""
            lines.append([row.key, "\(Self.format(row.value)) \(row.unit)", row.target, baseline, ratio, verdict])
        }
        let widths = (0..<6).map { c in lines.map { $0[c].count }.max() ?? 0 }
        func render(_ cells: [String]) -> String {
            cells.enumerated().map { c, text in
                c == 1 || c == 4 ? String(repeating: " ", count: widths[c] - text.count) + text
                                 : text + String(repeating: " ", count: widths[c] - text.count)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var out = [render(lines[0]), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += lines.dropFirst().map(render)
        return out.joined(separator: "\n")
    }

    func write(to path: String, machine: [String: Any]) throws {
        var json: [String: Any] = [:]
        for (k, v) in values { json[k] = (v * 1000).rounded() / 1000 }
        json["details"] = details
        json["machine"] = machine
        json["notes"] = notes
        json["rows"] = rows.map { row -> [String: Any] in
            var r: [String: Any] = ["key": row.key, "value": row.value, "unit": row.unit]
            if !row.target.isEmpty { r["target"] = row.target }
            if let b = row.baselineKey { r["baseline"] = b }
            if let m = row.met { r["met"] = m }
            return r
        }
        let data = try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys])
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }
}

/// What the numbers were measured on: cores, CPU, the file system of the database.
func machineDescription(databaseFolder: String) -> [String: Any] {
    var info: [String: Any] = ["cores": ProcessInfo.processInfo.activeProcessorCount]
    if let cpu = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
       let line = cpu.split(separator: "\n").first(where: { $0.hasPrefix("model name") }) {
        info["cpu"] = line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "?"
    }
    if let mounts = try? String(contentsOfFile: "/proc/mounts", encoding: .utf8) {
        // The mount whose path is the longest prefix of the database folder.
        var best: [String] = []
        for line in mounts.split(separator: "\n") {
            let f = line.split(separator: " ").map(String.init)
            if f.count > 3, databaseFolder.hasPrefix(f[1]), f[1].count > (best.count > 1 ? best[1].count : -1) { best = f }
        }
        if best.count > 3 { info["database_mount"] = "\(best[0]) on \(best[1]) (\(best[2]))" }
    }
    info["database_folder"] = databaseFolder
    info["kernel"] = (try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8))?
        .trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
    return info
}
