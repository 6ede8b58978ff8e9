import Booking

/// One line of `audit --json`; fields without a value are left out.
enum AuditJSON {
    static func json(_ e: AuditEntry) -> JSONText {
        .object(present([
            ("at", .date(e.at)), ("clerk", .string(e.clerk)), ("unix_user", .string(e.unixUser)), ("action", .string(e.action)),
            ("performance_id", .int(e.performanceID)), ("reference", .string(e.reference)), ("seats", .string(e.seats)),
            ("detail", .string(e.detail)),
        ]))
    }
}
