import Foundation

extension BoxOffice {
    /// Creates (or upgrades) the database, group-accessible only: clerks are separate Unix users sharing it.
    /// `currency`: BOXOFFICE_CURRENCY, stored on a new database (nil: GBP); an existing one keeps its own.
    public static func initialize(settings: Settings, clerk: Clerk, currency: Currency? = nil) throws -> BoxOffice {
        try DataFolder.prepare(forDatabase: settings.databasePath)
        let box = try BoxOffice(settings: settings, clerk: clerk, createDatabase: true)
        if let currency {
            try box.store.setCurrency(currency, actor: clerk)
        } else if try box.store.currencyIsUnset() {
            try box.store.setCurrency(.gbp, actor: clerk)
        }
        DataFolder.restrict(database: settings.databasePath)
        return box
    }

    /// The seed's theaters, from the copy shipped inside boxoffice.
    public static var bundledSeed: (theaters: String, seats: String) {
        let dir = Bundle.module.url(forResource: "Seed", withExtension: nil)!
        return (dir.appendingPathComponent("theaters.json").path, dir.appendingPathComponent("seats.json").path)
    }

    /// Adds a theater with its seats and price bands (unless one of that name exists: `added` is then false).
    public func addVenue(_ plan: VenuePlan) throws -> (id: Int64, added: Bool) {
        try store.addVenue(plan, actor: clerk)
    }

    /// How many schema steps this database has had applied.
    public var schemaVersion: Int { store.schemaVersion }
    /// Where opening copied the database before upgrading its schema (nil when it needed no upgrade).
    public var upgradeBackup: String? { store.upgradeBackup }

    /// A consistent copy of the live database (`VACUUM INTO`) while clerks keep selling.
    public func backup(to destination: String) throws { try store.backup(to: destination) }

    /// The demo's venue, a plan file shipped inside boxoffice (`Seed/grand-theatre.csv`).
    public static var demoPlanPath: String {
        Bundle.module.url(forResource: "Seed", withExtension: nil)!.appendingPathComponent("grand-theatre.csv").path
    }

    /// Imports the old service's files, checked whole before anything changes.
    public func importSeed(theatersPath: String, seatsPath: String) throws -> ImportSummary {
        let seed = try SeedFile.load(theatersPath: theatersPath, seatsPath: seatsPath, knownTheaterIDs: try store.theaterIDs())
        return try store.apply(seed, actor: clerk)
    }

    /// Adds what is missing of the demo (never deleting anything): the seed's theaters, the Grand Theatre with
    /// three performances, and an evening in progress — some seats sold, a few held by other clerks.
    public func installDemo(now: Date = Date()) throws -> [String] {
        var notes: [String] = []
        let seed = Self.bundledSeed
        let summary = try importSeed(theatersPath: seed.theaters, seatsPath: seed.seats)
        if summary.theatersAdded > 0 { notes.append("Imported \(summary.theatersAdded) theaters of the old service.") }
        let plan = try Self.readPlan(path: Self.demoPlanPath)
        if try store.theaters().contains(where: { $0.name.caseInsensitiveCompare(plan.name) == .orderedSame }) {
            return notes + ["The demo venue is already there."]
        }
        let venue = try importVenue(plan)
        let theater = try resolveTheater(String(venue.theaterID))
        let calendar = Calendar.current
        var tonight = calendar.date(bySettingHour: 19, minute: 30, second: 0, of: now)!
        if tonight <= now { tonight = calendar.date(byAdding: .day, value: 1, to: tonight)! }
        let shows = [("Hamlet", tonight), ("Hamlet", calendar.date(byAdding: .day, value: 1, to: tonight)!),
                     ("The Nutcracker", calendar.date(byAdding: .hour, value: -5, to: calendar.date(byAdding: .day, value: 2, to: tonight)!)!)]
        var first: Performance?
        for (title, start) in shows {
            let p = try addPerformance(theater: theater, title: title, startsAt: start)
            first = first ?? p
        }
        notes.append("Added \(theater.name) (\(theater.seatCount) seats) with \(shows.count) performances.")
        guard let tonightShow = first else { return notes }
        // An evening in progress: a few sales by other clerks, and a few seats held.
        let sales: [(String, [String])] = [("Ada Lovelace", ["E9", "E10"]), ("Alan Turing", ["F10", "F11", "F12"]),
                                           ("Grace Hopper", ["C12"]), ("Edsger Dijkstra", ["H1", "H2"]),
                                           ("Barbara Liskov", ["BB14", "BB15"]), ("Ken Thompson", ["J12", "J13", "J14", "J15"])]
        let seller = try BoxOffice(settings: settings, clerk: Clerk(name: "dana", unixUser: clerk.unixUser, session: "demo"))
        for (name, labels) in sales {
            _ = try seller.book(performanceID: tonightShow.id, labels: labels, customerName: name)
        }
        let holder = try BoxOffice(settings: settings, clerk: Clerk(name: "bob", unixUser: clerk.unixUser, session: "demo"))
        do {
            _ = try holder.hold(performanceID: tonightShow.id, labels: ["D11", "D12"])
            notes.append("Clerk bob holds D11 and D12 for a while.")
        } catch {
            // Once, here: the bookings above went ahead without Redis and said nothing.
            notes.append("No seats are held: \((error as? BookingError)?.description ?? "\(error)")")
        }
        notes.append("Sold a few seats of tonight's Hamlet.")
        return notes
    }
}

/// The data folder and database file of a shared box-office server: group-accessible only.
enum DataFolder {
    static func prepare(forDatabase path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw BookingError.databaseUnavailable("cannot create the folder \(folder): \(error.localizedDescription)")
            }
            chmod(folder, 0o2770)
            setGroup(folder)
        } else if !isDir.boolValue {
            throw BookingError.databaseUnavailable("\(folder) is not a folder.")
        }
    }

    static func restrict(database path: String) {
        for file in [path, path + "-wal", path + "-shm", path + ".migrate.lock"] where FileManager.default.fileExists(atPath: file) {
            chmod(file, 0o660)
            setGroup(file)
        }
    }

    /// The `boxoffice` group, where the server has one.
    private static func setGroup(_ path: String) {
        if let group = getgrnam("boxoffice") { chown(path, uid_t.max, group.pointee.gr_gid) }
    }
}
