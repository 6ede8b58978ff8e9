import Foundation
import TestSupport
import GRDB
@_spi(Bench) @testable import Booking

/// A fresh box office for one test: its own database file in a temporary folder, a venue of 40 seats ("Fault Hall")
/// with one performance on sale, a Redis key prefix of its own, and the environment the CLI needs to use them.
final class Fixture {
    let folder: String
    let databasePath: String
    let redisURL: String
    let prefix: String
    let performanceID: Int64
    let theaterName = "Fault Hall"

    init(redisURL: String, folder: String? = nil) throws {
        self.folder = try folder ?? TempFolder.make("db")
        databasePath = self.folder + "/boxoffice.sqlite"
        self.redisURL = redisURL
        prefix = "fault\(getpid())x\(UInt32.random(in: 0...UInt32.max))"
        let settings = Settings(databasePath: databasePath, redis: try RedisEndpoint(url: redisURL, passwordFile: nil),
                                reservationTimeoutMs: 300_000, redisNamespace: prefix)
        let box = try BoxOffice.initialize(settings: settings, clerk: Self.clerk("setup"))
        let venue = try box.addVenue(Venues.generated(name: theaterName, seatCount: 40))
        let theater = try box.resolveTheater(String(venue.id))
        performanceID = try box.addPerformance(theater: theater, title: "Faults", startsAt: Date().addingTimeInterval(86_400)).id
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    var settings: Settings {
        Settings(databasePath: databasePath, redis: try! RedisEndpoint(url: redisURL, passwordFile: nil),
                 reservationTimeoutMs: 300_000, redisNamespace: prefix)
    }

    static func clerk(_ name: String) -> Clerk { Clerk(name: name, unixUser: Clerk.unixUserName(), session: "\(name):\(getpid())") }

    func box(_ clerk: String) throws -> BoxOffice { try BoxOffice(settings: settings, clerk: Self.clerk(clerk)) }

    /// The environment for the CLI acting as this clerk (nothing inherited but PATH and HOME).
    func env(clerk: String = "alice", _ extra: [String: String] = [:]) -> [String: String] {
        var env = ["BOXOFFICE_DB": databasePath, "REDIS_URL": redisURL, "BOXOFFICE_REDIS_PREFIX": prefix,
                   "BOXOFFICE_CLERK": clerk, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                   "HOME": ProcessInfo.processInfo.environment["HOME"] ?? "/root", "SWIFT_BACKTRACE": "enable=no"]
        env.merge(extra) { $1 }
        return env
    }

    /// `boxoffice <args>` as a clerk, against this fixture's database and Redis.
    func cli(_ args: [String], clerk: String = "alice", _ extra: [String: String] = [:]) throws -> RunResult {
        try CLI.run(args, env: env(clerk: clerk, extra))
    }

    func bookArgs(_ seats: [String], name: String = "Customer") -> [String] {
        ["book", theaterName, "--performance", String(performanceID)] + seats + ["--name", name]
    }

    /// Every table's rows, in rowid order, as text: to compare a database before and after a refused change.
    static func dump(_ path: String) throws -> [String: [String]] {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: config)
        return try queue.read { db in
            var result: [String: [String]] = [:]
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
                result[table] = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\" ORDER BY rowid").map(\.description)
            }
            result["schema"] = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
            return result
        }
    }

    /// Bookings as the database holds them: reference → (seat labels, active flags, cancelled).
    static func orders(_ path: String) throws -> [String: (labels: [String], active: [Bool], cancelled: Bool)] {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: config)
        return try queue.read { db in
            var result: [String: (labels: [String], active: [Bool], cancelled: Bool)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT reference, cancelled_at FROM orders") {
                result[row["reference"]] = ([], [], (row["cancelled_at"] as Int64?) != nil)
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT o.reference, s.label, b.active FROM booked_seat b JOIN orders o ON o.id = b.order_id
                JOIN seat s ON s.id = b.seat_id ORDER BY s.label
                """) {
                result[row["reference"] as String]?.labels.append(row["label"])
                result[row["reference"] as String]?.active.append(row["active"] as Int == 1)
            }
            return result
        }
    }
}
