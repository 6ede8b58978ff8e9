/// Plain-text tables, the default output of every command that prints data. Columns are as wide as their widest
/// cell in terminal columns (`TextWidth`: a Chinese character takes two, a combining accent none), so names in any
/// script line up. Cells are made safe for a terminal; trailing blanks are cut.
public struct TextTable: Sendable {
    public var headers: [String]
    public private(set) var rows: [[String]] = []
    /// Columns aligned right (numbers, money).
    public var rightAligned: Set<Int>

    public init(_ headers: String..., rightAligned: Set<Int> = []) {
        self.init(headers, rightAligned: rightAligned)
    }

    public init(_ headers: [String], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    public mutating func add(_ cells: String...) { add(cells) }

    public mutating func add(_ cells: [String]) { rows.append(cells.map { SafeText.display($0, limit: 60) }) }

    public var text: String {
        var widths = headers.map(TextWidth.of)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], TextWidth.of(cell)) }
        }
        func line(_ cells: [String]) -> String {
            var out = ""
            for (i, cell) in cells.enumerated() where i < widths.count {
                if i > 0 { out += "  " }
                let pad = String(repeating: " ", count: max(0, widths[i] - TextWidth.of(cell)))
                out += rightAligned.contains(i) ? pad + cell : cell + pad
            }
            while out.last == " " { out.removeLast() }
            return out
        }
        var lines = [line(headers), line(widths.map { String(repeating: "-", count: $0) })]
        lines.reserveCapacity(rows.count + 2)
        for row in rows { lines.append(line(row)) }
        return lines.joined(separator: "\n")
    }
}
