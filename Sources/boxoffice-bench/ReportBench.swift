import ArgumentParser
@_spi(Bench) import Booking
import Foundation
import GRDB

/// The shift report over a busy day: 100,000 bookings (two tickets each, across ten clerks, paid by cash or card,
/// one in twenty partly refunded) written straight into the database in one transaction, then the cash-up of every
/// clerk and of one clerk timed as a clerk asks for it (through the façade: the query and the arithmetic).
enum ReportBench {
    struct Result {
        var all: Latencies
        var oneClerk: Latencies
        var bookings: Int
        var checked: Bool
    }

    /// The ten clerks of the filled day: a name no other phase of the bench uses (its workers are `clerk1`, `clerkA`, …).
    static let tillPrefix = "till"

    static func run(_ fx: Fixture, bookings: Int, iterations: Int) throws -> Result {
        let since = Date().addingTimeInterval(-12 * 3_600)
        let expected = try fill(fx, bookings: bookings, since: since)
        var all = Latencies(), one = Latencies()
        var checked = true
        for _ in 0..<iterations {
            let report = try all.time { try fx.box.shiftReport(clerk: nil, since: since, until: nil, floatCents: 0, countedCents: nil) }
            // Only the day's tills: the bench's other phases booked that day too, under their own clerks' names.
            let tills = report.shifts.filter { $0.clerk.hasPrefix(tillPrefix) }
            let net = tills.map(\.netCents).reduce(0, +), made = tills.map(\.bookings).reduce(0, +)
            if net != expected || made != bookings { log("shift report: net \(net) against \(expected), bookings \(made) against \(bookings)") }
            checked = checked && net == expected && made == bookings
            _ = try one.time { try fx.box.shiftReport(clerk: tillPrefix + "3", since: since, until: nil, floatCents: 0, countedCents: nil) }
        }
        return Result(all: all, oneClerk: one, bookings: bookings, checked: checked)
    }

    /// Writes the day's bookings; returns the ledger's net, which the report must reproduce.
    private static func fill(_ fx: Fixture, bookings: Int, since: Date) throws -> Int {
        let seats = try fx.box.layout(theaterID: fx.theater20000.id).map(\.id)
        let performances = try (0..<((2 * bookings + seats.count - 1) / seats.count)).map {
            try fx.performance(fx.theater20000, "Report day \($0)").id
        }
        let adult = try DatabaseQueue(path: fx.settings.databasePath).read {
            try Int64.fetchOne($0, sql: "SELECT id FROM ticket_type WHERE name = 'Adult'")!
        }
        var rng = SplitMix(seed: 14)
        var net = 0
        let queue = try DatabaseQueue(path: fx.settings.databasePath)
        try queue.write { db in
            let order = try db.makeStatement(sql: """
                INSERT INTO orders (reference, performance_id, customer_name, clerk, unix_user, total_cents, created_at)
                VALUES (?, ?, ?, ?, 'bench', ?, ?)
                """)
            let ticket = try db.makeStatement(sql: """
                INSERT INTO booked_seat (order_id, performance_id, seat_id, ticket_type_id, price_cents, code) VALUES (?, ?, ?, ?, ?, ?)
                """)
            let payment = try db.makeStatement(sql: """
                INSERT INTO payment (order_id, method, amount_cents, kind, clerk, unix_user, at, performance_id) VALUES (?, ?, ?, ?, ?, 'bench', ?, ?)
                """)
            let span = Date().timeIntervalSince(since) - 60
            for i in 0..<bookings {
                let at = Int64((since.timeIntervalSince1970 + 1 + span * Double(i) / Double(bookings)) * 1000)
                let clerk = "\(tillPrefix)\(i % 10)"
                let performance = performances[(2 * i) / seats.count]
                let price = 1_000 + Int(rng.next() % 4_000)
                try order.execute(arguments: [String(format: "R%07d", i), performance, "Customer \(i)", clerk, 2 * price, at])
                let orderID = db.lastInsertedRowID
                for k in 0..<2 {
                    try ticket.execute(arguments: [orderID, performance, seats[(2 * i + k) % seats.count], adult, price,
                                                   TicketCode.random(using: &rng).value])
                }
                let method = rng.next() % 100 < 60 ? "cash" : "card"
                try payment.execute(arguments: [orderID, method, 2 * price, "payment", clerk, at, performance])
                net += 2 * price
                if i % 20 == 0 {
                    try payment.execute(arguments: [orderID, method, -price, "refund", clerk, at + 1, performance])
                    net -= price
                }
            }
        }
        return net
    }
}

/// `boxoffice-bench shift-report`: only the shift report's figure, for a quick look (`make bench` runs it with the rest).
struct ShiftReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "shift-report", abstract: "Time the shift report over a busy day only.")

    @Option(help: "Bookings in the day.") var bookings = 100_000
    @Option(help: "Timed reports.") var iterations = 10

    func run() throws {
        let base = FileManager.default.currentDirectoryPath + "/bench"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        var template = Array((base + "/report.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw BenchError("cannot create a folder under \(base)") }
        let work = String(cString: made)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let fx = try Fixture(folder: work)
        let began = monotonicNs()
        let r = try ReportBench.run(fx, bookings: bookings, iterations: iterations)
        print(String(format: "shift report over %d bookings: all clerks p50 %.1f ms (max %.1f), one clerk p50 %.1f ms; totals %@ the ledger (%.0f s with the set-up)",
                     r.bookings, r.all.ms(50), r.all.ms(100), r.oneClerk.ms(50), r.checked ? "match" : "DO NOT match",
                     Double(monotonicNs() - began) / 1e9))
        if !r.checked { throw ExitCode.failure }
    }
}
