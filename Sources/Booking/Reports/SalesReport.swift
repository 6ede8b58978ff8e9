import Foundation

/// Sales over a period, per performance and per day: bookings and tickets sold, money taken, refunded and net.
/// Built from plain facts, each stamped with the local day it happened and the performance it was for.
public struct SalesFacts: Sendable, Equatable {
    public struct Performance: Sendable, Equatable {
        public var id: Int64
        public var title: String
        public var startsAt: Date?
        public init(id: Int64, title: String, startsAt: Date?) {
            self.id = id
            self.title = title
            self.startsAt = startsAt
        }
    }

    /// A booking made on `day` (YYYY-MM-DD, local), with its ticket count for one performance. A mixed booking (tickets
    /// of several performances) is one fact per performance: each counts it among its bookings, and only the `primary`
    /// one (its main performance's) counts it in the day's and the period's totals, so it is one booking there.
    public struct Booking: Sendable, Equatable {
        public var day: String, performanceID: Int64, tickets: Int, primary: Bool
        public init(day: String, performanceID: Int64, tickets: Int, primary: Bool = true) {
            self.day = day
            self.performanceID = performanceID
            self.tickets = tickets
            self.primary = primary
        }
    }

    /// A ledger row on `day`: payments positive, refunds negative.
    public struct Money: Sendable, Equatable {
        public var day: String, performanceID: Int64, amountCents: Int
        public init(day: String, performanceID: Int64, amountCents: Int) {
            self.day = day
            self.performanceID = performanceID
            self.amountCents = amountCents
        }
    }

    public var performances: [Performance]
    public var bookings: [Booking]
    public var ledger: [Money]
    /// Money exchanges moved between performances on `day`: each a pair, out of one (negative) and into another.
    public var moved: [Money]

    public init(performances: [Performance], bookings: [Booking], ledger: [Money], moved: [Money] = []) {
        self.performances = performances
        self.bookings = bookings
        self.ledger = ledger
        self.moved = moved
    }
}

public struct SalesLine: Sendable, Equatable, Encodable {
    public var bookings = 0
    public var tickets = 0
    public var grossCents = 0
    public var refundsCents = 0
    /// Money exchanges moved to this performance from others with their tickets (negative: away); 0 in the day's and the
    /// period's totals, where it is the same money.
    public var movedCents = 0
    public var netCents: Int { grossCents - refundsCents + movedCents }

    public init(bookings: Int = 0, tickets: Int = 0, grossCents: Int = 0, refundsCents: Int = 0, movedCents: Int = 0) {
        self.bookings = bookings
        self.tickets = tickets
        self.grossCents = grossCents
        self.refundsCents = refundsCents
        self.movedCents = movedCents
    }

    enum CodingKeys: String, CodingKey {
        case bookings, tickets, grossCents = "gross_cents", refundsCents = "refunds_cents", netCents = "net_cents", movedCents = "moved_cents"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(bookings, forKey: .bookings)
        try c.encode(tickets, forKey: .tickets)
        try c.encode(grossCents, forKey: .grossCents)
        try c.encode(refundsCents, forKey: .refundsCents)
        try c.encode(netCents, forKey: .netCents)
        try c.encode(movedCents, forKey: .movedCents)
    }

    mutating func add(_ b: SalesFacts.Booking, asBooking: Bool = true) { bookings += asBooking ? 1 : 0; tickets += b.tickets }
    mutating func add(_ m: SalesFacts.Money) { if m.amountCents >= 0 { grossCents += m.amountCents } else { refundsCents -= m.amountCents } }
}

public struct SalesReport: Sendable, Equatable, Encodable {
    public struct PerformanceRow: Sendable, Equatable, Encodable {
        public var performanceId: Int64, title: String, startsAt: Date?, sales: SalesLine
        enum CodingKeys: String, CodingKey { case performanceId = "performance_id", title, startsAt = "starts_at", sales }
    }
    public struct DayRow: Sendable, Equatable, Encodable {
        public var day: String, sales: SalesLine
    }

