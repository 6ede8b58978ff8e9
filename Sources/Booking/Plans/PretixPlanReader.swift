import Foundation

/// Reads pretix's seating-plan JSON (`src/pretix/static/seating/seating-plan.schema.json`: zones → rows → seats,
/// positions relative to their parent). Zones become sections, `row_number` is the row's label (`row_label` is only
/// descriptive text), seats keep `seat_number`, `category` becomes the band. pretix plans have no prices (each category
/// needs `--price "<category>=<amount>"`) and no marks. Map columns come from the seats' `x`: a gap wider than about
/// one and a half times the row's usual spacing is an aisle; rows are ordered by `y`. Every problem is collected with
/// its JSON path (`zones[1].rows[3].seats[0]: no seat_number`).
public enum PretixPlanReader {
    public struct Options: Sendable, Equatable {
        /// Category → amount text (`45.00`), from `--price`.
        public var prices: [String: String] = [:]
        /// Zone name → section prefix, from `--prefix`.
        public var prefixes: [String: String] = [:]
        public var name: String?
        public init(prices: [String: String] = [:], prefixes: [String: String] = [:], name: String? = nil) {
            self.prices = prices; self.prefixes = prefixes; self.name = name
        }
    }

    /// A gap this many times a row's usual spacing (or more) is an aisle.
    static let aisleFactor = 1.5

    private struct RawSeat { var seat: VenueModel.Seat; var x: Double; var y: Double }
    private struct RawRow { var label: String; var seats: [RawSeat]; var path: String
        var y: Double { seats.isEmpty ? 0 : seats.map(\.y).reduce(0, +) / Double(seats.count) } }
    private struct RawZone { var name: String; var rows: [RawRow]; var path: String
        var top: Double { rows.flatMap(\.seats).map(\.y).min() ?? 0 } }

    public static func read(_ data: Data, file: String, options: Options = Options()) -> Result<VenueModel, PlanError> {
        let text: String
        switch PlanText.decode(data, file: file) {
        case .failure(let error): return .failure(error)
        case .success(let t): text = t
        }
        var problems: [PlanProblem] = []
        func add(_ path: String, _ message: some CustomStringConvertible) { problems.append(PlanProblem(file: file, place: .json(path), message: message.description)) }

        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            return .failure(PlanError([PlanProblem(file: file, place: .none, message: "not valid JSON (\(SeedFile.jsonProblem(error)))")]))
        }
        guard case .object(let top) = root else {
            return .failure(PlanError([PlanProblem(file: file, place: .none, message: "a pretix seating plan is a JSON object with zones and categories, not \(root.typeName)")]))
        }

        var venueName = ""
        if let name = options.name {
            switch PlanRules.name(name, what: "venue name (--name)") {
            case .success(let n): venueName = n
            case .failure(let why): add("", why)
            }
        } else if case .string(let s)? = top["name"] {
            switch PlanRules.name(s, what: "venue name") {
            case .success(let n): venueName = n
            case .failure(let why): add("name", why)
            }
        } else {
            add("name", "no name (the venue's name; or give --name)")
        }

        var categories: [String] = []
        if case .array(let list)? = top["categories"] {
            for (i, value) in list.enumerated() {
                guard case .object(let c) = value, case .string(let name)? = c["name"] else {
                    add("categories[\(i)]", "no name"); continue
                }
                switch PlanRules.bandCode(name) {
                case .success(let code):
                    if categories.contains(code) { add("categories[\(i)]", "category \(PlanRules.quoted(code)) is listed twice") } else { categories.append(code) }
                case .failure(let why): add("categories[\(i)].name", why)
                }
            }
        } else {
            add("categories", "no list of categories")
        }

