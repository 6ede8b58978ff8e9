@_spi(Bench) import Booking
import Foundation

/// How long a venue manager waits for a big plan: a 20,000-seat CSV plan checked (read, parsed, every rule) and
/// imported (a new theater in one transaction), and imported again unchanged (every seat compared, nothing written).
enum PlanBench {
    struct Result { var check = Latencies(), importNew = Latencies(), reimport = Latencies(), bytes = 0 }

    static func run(_ box: BoxOffice, folder: String, seats: Int, iterations: Int) throws -> Result {
        var result = Result()
        let text = PlanCSVWriter.write(model(Venues.generated(name: "Plan Bench", seatCount: seats)))
        result.bytes = text.utf8.count
        for i in 0..<iterations {
            let path = folder + "/plan-\(i).csv"
            // A new theater each time: its name in the file.
            try Data(text.replacingOccurrences(of: "venue,Plan Bench", with: "venue,Plan Bench \(i)").utf8)
                .write(to: URL(fileURLWithPath: path))
            let model = try result.check.time { try BoxOffice.readPlan(path: path) }
            guard model.seatCount == seats else { throw BenchError("the plan read back \(model.seatCount) seats, not \(seats)") }
            let created = try result.importNew.time { try box.importVenue(model) }
            guard created.created, created.seats == seats else { throw BenchError("the import did not create \(seats) seats") }
            let again = try result.reimport.time { try box.importVenue(model) }
            guard !again.changedAnything else { throw BenchError("importing the same plan again changed something") }
        }
        return result
    }

    /// A generated house as a plan: sections in order, a row per line, a cell per column (gaps where x skips).
    static func model(_ plan: VenuePlan) -> VenueModel {
        var sections: [VenueModel.Section] = []
        var rows: [String: [(x: Int, seat: VenuePlan.SeatPlan)]] = [:]
        var rowOrder: [(section: String, row: String)] = []
        for seat in plan.seats.sorted(by: { ($0.y, $0.x) < ($1.y, $1.x) }) {
            if rows[seat.row] == nil { rowOrder.append((seat.section, seat.row)) }
            rows[seat.row, default: []].append((seat.x, seat))
        }
        for (sectionName, rowLabel) in rowOrder {
            if sections.last?.name != sectionName { sections.append(.init(name: sectionName)) }
            let seats = rows[rowLabel]!
            var cells: [VenueModel.Seat?] = Array(repeating: nil, count: (seats.map(\.x).max() ?? 0) + 1)
            for (x, s) in seats { cells[x] = .init(number: s.number, band: s.band, wheelchair: s.accessible, notForSale: s.blocked) }
            sections[sections.count - 1].rows.append(.init(label: rowLabel, band: seats[0].seat.band, cells: cells))
        }
        return VenueModel(name: plan.name, bands: plan.bands.map { .init(code: $0.code, name: $0.name, priceCents: $0.priceCents) },
                          sections: sections)
    }
}
