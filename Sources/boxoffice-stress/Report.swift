import Foundation

struct Report {
    var attempts = 0
    var attemptsByOperation: [String: Int] = [:]
    var holds = 0
    var holdWindows = 0
    var discardedHolds = 0
    var acknowledged = 0
    var cancelsAcknowledged = 0
    var bookedWithoutHolds = 0
    var unacknowledged = 0
    var ordersInDatabase = 0
    var activeInDatabase = 0
    var refusals: [String: Int] = [:]
    var violations: [String] = []
    var moneyChecked = 0
    var fullyPaid = 0
    var paidCents = 0
    var refundedCents = 0
    var retainedCents = 0
    var exchanged = 0
    /// Bookings holding tickets of more than one performance at the end (a partial exchange to another performance).
    var mixed = 0
    /// Bookings whose tickets an exchange moved to another performance (at any time of the run).
    var movedElsewhere = 0
    /// Of those, bookings left holding tickets of several performances (some tickets moved, others stayed).
    var partlyMoved = 0
    var expired = 0

    func text(faults: [Fault: Int], elapsed: Duration, crashes: [String], killedMidBooking: Int) -> String {
        var lines: [String] = []
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        lines.append("attempts: \(attempts) in \(String(format: "%.1f", seconds)) s (" +
                     ["hold", "book", "release", "cancel", "exchange", "pay"].map { "\($0) \(attemptsByOperation[$0, default: 0])" }.joined(separator: ", ") + ")")
        lines.append("holds acquired: \(holds) (windows checked \(holdWindows), \(discardedHolds) spanning a Redis restart left out)")
        lines.append("bookings: \(acknowledged) acknowledged, \(ordersInDatabase) in the database (\(activeInDatabase) active), " +
                     "\(unacknowledged) committed but never acknowledged (clerk killed), \(bookedWithoutHolds) booked while holds were offline")
        lines.append("cancellations acknowledged: \(cancelsAcknowledged); bookings exchanged: \(exchanged) (\(movedElsewhere) to another performance, \(partlyMoved) of them in part, \(mixed) still of several at the end); unpaid reservations lapsed: \(expired)")
        lines.append("money: \(moneyChecked) bookings checked to the penny (\(fullyPaid) told paid in full), \(paidCents) paid, \(refundedCents) refunded, \(retainedCents) retained without refund (minor units)")
        let conflicts = ["booked", "held", "lapsed", "notholder"].map { refusals[$0, default: 0] }.reduce(0, +)
        lines.append("conflicts: \(conflicts) (" + ["booked", "held", "lapsed", "notholder"].map { "\($0) \(refusals[$0, default: 0])" }.joined(separator: ", ") + ")")
        lines.append("service errors: Redis unavailable \(refusals["redis", default: 0]), database busy \(refusals["busy", default: 0]), " +
                     "other \(refusals["unexpected", default: 0] + refusals["database", default: 0])")
        lines.append("faults injected: \(faults.values.reduce(0, +))")
        for kind in Fault.allCases {
            let note = kind == .killed ? " (\(killedMidBooking) of them inside a booking)" : ""
            lines.append("  \(faults[kind, default: 0])\t\(kind.rawValue)\(note)")
        }
        for crash in crashes { lines.append("CRASH: \(crash)") }
        lines.append("violations: \(violations.count)")
        for v in violations.prefix(30) { lines.append("  VIOLATION: \(v)") }
        if violations.count > 30 { lines.append("  … and \(violations.count - 30) more") }
        return lines.joined(separator: "\n")
    }
}
