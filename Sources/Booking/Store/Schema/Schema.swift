import Foundation
import GRDB

/// One named schema step. Steps are append-only: never edit or reorder one that has shipped; add a new one.
struct SchemaStep: Sendable {
    let name: String
    let apply: @Sendable (Database) throws -> Void

    init(_ name: String, _ apply: @escaping @Sendable (Database) throws -> Void) {
        self.name = name
        self.apply = apply
    }

    /// A step that is one SQL script.
    init(_ name: String, sql: String) {
        self.init(name) { db in try db.execute(sql: sql) }
    }
}

/// The database schema: every feature's steps, applied by GRDB's `DatabaseMigrator`, which records each applied step
/// by name in `grdb_migrations`.
enum Schema {
    /// Each feature keeps its steps (and their SQL) in a file of its own in this folder; add the feature's list here,
    /// at the end.
    static let features: [[SchemaStep]] = [
        CoreSchema.steps,
        PlansSchema.steps,
        SalesSchema.steps,
        DoorSchema.steps,
        APIKeySchema.steps,
        RetainedSchema.steps,
        MixedBookingSchema.steps,
        IssuedCodesSchema.steps,
    ]

    /// Before the migrator, `PRAGMA user_version` counted the steps applied, in this order: a database made then with
    /// count N has the first N of these (nothing else was ever released with another order).
    static let countedByUserVersion = 3

    static let steps: [SchemaStep] = features.flatMap { $0 }

    /// How many steps this boxoffice knows (`doctor` and `init` show it as the schema version).
    static var version: Int { steps.count }

    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        for step in steps { migrator.registerMigration(step.name, migrate: step.apply) }
        return migrator
    }()

    enum State: Equatable {
        case upToDate
        case behind
        /// A newer boxoffice applied steps this one does not know.
        case newer(unknown: [String])
    }

    /// A read of one small table: cheap enough for every start of the command line.
    static func state(_ db: Database) throws -> State {
        let applied = try appliedIdentifiers(db)
        let known = Set(steps.map(\.name))
        let unknown = applied.subtracting(known)
        if !unknown.isEmpty { return .newer(unknown: unknown.sorted()) }
        return applied == known ? .upToDate : .behind
    }

    /// The steps applied, by name, from the migrator's documented record (its `grdb_migrations` table), read as
    /// `DatabaseMigrator.appliedIdentifiers` reads it but without its generic fetch: every command opens the database
    /// through here, and that fetch's first use in a process checks two types at run time (each check a scan of the
    /// binary's ~7,000 conformance records).
    static func appliedIdentifiers(_ db: Database) throws -> Set<String> {
        do {
            var names = Set<String>()
            let rows = try Row.fetchCursor(db, sql: "SELECT identifier FROM grdb_migrations")
            while let row = try rows.next() { names.insert(row[0]) }
            return names
        } catch {
            // A new database has no record yet; any other failure is the caller's to report.
            if (try? !db.tableExists("grdb_migrations")) ?? false { return [] }
            throw error
        }
    }

    /// Steps of this boxoffice applied to the database.
    static func appliedCount(_ db: Database) throws -> Int {
        try migrator.appliedMigrations(db).count
    }

    /// Brings the database up to date. Opening one that is up to date costs one read and takes no lock.
    ///
    /// The migrator reads which steps are applied and then runs each missing one in a transaction of its own, so two
    /// processes opening a new database at once would both try the first step. An exclusive lock on a side file
    /// (`<db>.migrate.lock`) lets one of them migrate; the others wait, then find nothing left to do.
    ///
    /// Returns where an existing database was copied before its upgrade (nil for a new one, or one up to date).
    static func migrate(_ pool: any DatabaseWriter, path: String) throws -> String? {
        switch try pool.read(state) {
        case .upToDate: return nil
        case .newer(let unknown): throw newerError(unknown)
        case .behind: break
        }
        let lock = try MigrationLock(path: path + ".migrate.lock", timeout: SQLiteStore.busyTimeout)
        defer { lock.unlock() }
        // Another process may have migrated while this one waited for the lock, or a newer boxoffice may have.
        var backup: String?
        switch try pool.read(state) {
        case .upToDate: return nil
        case .newer(let unknown): throw newerError(unknown)
        case .behind:
            _ = try pool.read(countedSteps)  // refuses a database counted past what this boxoffice knows, copying nothing
            // An upgrade that goes wrong must never cost a booking: an existing database is copied first.
            let had = try pool.read { db in max(try appliedCount(db), try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0) }
            if had > 0 { backup = try UpgradeBackup.copy(pool, path: path, from: had) }
        }
        try pool.write(adoptCountedSteps)
        try migrator.migrate(pool)
        // Boxoffice before the migrator compared `user_version` with the one step it knew, and refuses a database
        // whose count is higher: keep the count, so an old binary never writes to a schema it does not know.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA user_version = \(try appliedCount(db))")
        }
        return backup
    }

    /// A database from before the migrator: record its counted steps as applied, by name, so the migrator runs only
    /// the rest. (The migrator's record is its documented `grdb_migrations` table of applied identifiers.)
    private static func adoptCountedSteps(_ db: Database) throws {
        guard let counted = try countedSteps(db), counted > 0 else { return }
        try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
        for step in steps.prefix(counted) {
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [step.name])
        }
    }

    /// How many steps `user_version` counts in a database from before the migrator (nil: the migrator keeps its record).
    private static func countedSteps(_ db: Database) throws -> Int? {
        guard try !db.tableExists("grdb_migrations") else { return nil }
        let counted = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        guard counted <= countedByUserVersion else {
            throw BookingError.databaseUnavailable("it has schema version \(counted), newer than this boxoffice (\(version)); upgrade boxoffice.")
        }
        return counted
    }

    private static func newerError(_ unknown: [String]) -> BookingError {
        .databaseUnavailable("it has schema steps newer than this boxoffice (\(unknown.joined(separator: "; "))); upgrade boxoffice.")
    }
}
