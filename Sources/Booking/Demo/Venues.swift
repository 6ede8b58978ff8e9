/// Venues built in code: large generated houses for benchmarks and tests. (The demo's Grand Theatre is a plan file,
/// `Seed/grand-theatre.csv`.)
public enum Venues {
    /// Row letters as theatres use them: I and O are skipped (they read as 1 and 0).
    static let rowLetters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ").map(String.init)

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