        var zones: [RawZone] = []
        var seatCount = 0
        var guids: [String: String] = [:]
        if case .array(let list)? = top["zones"] {
            zoneLoop: for (z, zoneValue) in list.enumerated() {
                let zonePath = "zones[\(z)]"
                guard case .object(let zone) = zoneValue else { add(zonePath, "a zone must be an object"); continue }
                var zoneName = "Zone \(z + 1)"
                if case .string(let s)? = zone["name"], !s.trimmingCharacters(in: .whitespaces).isEmpty {
                    switch PlanRules.name(s, what: "zone name") {
                    case .success(let n): zoneName = n
                    case .failure(let why): add(zonePath + ".name", why)
                    }
                }
                let zonePosition = position(zone["position"])
                guard case .array(let rows)? = zone["rows"] else { add(zonePath, "no rows"); continue }
                var rawRows: [RawRow] = []
                for (r, rowValue) in rows.enumerated() {
                    let rowPath = "\(zonePath).rows[\(r)]"
                    guard case .object(let row) = rowValue else { add(rowPath, "a row must be an object"); continue }
                    var label = ""
                    if case .string(let s)? = row["row_number"] {
                        switch PlanRules.label(s, what: "row_number") {
                        case .success(let l): label = l
                        case .failure(let why): add(rowPath + ".row_number", why)
                        }
                    } else {
                        add(rowPath, "no row_number")
                    }
                    let rowPosition = position(row["position"])
                    guard case .array(let seats)? = row["seats"] else { add(rowPath, "no seats"); continue }
                    var rawSeats: [RawSeat] = []
                    for (s, seatValue) in seats.enumerated() {
                        let seatPath = "\(rowPath).seats[\(s)]"
                        guard case .object(let seat) = seatValue else { add(seatPath, "a seat must be an object"); continue }
                        var ok = true
                        var number = 0
                        switch seat["seat_number"] {
                        case .string(let text)?:
                            if let n = PlanRules.seatNumber(text) { number = n } else {
                                add(seatPath + ".seat_number", "\(PlanRules.quoted(text)) is not a seat number (a number from 1 to \(PlanLimits.maxSeatNumber))"); ok = false
                            }
                        case .integer(let n)? where n >= 1 && n <= PlanLimits.maxSeatNumber: number = Int(n)
                        default: add(seatPath, "no seat_number"); ok = false
                        }
                        var guid: String?
                        if case .string(let g)? = seat["seat_guid"], !g.isEmpty, SafeText.problem(in: g, field: "seat_guid", maxLength: 200) == nil {
                            if let first = guids[g] { add(seatPath + ".seat_guid", "seat_guid \(PlanRules.quoted(g)) appears twice (first at \(first))"); ok = false }
                            else { guids[g] = seatPath; guid = g }
                        } else {
                            add(seatPath, "no seat_guid"); ok = false
                        }
                        var band = ""
                        if case .string(let c)? = seat["category"] {
                            band = c.trimmingCharacters(in: .whitespaces)
                            if !categories.contains(band) {
                                add(seatPath + ".category", "unknown category \(PlanRules.quoted(c)) (categories: \(categories.isEmpty ? "none" : categories.joined(separator: ", ")))"); ok = false
                            }
                        } else {
                            add(seatPath, "no category"); ok = false
                        }
                        guard let p = position(seat["position"]) else { add(seatPath, "no position (x and y)"); continue }
                        guard ok else { continue }
                        seatCount += 1
                        if seatCount > PlanLimits.maxSeats {
                            add(seatPath, "more than \(PlanLimits.maxSeats.formatted()) seats: a plan holds at most \(PlanLimits.maxSeats.formatted())")
                            break zoneLoop
                        }
                        let x = (zonePosition?.x ?? 0) + (rowPosition?.x ?? 0) + p.x
                        let y = (zonePosition?.y ?? 0) + (rowPosition?.y ?? 0) + p.y
                        rawSeats.append(RawSeat(seat: .init(number: number, band: band, guid: guid, place: .json(seatPath)), x: x, y: y))
                    }
                    rawRows.append(RawRow(label: label, seats: rawSeats, path: rowPath))
                }
                zones.append(RawZone(name: zoneName, rows: rawRows, path: zonePath))
            }
        } else {
            add("zones", "no list of zones")
        }

        // Prices: one for every category, each an amount; none for a category the plan does not have.
        var bands: [VenueModel.Band] = []
        var missing: [String] = []
        for code in categories {
            guard let text = options.prices[code] else { missing.append(code); continue }
            if let cents = PlanAmount.parse(text) { bands.append(.init(code: code, name: code, priceCents: cents, place: .json("categories"))) }
            else { problems.append(PlanProblem(file: file, place: .none, message: "--price \(PlanRules.quoted(code + "=" + text)): \(PlanRules.quoted(text)) is not an amount (digits, then optionally . and two decimals, such as 45.00)")) }
        }
        if !missing.isEmpty {
            let list = missing.map { "--price \"\($0)=<amount>\"" }.joined(separator: " ")
            problems.append(PlanProblem(file: file, place: .none, message: "pretix plans carry no prices: give \(list)"))
        }
        for code in options.prices.keys.sorted() where !categories.contains(code) {
            problems.append(PlanProblem(file: file, place: .none, message: "--price names \(PlanRules.quoted(code)), which is not a category of this plan (categories: \(categories.joined(separator: ", ")))"))
        }
        var prefixes: [String: String] = [:]
        for (zone, prefix) in options.prefixes.sorted(by: { $0.key < $1.key }) {
            guard zones.contains(where: { $0.name == zone }) else {
                problems.append(PlanProblem(file: file, place: .none, message: "--prefix names \(PlanRules.quoted(zone)), which is not a zone of this plan (zones: \(zones.map(\.name).joined(separator: ", ")))"))
                continue
            }
            switch PlanRules.label(prefix, what: "prefix for zone \(PlanRules.quoted(zone))") {
            case .success(let p): prefixes[zone] = p
            case .failure(let why): problems.append(PlanProblem(file: file, place: .none, message: "--prefix: \(why)"))
            }
        }

