import Foundation

/// Reads a spreadsheet plan (CSV, RFC 4180, UTF-8), one statement per line:
/// `venue,<name>` · `band,<code>,<name>,<price>` · `section,<name>[,<prefix>]` · `row,<label>,<band>,<cell>…`.
/// A cell is empty (a gap one seat wide) or a seat number, then optionally `:<band>`, then any of the marks `+`
/// (wheelchair space), `~` (restricted view), `!` (not for sale), each at most once. Comment lines (`#…`), blank lines,
/// lines of empty fields, trailing empty fields, a byte-order mark and CRLF are accepted. Every problem is collected
/// with its line and field (both from 1), so one run of `venue check` lists them all.
public enum PlanCSVReader {
    public static func read(_ data: Data, file: String, name: String? = nil) -> Result<VenueModel, PlanError> {
        switch PlanText.decode(data, file: file) {
        case .failure(let error): return .failure(error)
        case .success(let text): return read(text: text, file: file, name: name)
        }
    }

    public static func read(text: String, file: String, name nameOverride: String? = nil) -> Result<VenueModel, PlanError> {
        let records: [CSVRecord]
        switch CSVRecords.parse(text) {
        case .failure(let f):
            return .failure(PlanError([PlanProblem(file: file, place: .csv(line: f.line, field: f.field), message: f.message)]))
        case .success(let r): records = r
        }
        var problems: [PlanProblem] = []
        func add(_ line: Int, _ field: Int, _ message: some CustomStringConvertible) {
            problems.append(PlanProblem(file: file, place: .csv(line: line, field: field), message: message.description))
        }
        var venueName: String?
        var venueLine = 0
        var bands: [VenueModel.Band] = []
        var sections: [VenueModel.Section] = []
        var seats = 0
        var tooMany = false

        for record in records {
            var fields = record.fields
            while let last = fields.last, last.trimmingCharacters(in: .whitespaces).isEmpty { fields.removeLast() }
            guard let first = fields.first else { continue }  // blank, or only empty fields
            let keyword = first.trimmingCharacters(in: .whitespaces).lowercased()
            if keyword.hasPrefix("#") { continue }
            let line = record.line
            func field(_ i: Int) -> String { i < fields.count ? fields[i] : "" }

            switch keyword {
            case "venue":
                if venueName != nil {
                    add(line, 1, "the venue is named twice (first at line \(venueLine))")
                    continue
                }
                if fields.count > 2 { add(line, 3, "a venue line is venue,<name>: one field too many") }
                switch PlanRules.name(field(1), what: "venue name") {
                case .success(let n): venueName = n; venueLine = line
                case .failure(let why): add(line, 2, why)
                }
            case "band":
                if fields.count > 4 {
                    add(line, 5, "a band line is band,<code>,<name>,<price>: too many fields")
                    continue
                }
                var code = "", bandName = ""
                switch PlanRules.bandCode(field(1)) {
                case .success(let c): code = c
                case .failure(let why): add(line, 2, why)
                }
                switch PlanRules.name(field(2), what: "band name") {
                case .success(let n): bandName = n
                case .failure(let why): add(line, 3, why)
                }
                let price = PlanAmount.parse(field(3))
                if price == nil {
                    add(line, 4, "the price \(PlanRules.quoted(field(3))) is not an amount (digits, then optionally . and two decimals, such as 45.00)")
                }
                // A band whose name or price is wrong is still known by its code: its rows are not reported again.
                if !code.isEmpty { bands.append(.init(code: code, name: bandName, priceCents: price ?? 0, place: .csv(line: line, field: 2))) }
            case "section":
                if fields.count > 3 { add(line, 4, "a section line is section,<name>[,<prefix>]: too many fields") }
                var sectionName = ""
                switch PlanRules.name(field(1), what: "section name") {
                case .success(let n): sectionName = n
                case .failure(let why): add(line, 2, why)
                }
                var prefix = ""
                switch PlanRules.label(field(2), what: "section prefix", allowEmpty: true) {
                case .success(let p): prefix = p
                case .failure(let why): add(line, 3, why)
                }
                sections.append(.init(name: sectionName, prefix: prefix, place: .csv(line: line, field: 2)))
            case "row":
                guard !sections.isEmpty else {
                    add(line, 1, "a row outside a section: put a section,<name> line above it")
                    continue
                }
                var label = ""
                switch PlanRules.label(field(1), what: "row label") {
                case .success(let l): label = l
                case .failure(let why): add(line, 2, why)
                }
                var band = ""
                switch PlanRules.bandCode(field(2)) {
                case .success(let b): band = b
                case .failure(let why): add(line, 3, why.description.replacingOccurrences(of: "the band code is empty", with: "the row's band is missing (row,<label>,<band>,<cells>…)"))
                }
                var cells: [VenueModel.Seat?] = []
                if fields.count < 4 { add(line, 4, "the row has no seats") }
                for index in 3..<max(3, fields.count) {
                    let raw = fields[index].trimmingCharacters(in: .whitespaces)
                    if raw.isEmpty { cells.append(nil); continue }
                    switch parseCell(raw, rowBand: band) {
                    case .failure(let why): add(line, index + 1, why); cells.append(nil)
                    case .success(var seat):
                        seats += 1
                        if seats > PlanLimits.maxSeats {
                            if !tooMany { add(line, index + 1, "more than \(PlanLimits.maxSeats.formatted()) seats: a plan holds at most \(PlanLimits.maxSeats.formatted())") }
                            tooMany = true
                            cells.append(nil)
                            continue
                        }
                        seat.place = .csv(line: line, field: index + 1)
                        cells.append(seat)
                    }
                }
                sections[sections.count - 1].rows.append(.init(label: label, band: band, cells: cells,
                                                               place: .csv(line: line, field: 2), bandPlace: .csv(line: line, field: 3)))
            default:
                add(line, 1, "unknown statement \(PlanRules.quoted(first)): a line is venue, band, section or row (or # a comment)")
            }
            if tooMany { break }
        }
        if let nameOverride {
            switch PlanRules.name(nameOverride, what: "venue name (--name)") {
            case .success(let n): venueName = n
            case .failure(let why): problems.append(PlanProblem(file: file, place: .none, message: why.description))
            }
        } else if venueName == nil {
            problems.append(PlanProblem(file: file, place: .none, message: "the plan names no venue: add a line venue,<name> (or give --name)"))
        }
        let model = VenueModel(name: venueName ?? "", bands: bands, sections: sections)
        problems += PlanChecks.problems(in: model, file: file)
        if !problems.isEmpty { return .failure(PlanError(sortedByPlace(problems))) }
        return .success(model)
    }

