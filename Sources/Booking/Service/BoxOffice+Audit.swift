import Foundation

extension BoxOffice {
    /// The audit log, optionally with the holds, leases and releases Redis keeps (a capped stream per performance)
    /// merged in by time. Those name the clerk and the session that placed them, not a Unix user, and are gone after
    /// a Redis restart; the warning says so when Redis cannot be read.
    public func auditLog(since: Date?, includingHolds: Bool) throws -> (entries: [AuditEntry], warning: String?) {
        let recorded = try store.auditLog(since: since)
        guard includingHolds else { return (recorded, nil) }
        var fromRedis: [AuditEntry] = []
        do {
            for performance in try store.performances() {
                fromRedis += try holds.auditEntries(performanceID: performance.id, since: since)
            }
        } catch let error as BookingError {
            return (recorded, "Holds are not listed: \(error.description)")
        }
        // Stable by time: entries of the same millisecond keep the database's order before Redis's.
        let merged = (recorded.map { ($0, 0) } + fromRedis.map { ($0, 1) }).enumerated().sorted { a, b in
            (a.element.0.at, a.element.1, a.offset) < (b.element.0.at, b.element.1, b.offset)
        }
        return (merged.map(\.element.0), nil)
    }
}

extension RedisHolds {
    /// The hold/lease/release entries of one performance's audit stream from a time on (at most the last 10,000).
    public func auditEntries(performanceID: Int64, since: Date?) throws -> [AuditEntry] {
        let key = RedisKeys(namespace: namespace, performanceID: performanceID).audit
        let start = since.map { String(Int64(($0.timeIntervalSince1970 * 1000).rounded(.down))) } ?? "-"
        return try command(["XRANGE", key, start, "+"]).array.compactMap { item in
            let parts = item.array
            guard parts.count == 2, let id = parts[0].string, let ms = Int64(id.prefix { $0 != "-" }) else { return nil }
            var fields: [String: String] = [:]
            let values = parts[1].array
            for i in stride(from: 0, to: values.count - 1, by: 2) {
                if let name = values[i].string { fields[name] = values[i + 1].string ?? "" }
            }
            var detail = "session \(fields["session"] ?? "?")"
            if let ttl = fields["ttl_ms"] { detail += ", \(Format.duration(ms: Int(ttl) ?? 0))" }
            if let reason = fields["reason"], reason != "release" { detail += ", on \(reason)" }
            return AuditEntry(at: Date(timeIntervalSince1970: Double(ms) / 1000), clerk: fields["clerk"] ?? "?", unixUser: "",
                              action: fields["action"] ?? "?", performanceID: performanceID, reference: nil,
                              seats: fields["seats"], detail: detail + " (Redis)")
        }
    }
}
