import Foundation
import GRDB

/// What a `venue import` did.
public struct VenueImportSummary: Sendable, Equatable {
    public var theaterID: Int64 = 0
    public var created = false
    /// Seats in the venue after the import (retired ones not counted).
    public var seats = 0
    public var seatsAdded = 0, seatsChanged = 0, seatsRetired = 0
    public var bandsAdded = 0, bandsChanged = 0, bandsRemoved = 0
    public var changedAnything: Bool {
        created || seatsAdded + seatsChanged + seatsRetired + bandsAdded + bandsChanged + bandsRemoved > 0
    }
    public init() {}
}

/// A seat a plan would remove while a booking of a performance not yet ended still has it.
public struct BookedSeatInTheWay: Sendable, Equatable {
    public var label: String
    public var reference: String
    public var performanceID: Int64
    public var title: String
    public var startsAt: Date?
}

extension SQLiteStore {
    private struct StoredSeat: Equatable {
        var id: Int64, label: String, guid: String?, row: String, number: Int, x: Int, y: Int
        var section: String, prefix: String, band: String, accessible: Bool, blocked: Bool, restricted: Bool, retired: Bool
    }

    /// Creates the venue from a checked plan, or changes the theater of that name (any case), in one transaction:
    /// seats added, bands renamed and repriced, seats moved and renamed. Seats match by `seat_guid` first (pretix
    /// plans), then by label. A seat the plan leaves out is retired (never deleted), and refused, naming the seat and
    /// the booking, while a booking of a performance that has not ended has it.
    public func importVenue(_ model: VenueModel, actor: Clerk, now: Date = Date()) throws -> VenueImportSummary {
        try write { db in
            var summary = VenueImportSummary()
            let matches = try Row.fetchAll(db, sql: "SELECT id, name FROM theater WHERE name = ? COLLATE NOCASE ORDER BY id",
                                           arguments: [model.name])
            let theaterID: Int64
            if let existing = matches.first {
                if matches.count > 1 {
                    throw BookingError.invalidInput("Several theaters are called \"\(SafeText.display(model.name))\" (ids \(matches.map { "\($0["id"] as Int64)" }.joined(separator: ", "))); rename one first.")
                }
                theaterID = existing["id"]
                if existing["name"] as String != model.name {
                    try db.execute(sql: "UPDATE theater SET name = ? WHERE id = ?", arguments: [model.name, theaterID])
                }
            } else {
                try db.execute(sql: "INSERT INTO theater (name) VALUES (?)", arguments: [model.name])
                theaterID = db.lastInsertedRowID
                summary.created = true
            }
            summary.theaterID = theaterID

            // Bands first: the seats refer to them.
            var storedBands: [String: (name: String, price: Int)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT code, name, price_cents FROM price_band WHERE theater_id = ?", arguments: [theaterID]) {
                storedBands[row["code"]] = (row["name"], row["price_cents"])
            }
            for band in model.bands {
                if let old = storedBands[band.code] {
                    if old.name != band.name || old.price != band.priceCents {
                        try db.execute(sql: "UPDATE price_band SET name = ?, price_cents = ? WHERE theater_id = ? AND code = ?",
                                       arguments: [band.name, band.priceCents, theaterID, band.code])
                        summary.bandsChanged += 1
                    }
                } else {
                    try db.execute(sql: "INSERT INTO price_band (theater_id, code, name, price_cents) VALUES (?, ?, ?, ?)",
                                   arguments: [theaterID, band.code, band.name, band.priceCents])
                    summary.bandsAdded += 1
                }
            }

            let stored = try Row.fetchAll(db, sql: """
                SELECT id, label, seat_guid, row_label, number, x, y, section, section_prefix, price_band, accessible, blocked,
                       restricted_view, retired_at IS NOT NULL AS retired
                FROM seat WHERE theater_id = ? ORDER BY id
                """, arguments: [theaterID]).map {
                StoredSeat(id: $0["id"], label: $0["label"], guid: $0["seat_guid"], row: $0["row_label"], number: $0["number"],
                           x: $0["x"], y: $0["y"], section: $0["section"], prefix: $0["section_prefix"], band: $0["price_band"],
                           accessible: $0["accessible"], blocked: $0["blocked"], restricted: $0["restricted_view"], retired: $0["retired"])
            }
            let placed = model.placedSeats
            // Match: by guid, then by label among the seats not matched yet.
            var claimed: [Int: Int] = [:]  // placed index → stored index
            var taken = Set<Int>()
            let storedByGuid = Dictionary(stored.enumerated().compactMap { i, s in s.guid.map { ($0, i) } }, uniquingKeysWith: { a, _ in a })
            for (p, seat) in placed.enumerated() {
                if let guid = seat.seat.guid, let s = storedByGuid[guid], !taken.contains(s) { claimed[p] = s; taken.insert(s) }
            }
            let storedByLabel = Dictionary(stored.enumerated().map { ($1.label, $0) }, uniquingKeysWith: { a, _ in a })
            for (p, seat) in placed.enumerated() where claimed[p] == nil {
                if let s = storedByLabel[seat.label], !taken.contains(s) { claimed[p] = s; taken.insert(s) }
            }
            let leaving = stored.indices.filter { !taken.contains($0) && !stored[$0].retired }

            // Never remove a seat a live booking has.
            if !leaving.isEmpty {
                var inTheWay: [BookedSeatInTheWay] = []
                let ids = leaving.map { stored[$0].id }
                for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                    let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                    for row in try Row.fetchAll(db, sql: """
                        SELECT s.label, o.reference, p.id, p.title, p.starts_at FROM booked_seat b
                        JOIN orders o ON o.id = b.order_id JOIN performance p ON p.id = b.performance_id JOIN seat s ON s.id = b.seat_id
                        WHERE b.active = 1 AND b.seat_id IN (\(marks)) AND (p.starts_at IS NULL OR p.starts_at > ?)
                        ORDER BY s.y, s.x, p.id
                        """, arguments: StatementArguments(chunk) + [(now.addingTimeInterval(-Performance.assumedLength)).millis]) {
                        inTheWay.append(BookedSeatInTheWay(label: row[0], reference: row[1], performanceID: row[2], title: row[3],
                                                           startsAt: (row[4] as Int64?).map(Date.init(millis:))))
                    }
                }
                if !inTheWay.isEmpty { throw BookingError.planRemovesBookedSeats(inTheWay) }
            }

            // Seats whose label changes first take a temporary one, so that two seats may swap labels.
            for (p, s) in claimed where stored[s].label != placed[p].label {
                try db.execute(sql: "UPDATE seat SET label = ? WHERE id = ?", arguments: ["\u{1}moving-\(stored[s].id)", stored[s].id])
            }
            for (p, s) in claimed.sorted(by: { $0.key < $1.key }) {
                let new = placed[p], old = stored[s]
                let band = new.seat.band
                let wanted = StoredSeat(id: old.id, label: new.label, guid: new.seat.guid, row: new.prefix + new.row, number: new.seat.number,
                                        x: new.column, y: new.line, section: new.section, prefix: new.prefix, band: band,
                                        accessible: new.seat.wheelchair, blocked: new.seat.notForSale,
                                        restricted: new.seat.restrictedView, retired: false)
                let same = wanted == old
                if same { continue }
                try db.execute(sql: """
                    UPDATE seat SET label = ?, seat_guid = ?, row_label = ?, number = ?, x = ?, y = ?, section = ?, section_prefix = ?,
                        price_band = ?, accessible = ?, blocked = ?, restricted_view = ?, retired_at = NULL WHERE id = ?
                    """, arguments: [new.label, new.seat.guid, new.prefix + new.row, new.seat.number, new.column, new.line, new.section, new.prefix,
                                     band, new.seat.wheelchair, new.seat.notForSale, new.seat.restrictedView, old.id])
                summary.seatsChanged += 1
            }
            for s in leaving {
                try db.execute(sql: "UPDATE seat SET retired_at = ? WHERE id = ?", arguments: [now.millis, stored[s].id])
                summary.seatsRetired += 1
            }
            let insert = try db.makeStatement(sql: """
                INSERT INTO seat (theater_id, label, seat_guid, row_label, number, x, y, section, section_prefix, price_band,
                                  accessible, blocked, restricted_view)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (p, new) in placed.enumerated() where claimed[p] == nil {
                try insert.execute(arguments: [theaterID, new.label, new.seat.guid, new.prefix + new.row, new.seat.number, new.column, new.line,
                                               new.section, new.prefix, new.seat.band, new.seat.wheelchair, new.seat.notForSale,
                                               new.seat.restrictedView])
                summary.seatsAdded += 1
            }
            // Bands the plan no longer has go, unless a seat (a retired one, for its history) still refers to them.
            let planCodes = Set(model.bands.map(\.code))
            for code in storedBands.keys.sorted() where !planCodes.contains(code) {
                let used = try Bool.fetchOne(db, sql: "SELECT 1 FROM seat WHERE theater_id = ? AND price_band = ?", arguments: [theaterID, code]) ?? false
                if !used {
                    try db.execute(sql: "DELETE FROM price_band WHERE theater_id = ? AND code = ?", arguments: [theaterID, code])
                    summary.bandsRemoved += 1
                }
            }
            summary.seats = placed.count
            if summary.changedAnything {
                try db.execute(sql: "UPDATE theater SET layout_version = layout_version + 1 WHERE id = ?", arguments: [theaterID])
                try Self.audit(db, actor: actor, action: summary.created ? "add venue" : "change venue", detail: """
                    \(model.name): \(placed.count) seats (+\(summary.seatsAdded) changed \(summary.seatsChanged) retired \(summary.seatsRetired)); \
                    bands +\(summary.bandsAdded) changed \(summary.bandsChanged) removed \(summary.bandsRemoved)
                    """)
            }
            return summary
        }
    }

    /// A theater's venue as a plan: every band, and its seats in use by section (in the order they first appear from
    /// the stage back), row (by line) and column, gaps included.
    public func venueModel(theaterID: Int64) throws -> VenueModel {
        try read { db in
            guard let name = try String.fetchOne(db, sql: "SELECT name FROM theater WHERE id = ?", arguments: [theaterID]) else {
                throw BookingError.unknownTheater(String(theaterID))
            }
            let bands = try Row.fetchAll(db, sql: "SELECT code, name, price_cents FROM price_band WHERE theater_id = ? ORDER BY rowid",
                                         arguments: [theaterID])
                .map { VenueModel.Band(code: $0["code"], name: $0["name"], priceCents: $0["price_cents"]) }
            var sections: [VenueModel.Section] = []
            var sectionIndex: [String: Int] = [:]
            var rowKey: (section: Int, y: Int)?
            var seats: [(Int, VenueModel.Seat)] = []
            var rowLabel = ""
            func flushRow() {
                guard let key = rowKey, !seats.isEmpty else { return }
                var cells: [VenueModel.Seat?] = Array(repeating: nil, count: (seats.map(\.0).max() ?? 0) + 1)
                for (x, seat) in seats { cells[x] = seat }
                sections[key.section].rows.append(.init(label: rowLabel, band: PlanCSVWriter.usualBand(seats.map(\.1)), cells: cells))
                seats.removeAll()
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT section, section_prefix, row_label, number, x, y, price_band, accessible, blocked, restricted_view, seat_guid
                FROM seat WHERE theater_id = ? AND retired_at IS NULL ORDER BY y, section, x
                """, arguments: [theaterID]) {
                let section: String = row["section"]
                let s: Int
                if let i = sectionIndex[section] { s = i } else {
                    s = sections.count
                    sectionIndex[section] = s
                    sections.append(.init(name: section, prefix: row["section_prefix"]))
                }
                let y: Int = row["y"]
                if rowKey.map({ $0.section != s || $0.y != y }) ?? true {
                    flushRow()
                    rowKey = (s, y)
                    // Stored with its section's prefix (the picker and `seats` show the row as its labels read).
                    let stored: String = row["row_label"], prefix = sections[s].prefix
                    rowLabel = !prefix.isEmpty && stored.hasPrefix(prefix) ? String(stored.dropFirst(prefix.count)) : stored
                }
                seats.append((max(0, row["x"] as Int), VenueModel.Seat(
                    number: row["number"], band: row["price_band"], wheelchair: row["accessible"], restrictedView: row["restricted_view"],
                    notForSale: row["blocked"], guid: row["seat_guid"])))
            }
            flushRow()
            return VenueModel(name: name, bands: bands, sections: sections)
        }
    }
}
