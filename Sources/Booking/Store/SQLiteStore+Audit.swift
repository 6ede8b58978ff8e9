import Foundation
import GRDB

/// One line of the append-only audit log.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var at: Date
    public var clerk: String
    public var unixUser: String
    public var action: String
    public var performanceID: Int64?
    public var reference: String?
    public var seats: String?
    public var detail: String?

    public init(at: Date, clerk: String, unixUser: String, action: String, performanceID: Int64?,
                reference: String?, seats: String?, detail: String?) {
        self.at = at
        self.clerk = clerk
        self.unixUser = unixUser
        self.action = action
        self.performanceID = performanceID
        self.reference = reference
        self.seats = seats
        self.detail = detail
    }
}

extension SQLiteStore {
    /// Appends to the audit log inside the caller's transaction, so the record and its audit line commit together.
    static func audit(_ db: Database, actor: Clerk, action: String, performanceID: Int64? = nil, reference: String? = nil,
                      seats: [String] = [], detail: String? = nil) throws {
        try db.cachedStatement(sql: """
            INSERT INTO audit (at, clerk, unix_user, action, performance_id, reference, seats, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [Date().millis, actor.name, actor.unixUser, action, performanceID, reference,
                             seats.isEmpty ? nil : seats.joined(separator: " "), detail])
    }

    public func auditLog(since: Date?, limit: Int = 1000) throws -> [AuditEntry] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM (SELECT * FROM audit WHERE at >= ? ORDER BY id DESC LIMIT ?) ORDER BY id
                """, arguments: [since?.millis ?? 0, limit]).map {
                AuditEntry(at: Date(millis: $0["at"]), clerk: $0["clerk"], unixUser: $0["unix_user"], action: $0["action"],
                           performanceID: $0["performance_id"], reference: $0["reference"], seats: $0["seats"],
                           detail: $0["detail"])
            }
        }
    }
}
