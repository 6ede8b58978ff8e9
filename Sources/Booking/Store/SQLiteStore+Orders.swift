import Foundation
import GRDB

/// A booking request as the store sees it: seats already resolved and checked against holds.
public struct BookingRequest: Sendable {
    public var performanceID: Int64
    public var seats: [Seat]
    public var customerName: String?
    public var customerContact: String?
    public var idempotencyKey: String?
    /// Each seat's ticket type and price, in the order of `seats` (empty: Adult at the band's price).
    public var tickets: [(type: TicketType, priceCents: Int)]
    /// Payments that add up to the total, written with the booking; none for an unpaid booking.
    public var payments: [PlannedPayment]
    /// An unpaid reservation's deadline.
    public var collectBy: Date?
    /// The code of held-back seats among these (`book --holdback-code`): without it they are refused.
    public var holdbackCode: String?

    public init(performanceID: Int64, seats: [Seat], customerName: String? = nil, customerContact: String? = nil,
                idempotencyKey: String? = nil, tickets: [(type: TicketType, priceCents: Int)] = [],
                payments: [PlannedPayment] = [], collectBy: Date? = nil, holdbackCode: String? = nil) {
        self.performanceID = performanceID
        self.seats = seats
        self.customerName = customerName
        self.customerContact = customerContact
        self.idempotencyKey = idempotencyKey
        self.tickets = tickets
        self.payments = payments
        self.collectBy = collectBy
        self.holdbackCode = holdbackCode
    }
}

// Statements on the booking, hold and map paths are cached (prepared once per connection): preparing them each time,
// with GRDB's authorizer, was 40 % of a booking's CPU and half of each small read's (measured by `make bench`).
extension SQLiteStore {
    /// Books the seats in one immediate transaction, or nothing. `beforeCommit` runs last inside the transaction
    /// (the booking's hold lease is checked there). Returns the order and whether it was a replay of the same key.
    /// `beforeWrite` runs inside the transaction once the seats are known to be free, before the booking's time is stamped.
    public func book(_ request: BookingRequest, actor: Clerk, beforeWrite: () throws -> Void = {},
                     beforeCommit: () throws -> Void = {}) throws -> (order: Order, replay: Bool) {
        // A box office with group commit books through `bookInBatch` instead, never here.
        try write { db in try Self.book(db, request, actor: actor, beforeWrite: beforeWrite, beforeCommit: beforeCommit).result }
    }

    /// What a booking in a group-commit batch came to; `offline`: why holds could not be asked (Redis unreachable).
    struct BatchBooked {
        var order: Order
        var replay: Bool
        var offline: String?
    }

    /// A booking done whole in a group-commit batch, on its writer thread: `prepare` reads what the booking needs inside
    /// the batch's transaction and returns it with the seats to lease (nil: a replay, which touches no holds); the batch
    /// leases every booking's seats in one go, writes each booking in its savepoint, commits, clears the leases and
    /// announces the bookings, and then calls `done` on the group commit's settling queue (which must only hand the
    /// result over: every batch after this one is told from the same queue).
    func bookInBatch(actor: Clerk, prepare: @escaping (InBatch) throws -> (request: BookingRequest, lease: LeaseRequest?),
                     done: @escaping (Result<BatchBooked, Error>) -> Void) {
        guard let groupCommit else {
            return done(.failure(BookingError.databaseUnavailable("booking in a batch needs group commit")))
        }
        var prepared: BookingRequest?
        let job = GroupCommit.Job(prepare: { db, memo in
            let (request, lease) = try prepare(InBatch(db: db, memo: memo))
            // Outside every booking's savepoint, so that one booking rolling back cannot undo it for the others.
            try memo.value(.unpaidExpired(request.performanceID)) {
                _ = try Self.expireUnpaid(db, actor: actor, performanceID: request.performanceID)
            }
            prepared = request
            return lease
        }, body: { db, job, memo in
            let request = prepared!
            if case .refused(let label, let owner, let msLeft)? = job.leaseOutcome {
                // Booked by now (by an earlier batch, or by a booking before this one in the batch, whose savepoint this
                // transaction sees) names the booking; else the holder the lease script found, who holds it now.
                if let seat = request.seats.first(where: { $0.label == label }),
                   let refusal = try Self.unsellable(db, performanceID: request.performanceID, seats: [seat]),
                   case .alreadyBooked = refusal {
                    throw refusal
                }
                throw BookingError.heldByOther(label: label, clerk: owner, expiresInMs: msLeft)
            }
            let booked = try Self.book(db, request, actor: actor, memo: memo)
            if booked.wrote { job.bookedReference = booked.result.order.reference }
            return booked.result
        }, finished: { [path] job in
            done(Result {
                do {
                    let result = try job.result!.get() as! (order: Order, replay: Bool)
                    if case .offline(let why)? = job.leaseOutcome { return BatchBooked(order: result.order, replay: result.replay, offline: why) }
                    return BatchBooked(order: result.order, replay: result.replay, offline: nil)
                } catch {
                    throw Self.translate(error, path: path)
                }
            })
        })
        groupCommit.submit(job)
    }