        let model = VenueModel(name: venueName, bands: bands, sections: layout(zones, prefixes: prefixes))
        var checks = PlanChecks.problems(in: model, file: file).filter { !$0.message.hasPrefix("unknown band") }
        for i in checks.indices where checks[i].message.contains("need different prefixes") {
            checks[i].message += ": " + prefixSuggestion(checks[i], model: model)
        }
        if seatCount == 0 && !checks.contains(where: { $0.message == "the plan has no seats" }) && problems.isEmpty {
            checks.append(PlanProblem(file: file, place: .none, message: "the plan has no seats"))
        }
        problems += checks
        if !problems.isEmpty { return .failure(PlanError(problems)) }
        return .success(model)
    }

    /// `--prefix "Balcony=B"` for a zone of two whose labels collide: the later one, by its first letter.
    private static func prefixSuggestion(_ problem: PlanProblem, model: VenueModel) -> String {
        guard case .json(let path) = problem.place,
              let section = model.sections.first(where: { $0.rows.contains { $0.cells.contains { $0?.place == .json(path) } } })
        else { return "give --prefix \"<zone>=<prefix>\"" }
        let letter = section.name.uppercased().unicodeScalars.first { ("A"..."Z").contains($0) }.map(String.init) ?? "Z"
        return "give --prefix \"\(section.name)=\(letter)\""
    }

    private static func position(_ value: JSONValue?) -> (x: Double, y: Double)? {
        guard case .object(let p)? = value, let x = number(p["x"]), let y = number(p["y"]) else { return nil }
        return (x, y)
    }

    private static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .integer(let i)?: Double(i)
        case .number(let d)? where d.isFinite: d
        default: nil
        }
    }

    /// Sections in the order of their zones' top edge, rows by `y`, seats by `x`; columns from the spacing.
    private static func layout(_ zones: [RawZone], prefixes: [String: String]) -> [VenueModel.Section] {
        let allRows = zones.flatMap(\.rows).filter { !$0.seats.isEmpty }
        let rowSpacings = allRows.compactMap { usualSpacing($0.seats.map(\.x).sorted()) }
        let unit = median(rowSpacings) ?? 1
        let minX = allRows.flatMap(\.seats).map(\.x).min() ?? 0
        return zones.sorted { $0.top < $1.top }.map { zone in
            let rows = zone.rows.filter { !$0.seats.isEmpty }.sorted { $0.y < $1.y }.map { row -> VenueModel.Row in
                let seats = row.seats.sorted { $0.x < $1.x }
                let spacing = usualSpacing(seats.map(\.x)) ?? unit
                var cells: [VenueModel.Seat?] = []
                var column = Int(((seats[0].x - minX) / unit).rounded())
                var previousX = seats[0].x
                for (i, raw) in seats.enumerated() {
                    if i > 0 {
                        let dx = raw.x - previousX
                        column += dx > spacing * aisleFactor ? max(2, Int((dx / spacing).rounded())) : 1
                    }
                    previousX = raw.x
                    while cells.count < column { cells.append(nil) }
                    cells.append(raw.seat)
                }
                let band = PlanCSVWriter.usualBand(seats.map(\.seat))
                return VenueModel.Row(label: row.label, band: band, cells: cells, place: .json(row.path))
            }
            return VenueModel.Section(name: zone.name, prefix: prefixes[zone.name] ?? "", rows: rows, place: .json(zone.path))
        }
    }

    /// A row's usual distance between neighbouring seats: the median gap (nil for a row of one seat).
    static func usualSpacing(_ sortedX: [Double]) -> Double? {
        guard sortedX.count > 1 else { return nil }
        let gaps = zip(sortedX.dropFirst(), sortedX).map { $0 - $1 }.filter { $0 > 0 }
        return median(gaps)
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        return s[s.count / 2]
    }
}