    public var from: String
    public var to: String
    public var performances: [PerformanceRow]
    public var days: [DayRow]
    public var totals: SalesLine

    public static func build(_ facts: SalesFacts, from: String, to: String) -> SalesReport {
        var byPerformance: [Int64: SalesLine] = [:], byDay: [String: SalesLine] = [:], totals = SalesLine()
        for b in facts.bookings {
            byPerformance[b.performanceID, default: SalesLine()].add(b)
            byDay[b.day, default: SalesLine()].add(b, asBooking: b.primary)
            totals.add(b, asBooking: b.primary)
        }
        for m in facts.moved { byPerformance[m.performanceID, default: SalesLine()].movedCents += m.amountCents }
        for m in facts.ledger { byPerformance[m.performanceID, default: SalesLine()].add(m); byDay[m.day, default: SalesLine()].add(m); totals.add(m) }
        let known = Dictionary(facts.performances.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let performances = byPerformance.keys.sorted { a, b in
            let (x, y) = (known[a]?.startsAt ?? .distantFuture, known[b]?.startsAt ?? .distantFuture)
            return x != y ? x < y : a < b
        }.map { id in
            PerformanceRow(performanceId: id, title: known[id]?.title ?? "performance \(id)", startsAt: known[id]?.startsAt,
                           sales: byPerformance[id]!)
        }
        return SalesReport(from: from, to: to, performances: performances,
                           days: byDay.keys.sorted().map { DayRow(day: $0, sales: byDay[$0]!) }, totals: totals)
    }

    public func table(money: (Int) -> String) -> String {
        // The moved column appears only when an exchange moved money between performances in the period.
        let showMoved = performances.contains { $0.sales.movedCents != 0 }
        func columns(_ t: inout TextTable, _ lead: [String], _ s: SalesLine) {
            t.add(lead + ["\(s.bookings)", "\(s.tickets)", money(s.grossCents), money(s.refundsCents)]
                  + (showMoved ? [money(s.movedCents)] : []) + [money(s.netCents)])
        }
        let figures = ["Bookings", "Tickets", "Gross", "Refunds"] + (showMoved ? ["Moved"] : []) + ["Net"]
        var p = TextTable(rightAligned: Set([0] + Array(3...(7 + (showMoved ? 1 : 0)))))
        p.headers = ["Performance", "Title", "Starts"] + figures
        for r in performances { columns(&p, ["\(r.performanceId)", r.title, Format.startTime(r.startsAt)], r.sales) }
        columns(&p, ["", "Total", ""], totals)
        var d = TextTable(rightAligned: Set(1...(5 + (showMoved ? 1 : 0))))
        d.headers = ["Day"] + figures
        for r in days { columns(&d, [r.day], r.sales) }
        columns(&d, ["Total"], totals)
        return "Sales from \(from) to \(to)\n\nPer performance\n\(p.text)\n\nPer day\n\(d.text)\n"
    }

    /// One record per performance and one per day (the `per` column says which), then the totals.
    public func csv() -> String {
        let header = ["per", "day", "performance_id", "title", "starts_at", "bookings", "tickets", "gross_cents", "refunds_cents", "net_cents", "moved_cents"]
        func figures(_ s: SalesLine) -> [String] { ["\(s.bookings)", "\(s.tickets)", "\(s.grossCents)", "\(s.refundsCents)", "\(s.netCents)", "\(s.movedCents)"] }
        var rows = performances.map { ["performance", "", "\($0.performanceId)", $0.title, $0.startsAt.map(ReportTime.iso) ?? ""] + figures($0.sales) }
        rows += days.map { ["day", $0.day, "", "", ""] + figures($0.sales) }
        rows.append(["total", "", "", "", ""] + figures(totals))
        return CSV.document(header: header, rows: rows)
    }
}