    /// The booking's statements, inside a transaction or savepoint the caller opened. `wrote`: not a replay.
    /// `memo`: in a group commit's batch, what its bookings read alike (the currency, the Adult type) is read once, and
    /// the batch has given back the performance's unpaid reservations past their deadline already.
    private static func book(_ db: Database, _ request: BookingRequest, actor: Clerk, memo: BatchMemo? = nil,
                             beforeWrite: () throws -> Void = {},
                             beforeCommit: () throws -> Void = {}) throws -> (result: (order: Order, replay: Bool), wrote: Bool) {
        let shared = memo ?? BatchMemo()
        // The order is built from what this transaction wrote (or, for a replay, read inside it): reading it back after
        // the commit was one more pool read and two queries per booking.
        do {
            if let key = request.idempotencyKey,
               let existing = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM orders WHERE idempotency_key = ?"),
                                               arguments: [key]) {
                let order = try Self.order(db, existing)
                // A replay is the same request again: the same seats with the same types. Anything else under that key is
                // another sale, refused (a client's bug, never a second booking). The customer's name is not compared:
                // a retry may leave out what the first try said, and the booking it names is the same.
                let sameTypes = request.tickets.isEmpty
                    || Dictionary(zip(request.seats.map(\.id), request.tickets.map(\.type.name)), uniquingKeysWith: { a, _ in a })
                        == Dictionary(order.tickets.filter { $0.status == .active }.map { ($0.seatID, $0.typeName) }, uniquingKeysWith: { a, _ in a })
                guard order.performanceID == request.performanceID, Set(order.seats.map(\.seatID)) == Set(request.seats.map(\.id)), sameTypes else {
                    throw BookingError.idempotencyKeyReused(key: key, reference: order.reference)
                }
                return ((order, true), false)
            }
            // An unpaid reservation past its deadline gives its seats back before anyone looks at them (in a batch,
            // once per performance before its bookings: `bookInBatch`).
            if memo == nil { try Self.expireUnpaid(db, actor: actor, performanceID: request.performanceID) }
            if let refusal = try Self.unsellable(db, performanceID: request.performanceID, seats: request.seats,
                                                 holdbackCode: request.holdbackCode) {
                throw refusal
            }
            try beforeWrite()
            let now = Date().millis
            let adult = request.tickets.isEmpty ? try shared.value(.adultType) { try Self.adultTypeID(db) } : 0
            let priced = request.seats.indices.map { i -> (id: Int64, priceCents: Int, typeID: Int64) in
                request.tickets.isEmpty ? (request.seats[i].id, request.seats[i].priceCents, adult)
                                        : (request.seats[i].id, request.tickets[i].priceCents, request.tickets[i].type.id)
            }
            let (orderID, reference, total, written) = try Self.insertOrder(
                db, performanceID: request.performanceID, seats: priced,
                customerName: request.customerName, customerContact: request.customerContact,
                idempotencyKey: request.idempotencyKey, actor: actor, createdAt: now, collectBy: request.collectBy?.millis,
                issued: try shared.value(.issuedCodes) { try IssuedCodes.read(db) }, memo: memo)
            let currency = try shared.value(.currency) { try Self.currency(db) }
            var detail = Money.format(total, currency)
            if !request.tickets.isEmpty {
                detail += " (" + zip(request.seats, request.tickets).map { "\($0.label) \($1.type.name)" }.joined(separator: ", ") + ")"
            }
            if let by = request.collectBy { detail += ", unpaid, collect by \(Format.timestamp(by))" }
            try Self.audit(db, actor: actor, action: "book", performanceID: request.performanceID, reference: reference,
                           seats: request.seats.map(\.label), detail: detail)
            try Self.insertPayments(db, orderID: orderID, reference: reference, performanceID: request.performanceID,
                                    request.payments, kind: .payment, actor: actor, at: now, currency: currency)
            try beforeCommit()
            // The order as this transaction wrote it, as `order(db, id:)` would read it back (three queries and a
            // quarter of the writer's time per booking); BookTests compares the two.
            var lines = request.seats.indices.map { i in
                Order.Line(seatID: request.seats[i].id, label: request.seats[i].label, priceCents: priced[i].priceCents,
                           ticketID: written[i].id, typeName: request.tickets.isEmpty ? "Adult" : request.tickets[i].type.name,
                           status: .active, performanceID: request.performanceID, typeID: priced[i].typeID, code: written[i].code)
            }
            let place = Dictionary(uniqueKeysWithValues: request.seats.map { ($0.id, ($0.y, $0.x)) })
            lines.sort { a, b in
                let (pa, pb) = (place[a.seatID]!, place[b.seatID]!)
                return pa != pb ? pa < pb : a.ticketID < b.ticketID
            }
            let order = Order(id: orderID, reference: reference, performanceID: request.performanceID,
                              customerName: request.customerName, customerContact: request.customerContact, clerk: actor.name,
                              unixUser: actor.unixUser, idempotencyKey: request.idempotencyKey, createdAt: Date(millis: now),
                              cancelledAt: nil, seats: lines, totalCents: total,
                              payments: request.payments.isEmpty ? [] : try Self.ledger(db, orderID: orderID),
                              collectBy: request.collectBy.map { Date(millis: $0.millis) }, currency: currency)
            return ((order, false), true)
        }
    }

    /// Writes an order and its seats under a new booking reference (the caller has checked the seats are free, and
    /// audits). Returns the order's id, reference and total, and each seat's ticket id and code in the order given.
    @discardableResult
    static func insertOrder(_ db: Database, performanceID: Int64, seats: [(id: Int64, priceCents: Int, typeID: Int64)],
                            customerName: String?, customerContact: String? = nil, idempotencyKey: String? = nil,
                            actor: Clerk, createdAt: Int64, collectBy: Int64? = nil, issued: IssuedCodes? = nil,
                            memo: BatchMemo? = nil)
        throws -> (id: Int64, reference: String, total: Int, tickets: [(id: Int64, code: String)]) {
        let total = seats.reduce(0) { $0 + $1.priceCents }
        let issued = try issued ?? IssuedCodes.read(db)
        let (orderID, reference) = try nextOrder(db, issued, memo: memo)
        try db.cachedStatement(sql: """
            INSERT INTO orders (id, reference, performance_id, customer_name, customer_contact, clerk, unix_user,
                                total_cents, idempotency_key, created_at, collect_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [orderID, reference, performanceID, customerName, customerContact,
                                     actor.name, actor.unixUser, total, idempotencyKey, createdAt, collectBy])
        var tickets: [(id: Int64, code: String)] = []
        tickets.reserveCapacity(seats.count)
        for seat in seats {
            tickets.append(try insertTicket(db, orderID: orderID, performanceID: performanceID, seatID: seat.id, typeID: seat.typeID,
                                            priceCents: seat.priceCents, issued: issued, memo: memo))
        }
        return (orderID, reference, total, tickets)
    }

    /// Why one of these seats cannot be sold, as the error a clerk sees, or nil: the one rule, for a hold (checked
    /// before Redis is asked) and for a booking (inside its transaction). Blocks come first, seat by seat in the order
    /// asked (for every performance, then for this one), then a booking that already has a seat, then a seat held back
    /// for a code other than `holdbackCode`. Reads these seats' blocks, bookings and hold-backs only: the whole house's
    /// cost 2 ms on a 20,000-seat arena 30 % sold.
    static func unsellable(_ db: Database, performanceID: Int64, seats: [Seat], holdbackCode: String? = nil,
                           ignoringHoldbacks: Bool = false) throws -> BookingError? {
        var blockReasons: [Int64: String] = [:]
        var booked: [Int64: (reference: String, at: Int64)] = [:]
        var heldBack: [Int64: String] = [:]
        // One statement for the three questions (a booking asked them in three, a tenth of the group commit's
        // writer), a hundred seats at a time: one cached statement per list length, SQLite's parameters bounded.
        // The time is a bound parameter: written into the SQL it made a new statement every millisecond.
        let now = Date().millis
        var from = 0
        while from < seats.count {
            let chunk = seats[from..<min(from + 100, seats.count)]
            from = chunk.endIndex
            var values: [(any DatabaseValueConvertible)?] = [performanceID, now]
            for seat in chunk { values.append(seat.id) }
            let rows = try Row.fetchCursor(db.cachedStatement(sql: unsellableSQL[chunk.count]), arguments: StatementArguments(values))
            while let row = try rows.next() {
                switch row[0] as Int64 {
                case 0: blockReasons[row[1]] = row[2] as String
                case 1: booked[row[1]] = (row[2], row[3])
                default: heldBack[row[1]] = row[2] as String
                }
            }
        }
        for seat in seats {
            if seat.blocked { return .seatBlocked(label: seat.label, reason: Seat.notInUse) }
            if let reason = blockReasons[seat.id] { return .seatBlocked(label: seat.label, reason: reason) }
        }
        for seat in seats {
            if let taken = booked[seat.id] {
                return .alreadyBooked(label: seat.label, reference: taken.reference, at: Date(millis: taken.at))
            }
        }
        if !ignoringHoldbacks {
            for seat in seats {
                if let code = heldBack[seat.id], !Self.codeMatches(code, holdbackCode) {
                    return .heldBack(label: seat.label, code: code)
                }
            }
        }
        return nil
    }

    /// `unsellable`'s statement for each list length (1 to 100; index 0 unused), written once per process: built for
    /// every booking, its text was half of that query's time on the group commit's writer (perf under wrk).
    private static let unsellableSQL: [String] = (0...100).map { count in
        let list = (3..<(3 + count)).map { "?\($0)" }.joined(separator: ",")
        return """
            SELECT 0, seat_id, reason, 0 FROM performance_block WHERE performance_id = ?1 AND seat_id IN (\(list))
            UNION ALL
            SELECT 1, b.seat_id, o.reference, o.created_at FROM booked_seat b JOIN orders o ON o.id = b.order_id
            WHERE b.performance_id = ?1 AND b.active = 1 AND b.seat_id IN (\(list))
            UNION ALL
            SELECT 2, seat_id, code, 0 FROM holdback
            WHERE performance_id = ?1 AND seat_id IN (\(list)) AND (until_at IS NULL OR until_at > ?2)
            """
    }

    /// `unsellable` on its own, for a hold (outside any booking's transaction).
    func unsellable(performanceID: Int64, seats: [Seat], holdbackCode: String? = nil) throws -> BookingError? {
        try read { try Self.unsellable($0, performanceID: performanceID, seats: seats, holdbackCode: holdbackCode) }
    }

    /// A hold-back's code as a clerk types it (the rule lives in `SeatMap.Holdback`, which the picker reads too).
    static func codeMatches(_ code: String, _ given: String?) -> Bool { SeatMap.Holdback.codeMatches(code, given) }

    /// The one query of which seats of a performance are booked (an active row in booked_seat), with the booking's
    /// reference and time (ms): every seat (`seatIDs` nil: the seat map) or only these (a hold, a booking, a block).
    static func forEachBooked(_ db: Database, performanceID: Int64, seatIDs: [Int64]? = nil,
                              _ body: (_ seatID: Int64, _ reference: String, _ createdAt: Int64) throws -> Void) throws {
        if let seatIDs, seatIDs.isEmpty { return }
        // A long list (an import marking a house booked) reads the whole performance instead: SQLite limits the
        // number of parameters, and each list length would be one more statement kept in the cache.
        let wanted = seatIDs.flatMap { $0.count > 500 ? Set($0) : nil }
        let listed = wanted == nil ? seatIDs : nil
        let only = listed.map { " AND b.seat_id IN (\(placeholders($0.count)))" } ?? ""
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT b.seat_id, o.reference, o.created_at FROM booked_seat b JOIN orders o ON o.id = b.order_id
            WHERE b.performance_id = ? AND b.active = 1\(only)
            """), arguments: arguments(performanceID, listed ?? []))
        while let row = try cursor.next() {
            let seatID: Int64 = row[0]
            if let wanted, !wanted.contains(seatID) { continue }
            try body(seatID, row[1], row[2])
        }
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }

    /// The performance, then the seats. Built without StatementArguments(seatIDs): its key path is instantiated at
    /// run time on every call.
    private static func arguments(_ performanceID: Int64, _ seatIDs: [Int64]) -> StatementArguments {
        var values: [(any DatabaseValueConvertible)?] = [performanceID]
        for id in seatIDs { values.append(id) }
        return StatementArguments(values)
    }

    public func order(reference: String) throws -> Order? {
        try read { db in try Self.orderRow(db, reference: reference).map { try Self.order(db, $0) } }
    }

    func order(id: Int64) throws -> Order? {
        try read { db in try Self.order(db, id: id) }
    }

    /// Bookings whose reference is the text, or whose customer name contains it (any case), newest first.
    public func find(_ text: String, limit: Int = 50) throws -> [Order] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return [] }
        let pattern = "%" + trimmed.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM orders WHERE reference = ? OR customer_name LIKE ? ESCAPE '\\'
                ORDER BY created_at DESC LIMIT ?
                """, arguments: [BookingReference.normalize(trimmed), pattern, limit]).map { try Self.order(db, $0) }
        }
    }

    static func order(_ db: Database, id: Int64) throws -> Order? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM orders WHERE id = ?"), arguments: [id]).map { try Self.order(db, $0) }
    }

    /// An order with its tickets (in map order) and its ledger, as one read of its rows.
    static func order(_ db: Database, _ row: Row) throws -> Order {
        let id: Int64 = row["id"]
        var total = 0
        let lines = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT b.id, b.seat_id, b.performance_id, s.label, b.price_cents, b.status, t.name, b.ticket_type_id, b.code
            FROM booked_seat b JOIN seat s ON s.id = b.seat_id JOIN ticket_type t ON t.id = b.ticket_type_id
            WHERE b.order_id = ? ORDER BY b.status <> 'active', s.y, s.x, b.id
            """), arguments: [id]).map { r -> Order.Line in
            let status = Order.Line.Status(rawValue: r["status"]) ?? .cancelled
            if status == .active { total += r["price_cents"] as Int }
            return Order.Line(seatID: r["seat_id"], label: r["label"], priceCents: r["price_cents"], ticketID: r["id"],
                              typeName: r["name"], status: status, performanceID: r["performance_id"],
                              typeID: r["ticket_type_id"], code: r["code"])
        }
        return Order(id: id, reference: row["reference"], performanceID: row["performance_id"],
                     customerName: row["customer_name"], customerContact: row["customer_contact"], clerk: row["clerk"],
                     unixUser: row["unix_user"], idempotencyKey: row["idempotency_key"],
                     createdAt: Date(millis: row["created_at"]),
                     cancelledAt: (row["cancelled_at"] as Int64?).map(Date.init(millis:)),
                     seats: lines, totalCents: total, payments: try ledger(db, orderID: id),
                     collectBy: (row["collect_by"] as Int64?).map(Date.init(millis:)), currency: try currency(db))
    }
}
