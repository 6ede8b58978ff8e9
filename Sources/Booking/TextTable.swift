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
        let cellWidths = rows.map { $0.map(TextWidth.of) }
        let headerWidths = headers.map(TextWidth.of)
        var widths = headerWidths
        for row in cellWidths {
            for (i, w) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], w) }
        }
        func line(_ cells: [String], _ cellWidths: [Int]) -> String {
            if let fast = lineWithoutTrailingBlanks(cells, cellWidths) { return fast }
            var out = ""
            for (i, cell) in cells.enumerated() where i < widths.count {
                if i > 0 { out += "  " }
                let pad = String(repeating: " ", count: max(0, widths[i] - cellWidths[i]))
                out += rightAligned.contains(i) ? pad + cell : cell + pad
            }
            while out.last == " " { out.removeLast() }
            return out
        }
        /// The same line with blanks written only before text that follows them, so that its trailing blanks are never
        /// written (cutting them a character at a time was half the time of a 744-seat table). Exact when the text
        /// before them ends in ASCII, where a space is always a character of its own; nil otherwise (the line above
        /// then cuts them as characters).
        func lineWithoutTrailingBlanks(_ cells: [String], _ cellWidths: [Int]) -> String? {
            var out: [UInt8] = []
            out.reserveCapacity(widths.reduce(2 * widths.count, +) + 16)
            var blanks = 0
            var last: UInt8 = 0
            func put(_ cell: String) {
                let bytes = cell.utf8
                var end = bytes.endIndex
                while end > bytes.startIndex, bytes[bytes.index(before: end)] == UInt8(ascii: " ") { end = bytes.index(before: end) }
                if end > bytes.startIndex {
                    out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: blanks))
                    out.append(contentsOf: bytes[..<end])
                    last = bytes[bytes.index(before: end)]
                    blanks = 0
                }
                blanks += bytes.distance(from: end, to: bytes.endIndex)
            }
            for (i, cell) in cells.enumerated() where i < widths.count {
                if i > 0 { blanks += 2 }
                let pad = max(0, widths[i] - cellWidths[i])
                if rightAligned.contains(i) { blanks += pad; put(cell) } else { put(cell); blanks += pad }
            }
            if blanks > 0 && last >= 0x80 { return nil }
            return String(decoding: out, as: UTF8.self)
        }
        var lines = [line(headers, headerWidths), line(widths.map { String(repeating: "-", count: $0) }, widths)]
        lines.reserveCapacity(rows.count + 2)
        for (row, rowWidths) in zip(rows, cellWidths) { lines.append(line(row, rowWidths)) }
        return lines.joined(separator: "\n")
    }
}
