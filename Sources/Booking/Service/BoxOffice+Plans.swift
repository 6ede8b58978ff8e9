import Foundation

/// Venue plans: read and check a plan file, import it (create or change a theater), write a theater back as a plan.
extension BoxOffice {
    public enum PlanFormat: String, Sendable, CaseIterable { case csv, pretix }

    /// What a pretix plan needs besides itself; a CSV plan takes only `name`.
    public struct PlanOptions: Sendable {
        public var name: String?
        /// `--price "<category>=<amount>"`, as typed.
        public var prices: [String]
        /// `--prefix "<zone>=<prefix>"`, as typed.
        public var prefixes: [String]
        public init(name: String? = nil, prices: [String] = [], prefixes: [String] = []) {
            self.name = name; self.prices = prices; self.prefixes = prefixes
        }
    }

    /// Reads and checks a plan file without touching the database: `.json` is pretix's format, anything else CSV.
    /// Every problem is reported at once (`BookingError.invalidPlan`).
    public static func readPlan(path: String, options: PlanOptions = PlanOptions()) throws -> VenueModel {
        let file = (path as NSString).lastPathComponent
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: path) } catch {
            throw BookingError.invalidInput("The plan \(path) cannot be read (no such file, or no permission).")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        if size > PlanLimits.maxFileBytes {
            throw BookingError.invalidPlan(PlanError([PlanProblem(file: file, place: .none,
                message: "the file is \(size / 1_048_576) MiB, more than the \(PlanLimits.maxFileBytes / 1_048_576) MiB a plan can be")]))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BookingError.invalidInput("The plan \(path) cannot be read.")
        }
        let isPretix = path.lowercased().hasSuffix(".json")
        if !isPretix && !(options.prices.isEmpty && options.prefixes.isEmpty) {
            throw BookingError.invalidInput("--price and --prefix are for pretix plans (.json); a CSV plan has its prices on its band lines and its prefixes on its section lines.")
        }
        let result = isPretix
            ? PretixPlanReader.read(data, file: file, options: .init(prices: try pairs(options.prices, flag: "--price"),
                                                                     prefixes: try pairs(options.prefixes, flag: "--prefix"), name: options.name))
            : PlanCSVReader.read(data, file: file, name: options.name)
        switch result {
        case .success(let model): return model
        case .failure(let error): throw BookingError.invalidPlan(error)
        }
    }

    /// `"Stalls=45.00"` → ["Stalls": "45.00"]; the last `=` splits, so a category may not hold one.
    static func pairs(_ list: [String], flag: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for item in list {
            guard let eq = item.lastIndex(of: "="), eq != item.startIndex else {
                throw BookingError.invalidInput("\(flag) \"\(SafeText.display(item, limit: 60))\" must be <name>=<value>, such as \(flag) \"Stalls=\(flag == "--price" ? "45.00" : "S")\".")
            }
            let key = item[..<eq].trimmingCharacters(in: .whitespaces), value = item[item.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if result[key] != nil { throw BookingError.invalidInput("\(flag) names \"\(SafeText.display(key, limit: 40))\" twice.") }
            result[key] = value
        }
        return result
    }

    /// Creates the theater the plan names (or `--name`), or changes it if it exists, in one transaction.
    public func importVenue(path: String, options: PlanOptions = PlanOptions()) throws -> VenueImportSummary {
        let model = try Self.readPlan(path: path, options: options)
        return try importVenue(model)
    }

    public func importVenue(_ model: VenueModel) throws -> VenueImportSummary {
        try store.importVenue(model, actor: clerk)
    }

    /// The theater's plan in the format asked for: CSV reads back to the same venue; pretix keeps geometry, labels
    /// and categories (it has no fields for marks or prices).
    public func exportVenue(theater: Theater, format: PlanFormat) throws -> Data {
        let model = try store.venueModel(theaterID: theater.id)
        switch format {
        case .csv: return Data(PlanCSVWriter.write(model).utf8)
        case .pretix: return try PretixPlanWriter.write(model)
        }
    }

    /// A plan's seats as the map lays them out (ids 0), for drawing a plan that is not imported yet.
    public static func seats(of model: VenueModel) -> [Seat] {
        let price = Dictionary(model.bands.map { ($0.code, $0.priceCents) }, uniquingKeysWith: { a, _ in a })
        return model.placedSeats.map { p in
            Seat(id: 0, theaterID: 0, label: p.label, row: p.prefix + p.row, number: p.seat.number, x: p.column, y: p.line,
                 section: p.section, priceBand: p.seat.band, priceCents: price[p.seat.band] ?? 0, accessible: p.seat.wheelchair,
                 blocked: p.seat.notForSale, restrictedView: p.seat.restrictedView)
        }
    }
}
