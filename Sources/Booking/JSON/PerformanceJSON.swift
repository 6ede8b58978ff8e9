import Foundation

/// A performance with its counts (`performances --json`); `starts_at` is left out for an open-ended one.
public enum PerformanceJSON {
    public static func json(_ s: PerformanceSummary) -> JSONText {
        let p = s.performance
        return .object(present([
            ("id", .int(p.id)), ("theater_id", .int(p.theaterID)), ("theater", .string(p.theaterName)),
            ("title", .string(p.title)), ("starts_at", .date(p.startsAt)), ("on_sale", .bool(p.isOnSale())),
            ("capacity", .int(s.capacity)), ("sold", .int(s.sold)), ("held", .int(s.held)), ("blocked", .int(s.blocked)),
            ("free", .int(s.free)),
        ]))
    }
}

/// The members that have a value: optional fields that do not apply are left out rather than written as null.
public func present(_ members: [(String, JSONText)]) -> [(String, JSONText)] {
    members.filter { if case .null = $0.1 { false } else { true } }
}
