/// One venue's seating plan, whatever file it came from: the model every plan reader builds and every writer and the
/// importer read. Sections run from the stage back; rows run left to right as the map draws them, gaps included.
public struct VenueModel: Sendable, Equatable {
    public struct Band: Sendable, Equatable {
        public var code: String
        public var name: String
        /// Minor units (pence, cents).
        public var priceCents: Int
        public var place: PlanPlace

        public init(code: String, name: String, priceCents: Int, place: PlanPlace = .none) {
            self.code = code; self.name = name; self.priceCents = priceCents; self.place = place
        }
    }

    public struct Seat: Sendable, Equatable {
        public var number: Int
        /// The seat's band: its own, or its row's.
        public var band: String
        public var wheelchair = false
        public var restrictedView = false
        /// Blocked in every performance (reason "plan").
        public var notForSale = false
        /// pretix's `seat_guid`: what a re-import of a pretix plan matches seats by.
        public var guid: String?
        public var place: PlanPlace = .none

        public init(number: Int, band: String, wheelchair: Bool = false, restrictedView: Bool = false,
                    notForSale: Bool = false, guid: String? = nil, place: PlanPlace = .none) {
            self.number = number; self.band = band; self.wheelchair = wheelchair; self.restrictedView = restrictedView
            self.notForSale = notForSale; self.guid = guid; self.place = place
        }
    }

    /// A row: its cells left to right, each a seat or a gap one seat wide (an aisle, a pillar, a missing seat).
    public struct Row: Sendable, Equatable {
        public var label: String
        public var band: String
        public var cells: [Seat?]
        public var place: PlanPlace = .none
        /// Where the row's band is named (nil place: the plan names bands per seat only, as pretix does).
        public var bandPlace: PlanPlace = .none

        public init(label: String, band: String, cells: [Seat?], place: PlanPlace = .none, bandPlace: PlanPlace = .none) {
            self.label = label; self.band = band; self.cells = cells; self.place = place; self.bandPlace = bandPlace
        }
    }

    public struct Section: Sendable, Equatable {
        public var name: String
        /// Put before the section's row labels, so that rows of the same name in two sections stay apart.
        public var prefix: String
        public var rows: [Row]
        public var place: PlanPlace = .none

        public init(name: String, prefix: String = "", rows: [Row] = [], place: PlanPlace = .none) {
            self.name = name; self.prefix = prefix; self.rows = rows; self.place = place
        }
    }

    public var name: String
    public var bands: [Band]
    public var sections: [Section]

    public init(name: String, bands: [Band], sections: [Section]) {
        self.name = name; self.bands = bands; self.sections = sections
    }

    /// A seat's label: prefix, row label and number (`A12`, or `CA12` for row A of a section with prefix C). When the
    /// row label ends in a digit a `-` keeps the number apart, so that row 1 seat 12 and row 11 seat 2 differ
    /// (`1-12`, `11-2`).
    public static func label(prefix: String, row: String, number: Int) -> String {
        let joiner = row.last?.isNumber == true ? "-" : ""
        return "\(prefix)\(row)\(joiner)\(number)"
    }

    /// A seat as the importer stores it: where the map draws it and what it is.
    public struct PlacedSeat: Sendable, Equatable {
        public var label: String
        public var section: String
        public var prefix: String
        public var row: String
        public var seat: Seat
        /// Map column (seat widths from the left, gaps included) and line (rows from the stage, one blank line
        /// between sections).
        public var column: Int
        public var line: Int
    }

    /// Every seat with its label and map place, in map order (line, then column).
    public var placedSeats: [PlacedSeat] {
        var result: [PlacedSeat] = []
        var line = 0
        for (s, section) in sections.enumerated() {
            if s > 0 && !section.rows.isEmpty && line > 0 { line += 1 }  // a blank line between sections
            for row in section.rows {
                for (column, cell) in row.cells.enumerated() {
                    guard let seat = cell else { continue }
                    result.append(PlacedSeat(label: Self.label(prefix: section.prefix, row: row.label, number: seat.number),
                                             section: section.name, prefix: section.prefix, row: row.label, seat: seat,
                                             column: column, line: line))
                }
                line += 1
            }
        }
        return result
    }

    public var seatCount: Int {
        sections.reduce(0) { $0 + $1.rows.reduce(0) { $0 + $1.cells.reduce(0) { $0 + ($1 == nil ? 0 : 1) } } }
    }
}

/// Where something is in a plan file: a CSV line and field (both from 1), or a JSON path.
public enum PlanPlace: Sendable, Equatable, Hashable {
    case none
    case csv(line: Int, field: Int)
    case csvLine(Int)
    case json(String)
}

/// One problem in a plan, with its place, as `venue check` and a refused import list it.
public struct PlanProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var place: PlanPlace
    public var message: String

    public init(file: String, place: PlanPlace, message: String) {
        self.file = file; self.place = place; self.message = message
    }

    /// `plan.csv:14:7: seat "A4" appears twice (first at 12:5)`, `plan.json: zones[1].rows[3].seats[0]: no seat_number`.
    public var description: String {
        switch place {
        case .none: "\(file): \(message)"
        case .csv(let line, let field): "\(file):\(line):\(field): \(message)"
        case .csvLine(let line): "\(file):\(line): \(message)"
        case .json(let path): path.isEmpty ? "\(file): \(message)" : "\(file): \(path): \(message)"
        }
    }

    /// The short form of a place, for "first at 12:5".
    static func shortPlace(_ place: PlanPlace) -> String {
        switch place {
        case .none: "?"
        case .csv(let line, let field): "\(line):\(field)"
        case .csvLine(let line): "line \(line)"
        case .json(let path): path
        }
    }
}

/// A plan that could not be read, with every problem found (at least one).
public struct PlanError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [PlanProblem]
    public init(_ problems: [PlanProblem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
