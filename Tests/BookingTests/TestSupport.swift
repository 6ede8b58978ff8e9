import Booking
import Foundation
import TestSupport
import XCTest

/// A fresh box office per test: its own SQLite file in a temporary folder and its own Redis key namespace
/// on the throwaway Redis that `make test` starts (REDIS_URL).
struct TestVenue {
    let folder: URL
    let settings: Settings
    let theaterID: Int64
    let performanceID: Int64

    static func redisURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["REDIS_URL"], !url.isEmpty else {
            throw XCTSkip("REDIS_URL is not set: run these tests with `make test`, which starts a throwaway Redis.")
        }
        return url
    }

    /// A small theater: rows A–C of 10 seats with an aisle after seat 5, one open performance.
    /// With `empty`, only the database: no theater (for imports, whose theater ids must be free).
    init(ttlMs: Int = 300_000, plan: VenuePlan? = nil, empty: Bool = false) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("boxoffice-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        settings = Settings(databasePath: folder.appendingPathComponent("db/boxoffice.sqlite").path,
                            redis: try RedisEndpoint(url: try Self.redisURL()), reservationTimeoutMs: ttlMs,
                            redisNamespace: "t\(UInt32.random(in: 0...UInt32.max))")
        let box = try BoxOffice.initialize(settings: settings, clerk: Self.clerk("setup"))
        if empty {
            (theaterID, performanceID) = (0, 0)
            return
        }
        let venue = try box.addVenue(plan ?? Self.smallPlan())
        theaterID = venue.id
        let theater = try box.resolveTheater(String(venue.id))
        performanceID = try box.addPerformance(theater: theater, title: "Test Night", startsAt: Date().addingTimeInterval(86_400)).id
    }

    static func smallPlan() -> VenuePlan {
        var seats: [VenuePlan.SeatPlan] = []
        for (y, row) in ["A", "B", "C"].enumerated() {
            for n in 1...10 {
                seats.append(.init(label: "\(row)\(n)", row: row, number: n, x: n + (n > 5 ? 2 : 0), y: y,
                                   section: "Stalls", band: y == 0 ? "P" : "S"))
            }
        }
        return VenuePlan(name: "Test House \(UUID().uuidString.prefix(8))",
                         bands: [.init(code: "P", name: "Premium", priceCents: 5000), .init(code: "S", name: "Standard", priceCents: 3000)],
                         seats: seats)
    }

    static func clerk(_ name: String) -> Clerk {
        Clerk(name: name, unixUser: "tester", session: "\(name)-\(UUID().uuidString.prefix(6))")
    }

    func box(_ clerkName: String) throws -> BoxOffice {
        try BoxOffice(settings: settings, clerk: Self.clerk(clerkName))
    }

    /// The environment for running the real `boxoffice` binary against this venue.
    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["BOXOFFICE_DB"] = settings.databasePath
        env["BOXOFFICE_REDIS_PREFIX"] = settings.redisNamespace
        env["RESERVATION_TIMEOUT"] = String(Double(settings.reservationTimeoutMs) / 1000)
        return env
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
