import Foundation
import GRDB

/// The check after the race, from the SQLite file itself against what the clerks' logs say they were told.
struct Verifier {
    let folder: String
    let databasePath: String
    let redisEvents: [(killStart: Int64, readyAt: Int64)]
    /// Milliseconds of slack for rounding when comparing a booking's time with a hold's window.
    static let marginMs: Int64 = 2

    struct Attempt { var clerk: String; var performance: Int64; var labels: [String]; var refused: String? }
    struct Ack { var clerk: String; var key: String; var performance: Int64; var labels: [String] }
    struct HoldWindow { var clerk: String; var start: Int64; var end: Int64 }
    struct Order { var reference: String; var performance: Int64; var clerk: String; var key: String?
                   var createdAt: Int64; var cancelled: Bool; var seats: [(label: String, active: Bool)] }

    func check() throws -> Report {
        var report = Report()
        var attempts: [String: Attempt] = [:]        // by idempotency key
        var acks: [String: Ack] = [:]                // by booking reference
        var cancelTried = Set<String>(), cancelAcked = Set<String>()
        var toldPaid = Set<String>()                 // bookings a clerk was told are paid in full
        var windows: [String: [HoldWindow]] = [:]    // by "performance/label"
        var discardedHolds = 0

        let names = try FileManager.default.contentsOfDirectory(atPath: folder + "/logs").filter { $0.hasSuffix(".log") }
        for name in names {
            let clerk = String(name.dropLast(4))
            var bookKeyBySeq: [String: String] = [:]
            var open: [String: (start: Int64, t0: Int64, end: Int64)] = [:]  // holds of this clerk not yet touched again
            func close(_ key: String, at t: Int64) {
                guard let w = open.removeValue(forKey: key) else { return }
                let end = min(w.end, t)
                // A hold is certainly live from its answer until it expired, was touched again by its clerk, or Redis went.
                if redisEvents.contains(where: { $0.killStart <= w.start && $0.readyAt >= w.t0 }) { discardedHolds += 1; return }
                let cut = redisEvents.filter { $0.killStart > w.start }.map(\.killStart).min() ?? end
                windows[key, default: []].append(HoldWindow(clerk: clerk, start: w.start, end: min(end, cut)))
            }
            for f in EventLog.read("\(folder)/logs/\(name)") {
                switch f.first {
                case LogKind.attempt where f.count >= 7:
                    report.attempts += 1
                    report.attemptsByOperation[f[3], default: 0] += 1
                    let t = Int64(f[1]) ?? 0, perf = Int64(f[4]) ?? 0
                    if f[3] == "cancel" { cancelTried.insert(f[5]); continue }
                    for label in f[5].split(separator: ",") { close("\(perf)/\(label)", at: t) }
                    if f[3] == "book" {
                        attempts[f[6]] = Attempt(clerk: clerk, performance: perf, labels: f[5].split(separator: ",").map(String.init).sorted())
                        bookKeyBySeq[f[2]] = f[6]
                    }
                case LogKind.hold where f.count >= 6:
                    let t0 = Int64(f[1]) ?? 0, t1 = Int64(f[2]) ?? 0, ttl = Int64(f[3]) ?? 0
                    for label in f[5].split(separator: ",") {
                        let key = "\(f[4])/\(label)"
                        close(key, at: t1)
                        open[key] = (t1, t0, t0 + ttl)
                    }
                    report.holds += 1
                case LogKind.booked where f.count >= 8:
                    acks[f[4]] = Ack(clerk: clerk, key: f[3], performance: Int64(f[5]) ?? 0,
                                     labels: f[6].split(separator: ",").map(String.init).sorted())
                    if f[7] != "0" { report.bookedWithoutHolds += 1 }
                    if f.count >= 9, f[8] == "1" { toldPaid.insert(f[4]) }
                case LogKind.paid where f.count >= 3:
                    toldPaid.insert(f[2])
                case LogKind.cancelled where f.count >= 3:
                    cancelAcked.insert(f[2])
                case LogKind.error where f.count >= 6:
                    report.refusals[f[4], default: 0] += 1
                    if f[4] == "unexpected" || f[4] == "database" {
                        report.violations.append("\(clerk) attempt \(f[2]) (\(f[3])) failed unexpectedly: \(f[5])")
                    }
                    if f[3] == "book", let key = bookKeyBySeq[f[2]] { attempts[key]?.refused = f[4] }
                default:
                    break
                }
            }
            for key in Array(open.keys) { close(key, at: Int64.max) }
        }
        report.discardedHolds = discardedHolds
        report.acknowledged = acks.count
        report.cancelsAcknowledged = cancelAcked.count

        let db = try DatabaseQueue(path: databasePath, configuration: { var c = Configuration(); c.readonly = true; return c }())
        try db.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] { report.violations.append("integrity_check: \(integrity.prefix(5).joined(separator: "; "))") }
            for row in try Row.fetchAll(db, sql: """
                SELECT b.performance_id, s.label, COUNT(*) AS n FROM booked_seat b JOIN seat s ON s.id = b.seat_id
                WHERE b.active = 1 GROUP BY b.performance_id, b.seat_id HAVING n > 1
                """) {
                report.violations.append("seat \(row["label"] as String) of performance \(row["performance_id"] as Int64) has \(row["n"] as Int) active bookings")
            }
            var orders: [String: Order] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, reference, performance_id, clerk, idempotency_key, created_at, cancelled_at FROM orders") {
                orders[row["reference"]] = Order(reference: row["reference"], performance: row["performance_id"], clerk: row["clerk"],
                                                 key: row["idempotency_key"], createdAt: row["created_at"],
                                                 cancelled: (row["cancelled_at"] as Int64?) != nil, seats: [])
            }
            // The seats a booking was made with: its tickets other than those an exchange created (an exchange leaves
            // the old ticket 'exchanged' and adds the new one after it).
            let changed = Set(try String.fetchAll(db, sql: "SELECT DISTINCT reference FROM audit WHERE action = 'exchange'"))
            let expired = Set(try String.fetchAll(db, sql: "SELECT DISTINCT reference FROM audit WHERE action = 'expire'"))
            var madeWith: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT reference, seats, performance_id FROM audit WHERE action = 'book' AND reference IS NOT NULL") {
                madeWith[row["reference"]] = (row["seats"] as String?)?.split(separator: " ").count ?? 0
                // The performance it was booked for: an exchange that moves every ticket elsewhere moves the booking's
                // main performance (orders.performance_id) too, but the attempt and the acknowledgement named this one.
                if let booked = row["performance_id"] as Int64? { orders[row["reference"]]?.performance = booked }
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT o.reference, s.label, b.active FROM booked_seat b JOIN orders o ON o.id = b.order_id JOIN seat s ON s.id = b.seat_id
                ORDER BY b.id
                """) {
                let reference: String = row["reference"]
                guard (orders[reference]?.seats.count ?? 0) < (madeWith[reference] ?? Int.max) else { continue }
                orders[reference]?.seats.append((row["label"], row["active"] as Int == 1))
            }
            report.exchanged = changed.count
            report.movedElsewhere = try Int.fetchOne(db, sql: """
                SELECT COUNT(DISTINCT reference) FROM audit WHERE action = 'exchange' AND detail LIKE '% to performance %'
                """) ?? 0
            // Tickets not exchanged away of two performances: some moved, others stayed (and may since be cancelled).
            report.partlyMoved = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM (SELECT order_id FROM booked_seat WHERE status <> 'exchanged' GROUP BY order_id
                                      HAVING COUNT(DISTINCT performance_id) > 1)
                """) ?? 0
            report.mixed = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM (SELECT order_id FROM booked_seat WHERE active = 1 GROUP BY order_id HAVING COUNT(DISTINCT performance_id) > 1)
                """) ?? 0
            report.expired = expired.count
            try checkMoney(db, toldPaid: toldPaid, report: &report)
            report.ordersInDatabase = orders.count
            report.activeInDatabase = orders.values.filter { !$0.cancelled }.count
            let audited = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit WHERE action = 'book'") ?? 0
            if audited != orders.count { report.violations.append("\(orders.count) bookings but \(audited) 'book' lines in the audit log") }

            // Every acknowledged booking exists whole, active unless a cancellation of it was attempted.
            for (reference, ack) in acks {
                guard let order = orders[reference] else { report.violations.append("acknowledged booking \(reference) of \(ack.clerk) is missing"); continue }
                let labels = order.seats.map(\.label).sorted()
                if labels != ack.labels || order.performance != ack.performance || order.key != ack.key || order.clerk != ack.clerk {
                    report.violations.append("booking \(reference) is not what \(ack.clerk) was told: seats \(labels) of \(order.performance), told \(ack.labels) of \(ack.performance)")
                }
                if order.cancelled && !cancelTried.contains(reference) && !expired.contains(reference) {
                    report.violations.append("booking \(reference) is cancelled, but nobody tried to cancel it")
                }
                if cancelAcked.contains(reference) && !order.cancelled {
                    report.violations.append("booking \(reference) was acknowledged cancelled but is still active")
                }
            }
            for order in orders.values {
                // Whole: no seat active once the booking is cancelled; while it is live, its seats are active unless a
                // cancellation of some of them or an exchange was made.
                let partly = cancelTried.contains(order.reference) || changed.contains(order.reference)
                if order.seats.isEmpty || (order.cancelled && order.seats.contains(where: \.active))
                    || (!order.cancelled && !partly && order.seats.contains(where: { !$0.active })) {
                    report.violations.append("booking \(order.reference) is not whole: \(order.seats.map { "\($0.label)=\($0.active)" }), cancelled \(order.cancelled)")
                }
                // Attempted: a worker logged the attempt with this key, these seats and this clerk, before it was made.
                guard let key = order.key, let attempt = attempts[key], attempt.clerk == order.clerk,
                      attempt.performance == order.performance, attempt.labels == order.seats.map(\.label).sorted() else {
                    report.violations.append("booking \(order.reference) (\(order.clerk), key \(order.key ?? "none")) matches no attempt")
                    continue
                }
                if let refusal = attempt.refused {
                    report.violations.append("booking \(order.reference) exists, but \(order.clerk) was told it failed (\(refusal))")
                }
                if acks[order.reference] == nil { report.unacknowledged += 1 }
                // Never over another clerk's live hold (the seats it was made with, at the time it was made).
                for seat in order.seats where !changed.contains(order.reference) {
                    for w in windows["\(order.performance)/\(seat.label)"] ?? [] where w.clerk != order.clerk {
                        if order.createdAt > w.start + Self.marginMs && order.createdAt < w.end - Self.marginMs {
                            report.violations.append("booking \(order.reference) by \(order.clerk) at \(order.createdAt) took \(seat.label) of performance \(order.performance) while \(w.clerk) held it (\(w.start)–\(w.end))")
                        }
                    }
                }
            }
        }
        report.holdWindows = windows.values.reduce(0) { $0 + $1.count }
        return report
    }

    /// To the minor unit, from the ledger and the tickets: a booking a clerk was told is paid in full has paid − refunded
    /// − retained (money kept by a cancellation with `--refund none`, a ledger row of its own) equal to the price of its
    /// active tickets (a cancelled one: nothing); every other has paid − refunded − retained no more than it. The stored total agrees with its tickets, and a refund never leaves a method below nothing.
    func checkMoney(_ db: Database, toldPaid: Set<String>, report: inout Report) throws {
        for row in try Row.fetchAll(db, sql: """
            SELECT o.id, o.reference, o.total_cents,
                   (SELECT COALESCE(SUM(price_cents), 0) FROM booked_seat b WHERE b.order_id = o.id AND b.active = 1) AS active_cents,
                   (SELECT COALESCE(SUM(amount_cents), 0) FROM payment p WHERE p.order_id = o.id) AS net_cents,
                   (SELECT COALESCE(SUM(amount_cents), 0) FROM payment p WHERE p.order_id = o.id AND kind = 'payment') AS paid_cents,
                   (SELECT COALESCE(-SUM(amount_cents), 0) FROM payment p WHERE p.order_id = o.id AND kind = 'refund') AS refunded_cents,
                   (SELECT COALESCE(-SUM(amount_cents), 0) FROM payment p WHERE p.order_id = o.id AND kind = 'retained') AS retained_cents,
                   (SELECT MIN(n) FROM (SELECT SUM(amount_cents) AS n FROM payment p WHERE p.order_id = o.id GROUP BY method)) AS lowest_method
            FROM orders o
            """) {
            let reference: String = row["reference"]
            let active: Int = row["active_cents"], net: Int = row["net_cents"], stored: Int = row["total_cents"]
            report.moneyChecked += 1
            report.paidCents += row["paid_cents"] as Int
            report.refundedCents += row["refunded_cents"] as Int
            report.retainedCents += row["retained_cents"] as Int
            if stored != active {
                report.violations.append("booking \(reference) stores a total of \(stored) but its active tickets cost \(active)")
            }
            if let lowest = row["lowest_method"] as Int?, lowest < 0 {
                report.violations.append("booking \(reference) refunded \(-lowest) more to one method than it paid by it")
            }
            if toldPaid.contains(reference) {
                report.fullyPaid += 1
                if net != active { report.violations.append("booking \(reference) was paid in full: paid − refunded is \(net), its active tickets cost \(active)") }
                try checkMoneyPerPerformance(db, orderID: row["id"], reference: reference, report: &report)
            } else if net > active {
                report.violations.append("booking \(reference) holds \(net) paid − refunded, more than its active tickets' \(active)")
            }
        }
    }

    /// A booking paid in full has, for each performance its tickets are (or were) for, exactly that performance's
    /// active tickets' price: its ledger rows for it plus the money exchanges moved to it, less what they moved away.
    /// This is what the reports add up per performance; a mixed booking must not put its money on one.
    func checkMoneyPerPerformance(_ db: Database, orderID: Int64, reference: String, report: inout Report) throws {
        for row in try Row.fetchAll(db, sql: """
            WITH o AS (SELECT ?1 AS id),
                 perf AS (SELECT performance_id AS p FROM booked_seat WHERE order_id = (SELECT id FROM o)
                          UNION SELECT performance_id FROM payment WHERE order_id = (SELECT id FROM o))
            SELECT p,
                   (SELECT COALESCE(SUM(price_cents), 0) FROM booked_seat WHERE order_id = (SELECT id FROM o) AND performance_id = p AND active = 1) AS active,
                   (SELECT COALESCE(SUM(amount_cents), 0) FROM payment WHERE order_id = (SELECT id FROM o) AND performance_id = p)
                   + (SELECT COALESCE(SUM(amount_cents), 0) FROM money_moved WHERE order_id = (SELECT id FROM o) AND to_performance_id = p)
                   - (SELECT COALESCE(SUM(amount_cents), 0) FROM money_moved WHERE order_id = (SELECT id FROM o) AND from_performance_id = p) AS held
            FROM perf
            """, arguments: [orderID]) {
            let (p, active, held): (Int64, Int, Int) = (row["p"], row["active"], row["held"])
            if active != held {
                report.violations.append("booking \(reference) was paid in full, but performance \(p) holds \(held) of its money for active tickets costing \(active)")
            }
        }
    }
}