    /// `12`, `12:P`, `12+`, `12:P~!`: a seat number, optionally its own band, then its marks.
    static func parseCell(_ text: String, rowBand: String) -> Result<VenueModel.Seat, Why> {
        let notASeat = "\(PlanRules.quoted(text)) is not a seat number (a number from 1 to \(PlanLimits.maxSeatNumber), then optionally :<band> and the marks + ~ !)"
        var rest = Substring(text)
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard let number = PlanRules.seatNumber(String(digits)) else { return .failure(Why(notASeat)) }
        rest = rest.dropFirst(digits.count)
        var band = rowBand
        if rest.first == ":" {
            rest = rest.dropFirst()
            let code = rest.prefix { !PlanRules.cellSyntax.contains($0) }
            rest = rest.dropFirst(code.count)
            switch PlanRules.bandCode(String(code)) {
            case .success(let c): band = c
            case .failure: return .failure(Why("\(PlanRules.quoted(text)): no band after \":\""))
            }
        }
        var seat = VenueModel.Seat(number: number, band: band)
        var seen: Set<Character> = []
        for mark in rest {
            guard mark == "+" || mark == "~" || mark == "!" else { return .failure(Why(notASeat)) }
            guard seen.insert(mark).inserted else { return .failure(Why("\(PlanRules.quoted(text)) has the mark \(mark) twice")) }
            switch mark {
            case "+": seat.wheelchair = true
            case "~": seat.restrictedView = true
            default: seat.notForSale = true
            }
        }
        return .success(seat)
    }

    /// Problems in file order (line, then field); those without a place last.
    static func sortedByPlace(_ problems: [PlanProblem]) -> [PlanProblem] {
        func key(_ p: PlanProblem) -> (Int, Int) {
            switch p.place {
            case .csv(let line, let field): (line, field)
            case .csvLine(let line): (line, 0)
            default: (Int.max, 0)
            }
        }
        return problems.enumerated().sorted { (key($0.element).0, key($0.element).1, $0.offset) < (key($1.element).0, key($1.element).1, $1.offset) }.map(\.element)
    }
}
