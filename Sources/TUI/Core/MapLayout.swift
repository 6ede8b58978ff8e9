import Booking

/// Where each seat sits on the map and how the cursor travels between seats. Pure: built once per seat layout,
/// and knows nothing of the terminal but columns and lines counted from the map's top-left corner.
///
/// A seat `x` is one seat unit; it takes two columns (glyph and a space) so the map keeps the venue's proportions
/// roughly and seats never touch. Missing `x` values are aisles and gaps, drawn blank. A line is inserted above the
/// first row of each section to name it, and one blank line stands for any jump in `y`.
public struct MapLayout: Sendable, Equatable {
    public static let columnsPerSeat = 2

    public enum LineKind: Sendable, Equatable {
        /// A row of seats: its label and the seat indexes on it, left to right.
        case seats(row: String, seats: [Int])
        /// Section names, each at the column where its seats begin.
        case sections([SectionLabel])
        case gap
    }

    public struct SectionLabel: Sendable, Equatable {
        public var column: Int
        public var name: String
    }

    public let lines: [LineKind]
    /// Per seat index: its column on the map and its line.
    public let column: [Int]
    public let line: [Int]
    /// Lines that hold seats, top to bottom, and for each seat the position of its line in this list.
    public let seatLines: [Int]
    private let seatLineOrdinal: [Int]
    /// Columns from the leftmost seat to the rightmost glyph.
    public let width: Int
    public var height: Int { lines.count }
    public var seatCount: Int { column.count }

    public init(seats: [Seat]) {
        let order = seats.indices.sorted { (seats[$0].y, seats[$0].x) < (seats[$1].y, seats[$1].x) }
        let minX = seats.map(\.x).min() ?? 0
        var column = Array(repeating: 0, count: seats.count)
        var lineOf = Array(repeating: 0, count: seats.count)
        var lines: [LineKind] = []
        var seatLines: [Int] = []
        var ordinal = Array(repeating: 0, count: seats.count)

        // Where each section first appears, to name it once above its first row.
        var sectionStart: [String: (y: Int, x: Int)] = [:]
        for seat in seats {
            if let s = sectionStart[seat.section], (s.y, s.x) <= (seat.y, seat.x) { continue }
            sectionStart[seat.section] = (seat.y, seat.x)
        }
        let namedSections = sectionStart.filter { !$0.key.isEmpty }

        var i = 0
        var previousY: Int?
        while i < order.count {
            let y = seats[order[i]].y
            var j = i
            while j < order.count && seats[order[j]].y == y { j += 1 }
            let onLine = Array(order[i..<j])

            let starting = namedSections.filter { $0.value.y == y }
                .map { SectionLabel(column: ($0.value.x - minX) * Self.columnsPerSeat, name: $0.key) }
                .sorted { $0.column < $1.column }
            if !starting.isEmpty {
                lines.append(.sections(starting))
            } else if let previousY, y > previousY + 1 {
                lines.append(.gap)
            }
            let lineIndex = lines.count
            lines.append(.seats(row: seats[onLine[0]].row, seats: onLine))
            for index in onLine {
                column[index] = (seats[index].x - minX) * Self.columnsPerSeat
                lineOf[index] = lineIndex
                ordinal[index] = seatLines.count
            }
            seatLines.append(lineIndex)
            previousY = y
            i = j
        }
        self.lines = lines
        self.column = column
        self.line = lineOf
        self.seatLines = seatLines
        self.seatLineOrdinal = ordinal
        let labelEnds = lines.flatMap { kind -> [Int] in
            if case .sections(let labels) = kind { return labels.map { $0.column + TextWidth.of($0.name) } }
            return []
        }
        width = max(column.max().map { $0 + 1 } ?? 0, labelEnds.max() ?? 0)
    }

    public func seatsOnLine(_ index: Int) -> [Int] {
        if case .seats(_, let seats) = lines[index] { return seats }
        return []
    }

    // MARK: Cursor movement

    public enum Direction: Sendable { case left, right, up, down }

    /// The next seat in that direction: across aisles on the same row; up and down to the nearest seat by column on
    /// the next row that has seats. At an edge the cursor stays where it is.
    public func move(_ seat: Int, _ direction: Direction) -> Int {
        guard seat >= 0, seat < seatCount else { return seat }
        let row = seatsOnLine(line[seat])
        let position = row.firstIndex(of: seat) ?? 0
        switch direction {
        case .left: return position > 0 ? row[position - 1] : seat
        case .right: return position + 1 < row.count ? row[position + 1] : seat
        case .up: return jump(seat, by: -1)
        case .down: return jump(seat, by: 1)
        }
    }

    /// The seat nearest in column `count` seat rows away (clamped to the first and last row): PgUp/PgDn.
    public func jump(_ seat: Int, by count: Int) -> Int {
        guard seat >= 0, seat < seatCount, !seatLines.isEmpty else { return seat }
        let target = min(max(0, seatLineOrdinal[seat] + count), seatLines.count - 1)
        if target == seatLineOrdinal[seat] { return seat }
        return nearest(toColumn: column[seat], onLine: seatLines[target]) ?? seat
    }

    public func rowStart(_ seat: Int) -> Int { seatsOnLine(line[seat]).first ?? seat }
    public func rowEnd(_ seat: Int) -> Int { seatsOnLine(line[seat]).last ?? seat }

    /// The seat closest to a column on a line; on a tie, the one to the left.
    public func nearest(toColumn target: Int, onLine index: Int) -> Int? {
        seatsOnLine(index).min { abs(column[$0] - target) < abs(column[$1] - target) }
    }

    /// The seat drawn at this map position (its glyph or the space after it), for mouse clicks.
    public func seat(atLine index: Int, column target: Int) -> Int? {
        guard index >= 0, index < lines.count else { return nil }
        return seatsOnLine(index).first { column[$0] == target || column[$0] + 1 == target }
    }

    /// The first seat of the middle row, where the cursor starts on a fresh map.
    public var startSeat: Int? {
        guard !seatLines.isEmpty else { return nil }
        let middle = seatsOnLine(seatLines[seatLines.count / 2])
        return middle.isEmpty ? nil : middle[middle.count / 2]
    }
}

/// The part of the map a terminal shows: its top line and left column, in map coordinates.
public struct Viewport: Equatable, Sendable {
    public var top: Int
    public var left: Int
    public init(top: Int = 0, left: Int = 0) {
        self.top = top
        self.left = left
    }

    /// Scrolls as little as possible so that the seat and a margin around it are in view; a map that fits is not
    /// scrolled at all. Pure, so update and render agree on it.
    public func showing(seat: Int, in layout: MapLayout, lines visibleLines: Int, columns visibleColumns: Int) -> Viewport {
        guard seat >= 0, seat < layout.seatCount, visibleLines > 0, visibleColumns > 0 else { return self }
        var result = self
        result.top = Self.scroll(result.top, toShow: layout.line[seat], extent: 1, content: layout.height,
                                 visible: visibleLines, margin: min(2, (visibleLines - 1) / 2))
        result.left = Self.scroll(result.left, toShow: layout.column[seat], extent: 1, content: layout.width,
                                  visible: visibleColumns, margin: min(6, (visibleColumns - 1) / 2))
        return result
    }

    static func scroll(_ start: Int, toShow position: Int, extent: Int, content: Int, visible: Int, margin: Int) -> Int {
        if content <= visible { return 0 }
        var start = start
        if position - margin < start { start = position - margin }
        if position + extent + margin > start + visible { start = position + extent + margin - visible }
        return min(max(0, start), content - visible)
    }
}
