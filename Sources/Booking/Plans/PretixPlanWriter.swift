import Foundation

/// Writes a venue as pretix's seating-plan JSON: geometry (a seat every 30 px, a row every 30 px), labels and
/// categories. pretix has no fields for marks or prices, so those stay behind. A section's prefix goes into its rows'
/// `row_number`, so that the labels read back the same; `seat_guid` is the seat's own (from an earlier pretix import)
/// or its label.
public enum PretixPlanWriter {
    static let spacing = 30
    static let margin = 30

    struct Plan: Encodable {
        var name: String
        var categories: [Category]
        var zones: [Zone]
        var size: Size
    }
    struct Category: Encodable { var name: String }
    struct Size: Encodable { var width: Int; var height: Int }
    struct Position: Encodable { var x: Int; var y: Int }
    struct Zone: Encodable { var name: String; var position: Position; var rows: [Row] }
    struct Row: Encodable {
        var row_number: String
        var position: Position
        var seats: [Seat]
    }
    struct Seat: Encodable {
        var seat_guid: String
        var seat_number: String
        var position: Position
        var category: String
    }

    public static func write(_ model: VenueModel) throws -> Data {
        var zones: [Zone] = []
        var line = 0
        var widest = 0
        for (s, section) in model.sections.enumerated() {
            if s > 0 && !section.rows.isEmpty && line > 0 { line += 1 }
            var rows: [Row] = []
            for row in section.rows {
                var seats: [Seat] = []
                for (column, cell) in row.cells.enumerated() {
                    guard let seat = cell else { continue }
                    widest = max(widest, column + 1)
                    let label = VenueModel.label(prefix: section.prefix, row: row.label, number: seat.number)
                    seats.append(Seat(seat_guid: seat.guid ?? label, seat_number: String(seat.number),
                                      position: Position(x: column * spacing, y: 0), category: seat.band))
                }
                rows.append(Row(row_number: section.prefix + row.label,
                                position: Position(x: margin, y: margin + line * spacing), seats: seats))
                line += 1
            }
            zones.append(Zone(name: section.name, position: Position(x: 0, y: 0), rows: rows))
        }
        let plan = Plan(name: model.name, categories: model.bands.map { Category(name: $0.code) }, zones: zones,
                        size: Size(width: 2 * margin + widest * spacing, height: 2 * margin + line * spacing))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(plan)
    }
}
