import Foundation

/// A plain-text table for reports (the CLI has its own for listings; reports live in Booking so tests can read
/// them as strings).
public struct TextTable: Sendable {
    var headers: [String]
    var rows: [[String]] = []
    var rightAligned: Set<Int>

    public init(_ headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    public mutating func add(_ cells: [String]) { rows.append(cells.map { SafeText.display($0, limit: 60) }) }

    public var text: String {
        var widths = headers.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            let text = cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
                return rightAligned.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ")
            return text.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return ([line(headers), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)).joined(separator: "\n")
    }
}
