/// Venues built in code: the demo's Grand Theatre, and large generated houses for benchmarks.
public enum Venues {
    /// Row letters as theatres use them: I and O are skipped (they read as 1 and 0).
    static let rowLetters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ").map(String.init)

    /// A realistic 1900s theatre of about 800 seats: stalls with side blocks and a centre block between two
    /// aisles, rows widening towards the back, wheelchair spaces at the back of the stalls, a sound desk's seats
    /// blocked, and a circle above with a centre aisle. Three price bands.
    public static func grandTheatre() -> VenuePlan {
        var seats: [VenuePlan.SeatPlan] = []
        let width = 40
        // Stalls: rows A–T (18 rows).
        let stallsRows = Array(rowLetters.prefix(18))
        for (r, row) in stallsRows.enumerated() {
            let side = 4 + r / 4, centre = 12 + r / 2
            let blocks = [side, centre, side]
            let rowWidth = side * 2 + centre + 4
            var x = (width - rowWidth) / 2
            var number = 1
            for (b, count) in blocks.enumerated() {
                for i in 0..<count {
                    let isCentre = b == 1
                    let band = isCentre && (2...11).contains(r) ? "A" : (r < 2 && !isCentre ? "C" : "B")
                    let lastRow = r == stallsRows.count - 1
                    let accessible = lastRow && !isCentre && (i == 0 || i == count - 1)
                    let soundDesk = r == 15 && isCentre && (count / 2 - 2..<count / 2 + 2).contains(i)
                    seats.append(.init(label: "\(row)\(number)", row: row, number: number, x: x, y: r, section: "Stalls",
                                       band: band, accessible: accessible, blocked: soundDesk))
                    x += 1
                    number += 1
                }
                x += 2  // an aisle
            }
        }
        // Circle: rows AA–HH above a gap, a single centre aisle.
        let circleRows = ["AA", "BB", "CC", "DD", "EE", "FF", "GG", "HH"]
        for (r, row) in circleRows.enumerated() {
            let half = 14 + r / 2
            var x = (width - (half * 2 + 2)) / 2
            var number = 1
            for _ in 0..<2 {
                for _ in 0..<half {
                    seats.append(.init(label: "\(row)\(number)", row: row, number: number, x: x, y: stallsRows.count + 2 + r,
                                       section: "Circle", band: r < 3 ? "B" : "C"))
                    x += 1
                    number += 1
                }
                x += 2
            }
        }
        return VenuePlan(name: "Grand Theatre", bands: [
            .init(code: "A", name: "Premium", priceCents: 5500),
            .init(code: "B", name: "Standard", priceCents: 3800),
            .init(code: "C", name: "Restricted view", priceCents: 2200),
        ], seats: seats)
    }

    /// A plain generated house of about `seatCount` seats: sections of 25 rows, rows of up to 100 seats in
    /// blocks of 25 between aisles. Two-letter row codes keep labels unique up to 676 rows.
    public static func generated(name: String, seatCount: Int) -> VenuePlan {
        let perRow = min(100, max(10, Int(Double(seatCount).squareRoot().rounded())))
        let rows = (seatCount + perRow - 1) / perRow
        var seats: [VenuePlan.SeatPlan] = []
        seats.reserveCapacity(seatCount)
        for r in 0..<rows {
            let row = rows <= rowLetters.count ? rowLetters[r] : rowLetters[r / 24 % 24] + rowLetters[r % 24]
            let section = "Section \(r / 25 + 1)"
            for n in 0..<perRow where seats.count < seatCount {
                let x = n + (n / 25) * 2
                seats.append(.init(label: "\(row)\(n + 1)", row: row, number: n + 1, x: x, y: r + (r / 25),
                                   section: section, band: r < rows / 3 ? "A" : "B",
                                   accessible: r == rows - 1 && (n == 0 || n == perRow - 1)))
            }
        }
        return VenuePlan(name: name, bands: [
            .init(code: "A", name: "Front", priceCents: 4500),
            .init(code: "B", name: "Rear", priceCents: 2500),
        ], seats: seats)
    }
}
