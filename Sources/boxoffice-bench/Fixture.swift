import Booking
import Foundation

/// A fresh database and Redis namespace with the generated houses and one performance per measurement,
/// so no measurement sees another's bookings or holds.
struct Fixture {
    let folder: String
    let settings: Settings
    let box: BoxOffice
    let theater2000: Theater
    let theater20000: Theater

    /// Where the bench's worker processes find the same data.
    var workerArguments: [String] { ["--db", settings.databasePath, "--namespace", settings.redisNamespace] }

    static func settings(database: String, namespace: String) throws -> Settings {
        var s = try Settings.fromEnvironment()
        s.databasePath = database
        s.redisNamespace = namespace
        s.reservationTimeoutMs = 300_000
        return s
    }

    static func clerk(_ name: String) -> Clerk {
        Clerk(name: name, unixUser: Clerk.unixUserName(), session: "\(name):\(getpid()):\(UInt32.random(in: 0...UInt32.max))")
    }

    init(folder: String) throws {
        self.folder = folder
        settings = try Self.settings(database: folder + "/boxoffice.sqlite", namespace: "bench\(getpid())")
        box = try BoxOffice.initialize(settings: settings, clerk: Self.clerk("bench"))
        let a = try box.addVenue(Venues.generated(name: "Bench Theatre 2000", seatCount: 2_000))
        let b = try box.addVenue(Venues.generated(name: "Bench Arena 20000", seatCount: 20_000))
        theater2000 = try box.resolveTheater(String(a.id))
        theater20000 = try box.resolveTheater(String(b.id))
    }

    func performance(_ theater: Theater, _ title: String) throws -> Performance {
        try box.addPerformance(theater: theater, title: title, startsAt: Date().addingTimeInterval(30 * 86_400))
    }

    /// An evening in progress: about `soldShare` of the seats sold (orders of up to 8 seats, spread over the house)
    /// and `held` seats held by two other clerks.
    func fillEvening(_ performance: Performance, soldShare: Double, held: Int) throws -> (sold: Int, held: Int) {
        let seller = try BoxOffice(settings: settings, clerk: Self.clerk("seller"))
        let seats = try box.layout(theaterID: performance.theaterID)
        var rng = SplitMix(seed: 42)
        var sold: [String] = [], free: [String] = []
        for seat in seats {
            if Double(rng.next() % 10_000) / 10_000 < soldShare { sold.append(seat.label) } else { free.append(seat.label) }
        }
        var i = 0
        while i < sold.count {
            let n = min(Int(rng.next() % 8) + 1, sold.count - i)
            _ = try seller.book(performanceID: performance.id, labels: Array(sold[i..<i + n]), customerName: "Customer \(i)")
            i += n
        }
        let others = [try BoxOffice(settings: settings, clerk: Self.clerk("carol")),
                      try BoxOffice(settings: settings, clerk: Self.clerk("dave"))]
        var heldCount = 0
        var j = 0
        while heldCount < held && j + 4 <= free.count {
            let labels = Array(free[j..<j + 4])
            _ = try others[heldCount / 4 % 2].hold(performanceID: performance.id, labels: labels, ttlMs: 3_600_000)
            heldCount += 4
            j += 37  // spread over the house
        }
        return (sold.count, heldCount)
    }
}

