import Foundation
import GRDB

/// The door: tickets looked up by code, admissions recorded once, the live count; and the tickets of a booking as
/// they are printed, each print counted in the audit log.
extension SQLiteStore {
    /// Checks `code` in and, if the rules allow, admits it, in one `BEGIN IMMEDIATE` transaction. The admission's
    /// primary key is the ticket, so of two doors scanning one code at the same moment exactly one admits it.
    public func checkin(_ code: TicketCode, performanceID: Int64?, actor: Clerk, now: Date = Date()) throws -> CheckinOutcome {
        try write { db in
            guard let ticket = try Self.doorTicket(db, code: code) else { return .refused(.unknownCode(code)) }
            if let outcome = Admission.decide(ticket, performance: performanceID) { return outcome }
            try db.cachedStatement(sql: """
                INSERT INTO admission (ticket_id, performance_id, at, door, unix_user) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (ticket_id) DO NOTHING
                """).execute(arguments: [ticket.ticketID, ticket.performanceID, now.millis, actor.name, actor.unixUser])
            if db.changesCount == 0, let again = try Self.doorTicket(db, code: code), let at = again.admittedAt {
                return .alreadyAdmitted(again, at: at, by: again.admittedBy ?? "?")
            }
            try Self.audit(db, actor: actor, action: "admit", performanceID: ticket.performanceID, reference: ticket.reference,
                           seats: [ticket.seat], detail: "\(ticket.type), code \(code.grouped)")
            return .admitted(ticket)
        }
    }

    static func doorTicket(_ db: Database, code: TicketCode) throws -> DoorTicket? {
        let select = """
            SELECT b.id, b.order_id, b.performance_id, b.status, s.label, t.name AS type, p.title, p.starts_at,
                   a.at AS admitted_at, a.door
            FROM booked_seat b JOIN seat s ON s.id = b.seat_id JOIN ticket_type t ON t.id = b.ticket_type_id
                JOIN performance p ON p.id = b.performance_id LEFT JOIN admission a ON a.ticket_id = b.id
            """
        // A code issued here deciphers to its ticket's id; one given before `IssuedCodesSchema` is found through the
        // old codes' own index (its condition written out, or SQLite would not use it).
        let issued = try IssuedCodes.read(db)
        var found: Row?
        if let id = issued.ticketID(code: code) {
            found = try Row.fetchOne(db.cachedStatement(sql: select + " WHERE b.id = ? AND b.code = ?"), arguments: [id, code.value])
        }
        if found == nil, issued.firstTicketID > 1 {
            found = try Row.fetchOne(db.cachedStatement(sql: select + " WHERE b.code = ? AND b.id < \(issued.firstTicketID)"),
                                     arguments: [code.value])
        }
        guard let row = found, let order = try order(db, id: row["order_id"]) else { return nil }
        return DoorTicket(ticketID: row["id"], code: code, reference: order.reference, performanceID: row["performance_id"],
                          title: row["title"], startsAt: (row["starts_at"] as Int64?).map(Date.init(millis:)),
                          seat: row["label"], type: row["type"],
                          status: DoorTicket.Status(rawValue: row["status"]) ?? .cancelled,
                          isPaid: order.status == .paid,
                          due: Money.format(max(order.balance.dueCents, 0), order.currency),
                          admittedAt: (row["admitted_at"] as Int64?).map(Date.init(millis:)), admittedBy: row["door"])
    }

    /// Admitted, sold and still to come for a performance, and how many each door let in.
    public func doorCount(performanceID: Int64) throws -> DoorCount {
        try read { db in
            let sold = try Int.fetchOne(db.cachedStatement(sql: """
                SELECT COUNT(*) FROM booked_seat WHERE performance_id = ? AND active = 1
                """), arguments: [performanceID]) ?? 0
            let doors = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT a.door, COUNT(*) AS n, MAX(a.at) AS last FROM admission a JOIN booked_seat b ON b.id = a.ticket_id
                WHERE a.performance_id = ? AND b.active = 1 GROUP BY a.door ORDER BY a.door
                """), arguments: [performanceID]).map {
                DoorCount.Door(name: $0["door"], admitted: $0["n"], lastAt: Date(millis: $0["last"]))
            }
            return DoorCount(performanceID: performanceID, sold: sold, doors: doors)
        }
    }

    /// A booking's active tickets with everything printed on them.
    public func printableTickets(reference: String) throws -> (order: Order, tickets: [PrintableTicket]) {
        try read { db in
            let order = try Self.order(db, reference: reference)
            if order.isCancelled {
                throw BookingError.invalidInput("Booking \(order.reference) is cancelled; it has no tickets to print.")
            }
            let tickets = try order.tickets.filter { $0.status == .active }.map { line -> PrintableTicket in
                guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                    SELECT p.title, p.starts_at, th.name AS theater, s.section FROM performance p
                    JOIN theater th ON th.id = p.theater_id JOIN seat s ON s.id = ?
                    WHERE p.id = ?
                    """), arguments: [line.seatID, line.performanceID]),
                    let codeText = line.code, let code = try? TicketCode.parse(codeText)
                else { throw BookingError.databaseUnavailable("ticket \(line.ticketID) of booking \(order.reference) has no valid code") }
                let section: String = row["section"]
                return PrintableTicket(
                    bookingReference: order.reference, title: row["title"], venue: row["theater"],
                    startsAt: (row["starts_at"] as Int64?).map(Date.init(millis:)), seat: line.label,
                    section: section.isEmpty ? nil : section, type: line.typeName, priceCents: line.priceCents,
                    price: Money.format(line.priceCents, order.currency), code: code, customerName: order.customerName,
                    note: order.status == .unpaid ? "UNPAID: \(Money.format(order.balance.dueCents, order.currency)) due" : nil)
            }
            return (order, tickets)
        }
    }

    /// Counts one print of a booking's tickets in the audit log: the first is a print, every later one a numbered
    /// reprint. Returns which print this was (1 the first).
    public func recordPrint(reference: String, performanceID: Int64, seats: [String], format: String, actor: Clerk) throws -> Int {
        try write { db in
            let before = try Int.fetchOne(db.cachedStatement(sql: """
                SELECT COUNT(*) FROM audit WHERE reference = ? AND action = 'print tickets'
                """), arguments: [reference]) ?? 0
            let number = before + 1
            try Self.audit(db, actor: actor, action: "print tickets", performanceID: performanceID, reference: reference,
                           seats: seats, detail: "\(number == 1 ? "print" : "reprint \(number - 1)") of \(seats.count) tickets, \(format)")
            return number
        }
    }
}

/// The door's count for one performance.
public struct DoorCount: Sendable, Equatable, Encodable {
    public struct Door: Sendable, Equatable, Encodable {
        public var name: String
        public var admitted: Int
        public var lastAt: Date
    }

    public var performanceID: Int64
    public var sold: Int
    public var doors: [Door]
    public var admitted: Int { doors.reduce(0) { $0 + $1.admitted } }
    public var toCome: Int { max(0, sold - admitted) }

    enum CodingKeys: String, CodingKey { case performanceID = "performance_id", sold, admitted, toCome = "to_come", doors }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(performanceID, forKey: .performanceID)
        try c.encode(sold, forKey: .sold)
        try c.encode(admitted, forKey: .admitted)
        try c.encode(toCome, forKey: .toCome)
        try c.encode(doors, forKey: .doors)
    }
}
