import Foundation

/// One performance at a glance for the venue manager: the house (capacity, sold, held back, blocked, free), tickets
/// by price band and type, money gross and net of refunds, complimentary tickets, unpaid bookings, and the door.
public struct PerformanceReport: Sendable, Equatable, Encodable {
    public var performanceId: Int64
    public var title: String
    public var theater: String
    public var startsAt: Date?
    public var capacity: Int
    public var sold: Int
    public var heldBack: Int
    public var blocked: Int
    public var free: Int
    /// Price band → ticket type → active tickets.
    public var tickets: [String: [String: Int]]
    public var grossCents: Int
    public var refundsCents: Int
    public var netCents: Int
    public var complimentary: Int
    public var unpaidBookings: Int
    public var admitted: Int
    /// Kept by the box office when a cancellation or exchange refunded nothing (`--refund none`): part of the gross,
    /// never handed back, and not a refund.
    public var retainedCents: Int
    /// Money exchanges moved to this performance from others (negative: away from it), with the tickets they moved:
    /// a booking's ledger is one, but its tickets may be of several performances, and each counts its own. In net.
    public var movedCents: Int

    enum CodingKeys: String, CodingKey {
        case performanceId = "performance_id", title, theater, startsAt = "starts_at", capacity, sold
        case heldBack = "held_back", blocked, free, tickets, grossCents = "gross_cents", refundsCents = "refunds_cents"
        case netCents = "net_cents", complimentary, unpaidBookings = "unpaid_bookings", admitted
        case retainedCents = "retained_cents", movedCents = "moved_cents"
    }

    public init(performanceId: Int64, title: String, theater: String, startsAt: Date?, capacity: Int, sold: Int,
                heldBack: Int, blocked: Int, tickets: [String: [String: Int]], grossCents: Int, refundsCents: Int,
                complimentary: Int, unpaidBookings: Int, admitted: Int, retainedCents: Int = 0, movedCents: Int = 0) {
        self.retainedCents = retainedCents
        self.movedCents = movedCents
        self.performanceId = performanceId
        self.title = title
        self.theater = theater
        self.startsAt = startsAt
        self.capacity = capacity
        self.sold = sold
        self.heldBack = heldBack
        self.blocked = blocked
        free = capacity - sold - heldBack - blocked
        self.tickets = tickets
        self.grossCents = grossCents
        self.refundsCents = refundsCents
        netCents = grossCents - refundsCents + movedCents
        self.complimentary = complimentary
        self.unpaidBookings = unpaidBookings
        self.admitted = admitted
    }

    public func table(money: (Int) -> String) -> String {
        let types = Set(tickets.values.flatMap(\.keys)).sorted()
        var t = TextTable(rightAligned: Set(1...(types.count + 1)))
        t.headers = ["Band"] + types + ["Total"]
        for band in tickets.keys.sorted() {
            let row = tickets[band]!
            t.add([band] + types.map { "\(row[$0, default: 0])" } + ["\(row.values.reduce(0, +))"])
        }
        let lines = [
            "\(SafeText.display(title, limit: 60)) · \(SafeText.display(theater, limit: 40)) · \(Format.startTime(startsAt)) (performance \(performanceId))",
            "  Capacity \(capacity) · sold \(sold) · held back \(heldBack) · blocked \(blocked) · free \(free)",
            "  Admitted \(admitted) of \(sold) · still to come \(max(0, sold - admitted))",
            "  Gross \(money(grossCents)) · refunds \(money(refundsCents)) · net \(money(netCents))"
                + (retainedCents > 0 ? " (of which \(money(retainedCents)) retained: cancelled without refund)" : "")
                + (movedCents != 0 ? " · moved by exchanges \(movedCents > 0 ? "from" : "to") other performances \(money(abs(movedCents))) (in net)" : ""),
            "  Complimentary tickets \(complimentary) · unpaid bookings \(unpaidBookings)",
            "",
        ]
        return lines.joined(separator: "\n") + "\n" + (tickets.isEmpty ? "No tickets sold.\n" : t.text + "\n")
    }

    /// One record: the figures, then a column per band × type.
    public func csv() -> String {
        let pairs = tickets.keys.sorted().flatMap { band in tickets[band]!.keys.sorted().map { (band, $0) } }
        let header = ["performance_id", "title", "theater", "starts_at", "capacity", "sold", "held_back", "blocked", "free",
                      "gross_cents", "refunds_cents", "net_cents", "complimentary", "unpaid_bookings", "admitted", "retained_cents", "moved_cents"]
            + pairs.map { "tickets_\($0.0)_\($0.1)" }
        let row = ["\(performanceId)", title, theater, startsAt.map(ReportTime.iso) ?? "", "\(capacity)", "\(sold)",
                   "\(heldBack)", "\(blocked)", "\(free)", "\(grossCents)", "\(refundsCents)", "\(netCents)",
                   "\(complimentary)", "\(unpaidBookings)", "\(admitted)", "\(retainedCents)", "\(movedCents)"] + pairs.map { "\(tickets[$0.0]![$0.1]!)" }
        return CSV.document(header: header, rows: [row])
    }
}

/// Times in CSV and JSON: ISO 8601 with the offset, as the CLI's JSON writes dates.
enum ReportTime {
    static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}
