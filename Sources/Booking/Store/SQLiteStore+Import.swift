import Foundation
import GRDB

/// A whole venue to add: what `init --demo` and the benchmarks build.
public struct VenuePlan: Sendable {
    public struct Band: Sendable {
        public var code: String, name: String, priceCents: Int
        public init(code: String, name: String, priceCents: Int) { self.code = code; self.name = name; self.priceCents = priceCents }
    }
    public struct SeatPlan: Sendable {
        public var label: String, row: String, number: Int, x: Int, y: Int, section: String, band: String
        public var accessible: Bool, blocked: Bool
        public init(label: String, row: String, number: Int, x: Int, y: Int, section: String, band: String,
                    accessible: Bool = false, blocked: Bool = false) {
            self.label = label; self.row = row; self.number = number; self.x = x; self.y = y
            self.section = section; self.band = band; self.accessible = accessible; self.blocked = blocked
        }
    }
    public var name: String
    public var bands: [Band]
    public var seats: [SeatPlan]
    public init(name: String, bands: [Band], seats: [SeatPlan]) { self.name = name; self.bands = bands; self.seats = seats }
}

public struct ImportSummary: Sendable, Equatable {
    public var theatersAdded = 0, theatersRenamed = 0, seatsAdded = 0, seatsBooked = 0, performancesAdded = 0
    public init() {}
}

extension SQLiteStore {
    /// Imported seats have no price of their own: one band at this price.
    static let importedBand = VenuePlan.Band(code: "S", name: "Standard", priceCents: 2000)

    /// Applies a checked seed file in one transaction: adds and renames theaters, adds seats, books seats marked
    /// booked (one "imported" order per theater), and gives each new theater one open-ended performance.
    /// Never deletes or un-books anything.
    public func apply(_ seed: SeedFile, actor: Clerk) throws -> ImportSummary {
        try write { db in
            var summary = ImportSummary()
            for theater in seed.theaters {
                if let name = try String.fetchOne(db, sql: "SELECT name FROM theater WHERE id = ?", arguments: [theater.id]) {
                    if name != theater.name {
                        try db.execute(sql: "UPDATE theater SET name = ? WHERE id = ?", arguments: [theater.name, theater.id])
                        summary.theatersRenamed += 1
                    }
                } else {
                    try db.execute(sql: "INSERT INTO theater (id, name) VALUES (?, ?)", arguments: [theater.id, theater.name])
                    try db.execute(sql: "INSERT INTO performance (theater_id, title) VALUES (?, ?)",
                                   arguments: [theater.id, "\(theater.name): open sale"])
                    summary.theatersAdded += 1
                    summary.performancesAdded += 1
                }
                let band = Self.importedBand
                try db.execute(sql: "INSERT OR IGNORE INTO price_band (theater_id, code, name, price_cents) VALUES (?, ?, ?, ?)",
                               arguments: [theater.id, band.code, band.name, band.priceCents])
            }
            var toBook: [Int64: [Int64]] = [:]
            for seat in seed.seats {
                try db.execute(sql: "INSERT OR IGNORE INTO price_band (theater_id, code, name, price_cents) VALUES (?, ?, ?, ?)",
                               arguments: [seat.theaterID, Self.importedBand.code, Self.importedBand.name, Self.importedBand.priceCents])
                var seatID = try Int64.fetchOne(db, sql: "SELECT id FROM seat WHERE theater_id = ? AND label = ?",
                                                arguments: [seat.theaterID, seat.label])
                if seatID == nil {
                    let idFree = try Int64.fetchOne(db, sql: "SELECT id FROM seat WHERE id = ?", arguments: [seat.id]) == nil
                    try db.execute(sql: """
                        INSERT INTO seat (id, theater_id, label, row_label, number, x, y, section, price_band)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'Stalls', ?)
                        """, arguments: [idFree ? seat.id : nil, seat.theaterID, seat.label, seat.row, seat.number,
                                         seat.number, SeatLabel.rowIndex(seat.row), Self.importedBand.code])
                    seatID = db.lastInsertedRowID
                    try db.execute(sql: "UPDATE theater SET layout_version = layout_version + 1 WHERE id = ?", arguments: [seat.theaterID])
                    summary.seatsAdded += 1
                }
                if seat.isBooked, let seatID { toBook[seat.theaterID, default: []].append(seatID) }
            }
            for (theaterID, seatIDs) in toBook.sorted(by: { $0.key < $1.key }) {
                summary.seatsBooked += try Self.bookImported(db, theaterID: theaterID, seatIDs: seatIDs, actor: actor)
            }
            try Self.audit(db, actor: actor, action: "import",
                           detail: "theaters +\(summary.theatersAdded) renamed \(summary.theatersRenamed), seats +\(summary.seatsAdded), booked \(summary.seatsBooked)")
            return summary
        }
    }

