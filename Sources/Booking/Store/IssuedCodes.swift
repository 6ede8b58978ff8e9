import Foundation
import GRDB

/// How this database issues booking references and ticket codes: each is its row's id, enciphered with the
/// database's own key (`IDCipher`), so it is unique without a check and found again by deciphering it to the id.
/// Rows written before `IssuedCodesSchema` keep the random value they were given (`firstOrderID`, `firstTicketID`:
/// the first rows issued here), found through indexes that cover those old rows alone.
struct IssuedCodes {
    private let references: IDCipher
    private let codes: IDCipher
    let firstOrderID: Int64
    let firstTicketID: Int64

    /// One read of a small table; a batch of bookings reads it once (`BatchMemo`).
    static func read(_ db: Database) throws -> IssuedCodes {
        var found: [String: (key: [UInt8], first: Int64)] = [:]
        let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT kind, key, first_id FROM issued_codes"))
        while let row = try rows.next() { found[row[0]] = ([UInt8](row[1] as Data), row[2]) }
        guard let reference = found["booking reference"], let code = found["ticket code"] else {
            throw BookingError.databaseUnavailable("the database has no keys for booking references and ticket codes (table issued_codes)")
        }
        return IssuedCodes(references: IDCipher(key: reference.key, domain: BookingReference.numbers),
                           codes: IDCipher(key: code.key, domain: TicketCode.numbers),
                           firstOrderID: reference.first, firstTicketID: code.first)
    }

    /// The reference of the order with this id.
    func reference(orderID: Int64) throws -> String {
        guard orderID >= 1, UInt64(orderID) < references.domain else {
            throw BookingError.databaseUnavailable("booking number \(orderID) is past the last booking reference there is")
        }
        return BookingReference.text(references.encipher(UInt64(orderID)))
    }

    /// The id of the order this reference was issued to, if it was issued here (a reference given before, or a
    /// mistyped one, deciphers to some other id: the caller compares the row's reference).
    func orderID(reference normalized: String) -> Int64? {
        guard let number = BookingReference.number(normalized) else { return nil }
        let id = Int64(references.decipher(number))
        return id >= firstOrderID ? id : nil
    }

    /// The code of the ticket with this id.
    func code(ticketID: Int64) throws -> TicketCode {
        guard ticketID >= 1, UInt64(ticketID) < codes.domain else {
            throw BookingError.databaseUnavailable("ticket number \(ticketID) is past the last ticket code there is")
        }
        return TicketCode(number: codes.encipher(UInt64(ticketID)))
    }

    /// The id of the ticket this code was issued to, if it was issued here (as `orderID(reference:)`).
    func ticketID(code: TicketCode) -> Int64? {
        let id = Int64(codes.decipher(code.number))
        return id >= firstTicketID ? id : nil
    }
}

extension SQLiteStore {
    /// The order this reference names (any case, spaces and dashes as a clerk types them), issued here or before.
    static func orderRow(_ db: Database, reference: String) throws -> Row? {
        let normalized = BookingReference.normalize(reference)
        let issued = try IssuedCodes.read(db)
        if let id = issued.orderID(reference: normalized),
           let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM orders WHERE id = ? AND reference = ?"),
                                      arguments: [id, normalized]) {
            return row
        }
        guard issued.firstOrderID > 1 else { return nil }
        // The condition is the old references' index's own (SQLite uses a partial index only for a query that says so).
        return try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM orders WHERE reference = ? AND id < \(issued.firstOrderID)"),
                                arguments: [normalized])
    }

    /// The id the next order is written under and its reference.
    static func nextOrder(_ db: Database, _ issued: IssuedCodes, memo: BatchMemo?) throws -> (id: Int64, reference: String) {
        try nextIssued(db, table: "orders", column: "reference", firstID: issued.firstOrderID, memo: memo,
                       issue: issued.reference(orderID:), text: { $0 })
    }

    /// The id the next ticket is written under and its code.
    static func nextTicket(_ db: Database, _ issued: IssuedCodes, memo: BatchMemo?) throws -> (id: Int64, code: TicketCode) {
        try nextIssued(db, table: "booked_seat", column: "code", firstID: issued.firstTicketID, memo: memo,
                       issue: issued.code(ticketID:), text: { $0.value })
    }

    /// The table's next id and what it is issued, or a later id when a row from before `IssuedCodesSchema` (whose
    /// value was drawn at random) has the same text, which a lookup would otherwise find first. `memo`: in a group
    /// commit's batch, the table's next id is read once and counted on (the query, its text built anew each time, was
    /// 6 % of the writer's time, perf under wrk).
    private static func nextIssued<Issued>(_ db: Database, table: String, column: String, firstID: Int64, memo: BatchMemo?,
                                           issue: (Int64) throws -> Issued, text: (Issued) -> String) throws -> (Int64, Issued) {
        var id = try memo?.nextIDs[table]
            ?? max(Int64.fetchOne(db.cachedStatement(sql: "SELECT coalesce(max(id), 0) + 1 FROM \(table)"))!, firstID)
        while true {
            let issued = try issue(id)
            guard firstID > 1, try Bool.fetchOne(db.cachedStatement(sql: """
                SELECT 1 FROM \(table) WHERE \(column) = ? AND id < \(firstID)
                """), arguments: [text(issued)]) == true else {
                memo?.nextIDs[table] = id + 1
                return (id, issued)
            }
            id += 1
        }
    }
}
