import Foundation
import GRDB

/// The box office's currency, ticket types and price lists.
extension SQLiteStore {
    /// The currency `init` stored (GBP for a database from before there was one).
    public func currency() throws -> Currency {
        try read { db in
            guard let code = try String.fetchOne(db, sql: "SELECT currency FROM box_office WHERE id = 1") else { return .gbp }
            return (try? Currency(parsing: code)) ?? .gbp
        }
    }

    public func currencyIsUnset() throws -> Bool {
        try read { try String.fetchOne($0, sql: "SELECT currency FROM box_office WHERE id = 1") == nil }
    }

    /// Stores the currency on a new database. An existing one keeps its own: its prices and ledger are in it.
    public func setCurrency(_ currency: Currency, actor: Clerk) throws {
        try write { db in
            if let existing = try String.fetchOne(db, sql: "SELECT currency FROM box_office WHERE id = 1") {
                if existing != currency.code {
                    throw BookingError.invalidInput("This box office already keeps its money in \(existing); BOXOFFICE_CURRENCY=\(currency.code) cannot change it (its prices and payments are in \(existing)).")
                }
                return
            }
            try db.execute(sql: "INSERT INTO box_office (id, currency) VALUES (1, ?)", arguments: [currency.code])
            try Self.audit(db, actor: actor, action: "currency", detail: currency.code)
        }
    }

    public func ticketTypes() throws -> [TicketType] {
        try read { try Self.ticketTypes($0) }
    }

    static func ticketTypes(_ db: Database) throws -> [TicketType] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT id, name, key FROM ticket_type WHERE removed_at IS NULL ORDER BY position, id"))
            .map { TicketType(id: $0["id"], name: $0["name"], key: $0["key"]) }
    }

    public func addTicketType(name: String, key: String, actor: Clerk) throws -> TicketType {
        try write { db in
            let checked = try TicketType.validateNew(name: name, key: key, existing: try Self.ticketTypes(db))
            let position = (try Int.fetchOne(db, sql: "SELECT MAX(position) FROM ticket_type") ?? 0) + 1
            try db.execute(sql: "INSERT INTO ticket_type (name, key, position) VALUES (?, ?, ?)",
                           arguments: [checked.name, checked.key, position])
            try Self.audit(db, actor: actor, action: "add type", detail: "\(checked.name) key \(checked.key)")
            return TicketType(id: db.lastInsertedRowID, name: checked.name, key: checked.key)
        }
    }

    /// Takes a type off sale. Tickets already sold keep it; its prices stay in the history but no longer apply.
    public func removeTicketType(name: String, actor: Clerk) throws -> TicketType {
        try write { db in
            let type = try TicketType.named(name, in: try Self.ticketTypes(db))
            if type.isAdult || type.isComplimentary {
                throw BookingError.invalidInput("\(type.name) cannot be removed: every box office sells it (Adult is the band's price, Complimentary is free).")
            }
            try db.execute(sql: "UPDATE ticket_type SET removed_at = ? WHERE id = ?", arguments: [Date().millis, type.id])
            try Self.audit(db, actor: actor, action: "remove type", detail: type.name)
            return type
        }
    }

    /// The price list that applies to a performance (or, with performance nil, the theater's own).
    public func priceList(theaterID: Int64, performanceID: Int64?) throws -> PriceList {
        try read { try Self.priceList($0, theaterID: theaterID, performanceID: performanceID) }
    }

    static func priceList(_ db: Database, theaterID: Int64, performanceID: Int64?) throws -> PriceList {
        let types = try ticketTypes(db)
        var bands: [String: Int] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT code, price_cents FROM price_band WHERE theater_id = ?"),
                                    arguments: [theaterID]) {
            bands[row["code"]] = row["price_cents"]
        }
        var list = PriceList(types: types, bandPrices: bands)
        let live = Set(types.map(\.id))
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT performance_id, band, ticket_type_id, price_cents FROM ticket_price
            WHERE theater_id = ? AND performance_id IN (0, ?)
            """), arguments: [theaterID, performanceID ?? 0]) {
            let key = PriceList.Key(band: row["band"], typeID: row["ticket_type_id"])
            guard live.contains(key.typeID) else { continue }
            if row["performance_id"] as Int64 == 0 { list.theaterPrices[key] = row["price_cents"] } else { list.performancePrices[key] = row["price_cents"] }
        }
        return list
    }

    /// Sets prices of one band for a theater (performance nil) or one performance.
    public func setPrices(theaterID: Int64, performanceID: Int64?, band: String, prices: [(type: TicketType, cents: Int)],
                          actor: Clerk, currency: Currency) throws {
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM price_band WHERE theater_id = ? AND code = ?", arguments: [theaterID, band]) ?? false else {
                let codes = try String.fetchAll(db, sql: "SELECT code FROM price_band WHERE theater_id = ? ORDER BY code", arguments: [theaterID])
                throw BookingError.invalidInput("This theater has no band \"\(SafeText.display(band, limit: 12))\". Bands: \(codes.joined(separator: ", ")).")
            }
            for p in prices {
                if p.type.isComplimentary && p.cents != 0 {
                    throw BookingError.invalidInput("Complimentary tickets are always free; give another type a price instead.")
                }
                try db.execute(sql: """
                    INSERT INTO ticket_price (theater_id, performance_id, band, ticket_type_id, price_cents) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (theater_id, performance_id, band, ticket_type_id) DO UPDATE SET price_cents = excluded.price_cents
                    """, arguments: [theaterID, performanceID ?? 0, band, p.type.id, p.cents])
            }
            try Self.audit(db, actor: actor, action: "set prices", performanceID: performanceID,
                           detail: "band \(band): " + prices.map { "\($0.type.name)=\(Money.format($0.cents, currency))" }.joined(separator: " "))
        }
    }
}