    /// Books, under one "imported" order, the seats marked booked that are not booked yet in the theater's
    /// open-ended performance.
    private static func bookImported(_ db: Database, theaterID: Int64, seatIDs: [Int64], actor: Clerk) throws -> Int {
        guard let performanceID = try Int64.fetchOne(db, sql: """
            SELECT id FROM performance WHERE theater_id = ? AND starts_at IS NULL ORDER BY id LIMIT 1
            """, arguments: [theaterID]) else { return 0 }
        var fresh: [(id: Int64, priceCents: Int, typeID: Int64)] = []
        let adult = try adultTypeID(db)
        var taken: Set<Int64> = []
        try forEachBooked(db, performanceID: performanceID, seatIDs: seatIDs) { seatID, _, _ in taken.insert(seatID) }
        for id in seatIDs {
            if taken.contains(id) { continue }
            let price = try Int.fetchOne(db, sql: """
                SELECT b.price_cents FROM seat s JOIN price_band b ON b.theater_id = s.theater_id AND b.code = s.price_band WHERE s.id = ?
                """, arguments: [id]) ?? 0
            fresh.append((id, price, adult))
        }
        guard !fresh.isEmpty else { return 0 }
        let reference = try insertOrder(db, performanceID: performanceID, seats: fresh, customerName: "imported",
                                        actor: actor, createdAt: Date().millis).reference
        try audit(db, actor: actor, action: "book", performanceID: performanceID, reference: reference, detail: "imported")
        return fresh.count
    }

    /// Adds a whole venue (if no theater has its name yet) and returns its id.
    public func addVenue(_ plan: VenuePlan, actor: Clerk) throws -> (id: Int64, added: Bool) {
        try write { db in
            if let id = try Int64.fetchOne(db, sql: "SELECT id FROM theater WHERE name = ?", arguments: [plan.name]) {
                return (id, false)
            }
            try db.execute(sql: "INSERT INTO theater (name) VALUES (?)", arguments: [plan.name])
            let id = db.lastInsertedRowID
            for band in plan.bands {
                try db.execute(sql: "INSERT INTO price_band (theater_id, code, name, price_cents) VALUES (?, ?, ?, ?)",
                               arguments: [id, band.code, band.name, band.priceCents])
            }
            let insert = try db.makeStatement(sql: """
                INSERT INTO seat (theater_id, label, row_label, number, x, y, section, price_band, accessible, blocked)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for s in plan.seats {
                try insert.execute(arguments: [id, s.label, s.row, s.number, s.x, s.y, s.section, s.band, s.accessible, s.blocked])
            }
            try Self.audit(db, actor: actor, action: "add venue", detail: "\(plan.name): \(plan.seats.count) seats")
            return (id, true)
        }
    }

    public func theaterIDs() throws -> Set<Int64> {
        try read { try Set(Int64.fetchAll($0, sql: "SELECT id FROM theater")) }
    }
}
