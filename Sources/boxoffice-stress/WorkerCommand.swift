import ArgumentParser
import Booking
import Foundation

/// One clerk: a dedicated process making many attempts through the booking façade, logging each before it is
/// made and each acknowledgement after, so the coordinator can check the database against what clerks were told.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "worker", abstract: "One racing clerk (spawned by the coordinator).")

    @Option var clerk: String
    @Option var database: String
    @Option var redisSocket: String
    @Option var prefix: String
    @Option(help: "Performance ids, comma-separated.") var performances: String
    @Option(help: "Hot seat labels, comma-separated.") var hotSeats: String
    @Option var attempts: Int
    @Option var log: String
    @Option var seed: UInt64

    func run() throws {
        let settings = Settings(databasePath: database, redis: RedisEndpoint(address: .unix(path: redisSocket)),
                                reservationTimeoutMs: 2_000, redisNamespace: prefix)
        let identity = Clerk(name: clerk, unixUser: Clerk.unixUserName(), session: "\(clerk):\(getpid())")
        // Opening may wait on the write lock (the schema check) behind a clerk paused mid-transaction: a clerk retries.
        var box: BoxOffice?
        let deadline = ContinuousClock.now + .seconds(60)
        while box == nil {
            do { box = try BoxOffice(settings: settings, clerk: identity) } catch BookingError.databaseBusy where ContinuousClock.now < deadline {}
        }
        let worker = Worker(box: box!, log: try EventLog(path: log),
                            clerk: clerk, performances: performances.split(separator: ",").compactMap { Int64($0) },
                            hotSeats: hotSeats.split(separator: ",").map(String.init), rng: SplitMix(seed: seed))
        worker.run(attempts: attempts)
    }
}

final class Worker {
    let box: BoxOffice
    let log: EventLog
    let clerk: String
    let performances: [Int64]
    let hotSeats: [String]
    var rng: SplitMix
    var seq = 0
    /// Seats this clerk holds (as far as it knows), and its bookings not yet cancelled.
    var held: [(performance: Int64, labels: [String])] = []
    var bookings: [String] = []
    /// References of other clerks' bookings met as conflicts: some get cancelled, so the hot seats keep turning over.
    var othersBookings: [String] = []

    init(box: BoxOffice, log: EventLog, clerk: String, performances: [Int64], hotSeats: [String], rng: SplitMix) {
        self.box = box
        self.log = log
        self.clerk = clerk
        self.performances = performances
        self.hotSeats = hotSeats
        self.rng = rng
    }

    func run(attempts: Int) {
        let coordinator = getppid()
        while seq < attempts {
            if getppid() != coordinator { return }  // the coordinator is gone: nobody will check this run
            let roll = Int.random(in: 0..<100, using: &rng)
            if let h = held.popLast() {
                // A hold placed earlier: book it (most of the time) or let it go.
                if roll < 75 { book(h.performance, h.labels) } else { release(h.performance, h.labels) }
            } else if roll < 45 {
                let p = performances.randomElement(using: &rng)!
                let labels = pickSeats()
                if hold(p, labels, ttlMs: Int.random(in: 1_000...3_000, using: &rng)) {
                    held.append((p, labels))
                    // The clerk types the customer's name: others race for the seats meanwhile.
                    if Bool.random(using: &rng) { usleep(UInt32.random(in: 20_000...250_000, using: &rng)) }
                }
            } else if roll < 70 {
                book(performances.randomElement(using: &rng)!, pickSeats())
            } else if roll < 76, !bookings.isEmpty {
                cancel(bookings.remove(at: Int.random(in: 0..<bookings.count, using: &rng)))
            } else if roll < 88, let reference = bookings.randomElement(using: &rng) {
                // The money side: part of a booking cancelled, a booking moved, an unpaid one paid.
                switch roll {
                case ..<80: cancelOneSeat(reference)
                case ..<85: exchange(reference)
                default: pay(reference)
                }
            } else if roll < 94, let reference = othersBookings.popLast() {
                // A customer phones to cancel a booking another clerk made (killed clerks' bookings too).
                cancel(reference)
            } else {
                // Releasing seats one does not hold: refused, and nothing of another clerk's may go.
                release(performances.randomElement(using: &rng)!, pickSeats())
            }
        }
    }

    func pickSeats() -> [String] {
        let count = Int.random(in: 0..<10, using: &rng) < 7 ? 1 : 2
        return Array(hotSeats.shuffled(using: &rng).prefix(count))
    }

    /// Logs the attempt, runs it, logs a refusal. Returns whether it succeeded.
    @discardableResult
    func attempt(_ op: String, _ performance: Int64, _ detail: String, key: String = "-", _ body: () throws -> Void) -> Bool {
        seq += 1
        log.write(LogKind.attempt, wallMillis(), seq, op, performance, detail, key)
        do {
            try body()
            return true
        } catch let error as BookingError {
            if case .alreadyBooked(_, let reference, _) = error, othersBookings.count < 4, !bookings.contains(reference) {
                othersBookings.append(reference)
            }
            log.write(LogKind.error, wallMillis(), seq, op, Self.kind(error), Self.oneLine(error.description))
        } catch {
            log.write(LogKind.error, wallMillis(), seq, op, "unexpected", Self.oneLine("\(error)"))
        }
        return false
    }

    func hold(_ performance: Int64, _ labels: [String], ttlMs: Int) -> Bool {
        attempt("hold", performance, labels.joined(separator: ",")) {
            let t0 = wallMillis()
            _ = try box.hold(performanceID: performance, labels: labels, ttlMs: ttlMs)
            log.write(LogKind.hold, t0, wallMillis(), ttlMs, performance, labels.joined(separator: ","))
        }
    }

    func book(_ performance: Int64, _ labels: [String]) {
        let key = "\(clerk)-\(seq + 1)"
        var reference: String?
        attempt("book", performance, labels.joined(separator: ","), key: key) {
            let t0 = wallMillis()
            let outcome = try box.book(performanceID: performance, labels: labels, customerName: "Stress \(clerk)",
                                       idempotencyKey: key, terms: saleTerms())
            log.write(LogKind.booked, t0, wallMillis(), key, outcome.order.reference, performance,
                      outcome.order.seats.map(\.label).sorted().joined(separator: ","), outcome.warnings.count,
                      outcome.order.status == .paid ? 1 : 0)
            reference = outcome.order.reference
        }
        if let reference { bookings.append(reference) }
    }

    func release(_ performance: Int64, _ labels: [String]) {
        attempt("release", performance, labels.joined(separator: ",")) {
            try box.release(performanceID: performance, labels: labels, scope: .strict)
        }
    }

    func cancel(_ reference: String) {
        // One cancellation in five keeps the money (--refund none): the ledger must still balance.
        let refund: RefundChoice = Int.random(in: 0..<5, using: &rng) == 0 ? .none : .original
        attempt("cancel", 0, reference) {
            _ = try box.cancel(reference: reference, labels: nil, refund: refund)
            log.write(LogKind.cancelled, wallMillis(), reference)
        }
    }

    /// How a sale is paid: by card, in cash with change, split cash and card, complimentary, unpaid, or reserved
    /// unpaid with a deadline a few seconds away (so reservations lapse while clerks race).
    func saleTerms() -> SaleTerms {
        switch Int.random(in: 0..<100, using: &rng) {
        case ..<35: SaleTerms(payments: [.init(method: .card, amountCents: nil)], details: PaymentDetails(reference: "T-\(seq)"))
        case ..<50: SaleTerms(payments: [.init(method: .cash, amountCents: nil)])
        case ..<65: SaleTerms(payments: [.init(method: .cash, amountCents: 500), .init(method: .card, amountCents: nil)],
                              details: PaymentDetails(tenderedCents: 2000))
        case ..<72: SaleTerms(typeForAll: "Complimentary", payments: [.init(method: .complimentary, amountCents: nil)])
        case ..<88: SaleTerms()
        default: SaleTerms(unpaidUntil: Date().addingTimeInterval(Double(Int.random(in: 1...4, using: &rng))))
        }
    }

    /// The booking as it stands, if it is still this clerk's to change (not cancelled, not a reservation that may lapse
    /// under the clerk's hands).
    func changeable(_ reference: String) -> Order? {
        guard let order = try? box.order(reference: reference), !order.isCancelled, order.collectBy == nil else { return nil }
        return order
    }

    func cancelOneSeat(_ reference: String) {
        guard let order = changeable(reference), order.seats.count >= 2 else { return }
        let seat = order.seats.randomElement(using: &rng)!
        let refund: RefundChoice = Int.random(in: 0..<4, using: &rng) == 0 ? .none : .original
        attempt("cancel", seat.performanceID, reference) {
            // The ticket's own performance: a mixed booking may have this seat label in two performances.
            _ = try box.cancel(reference: reference, labels: [seat.label], performanceID: seat.performanceID, refund: refund)
        }
    }

    /// Moves a booking's seats of one of its performances to other hot seats: of the same performance, or (two times in
    /// three with several seats, one in two with one) to another performance: some of them when it has two seats or more, so that the booking holds tickets of
    /// both, or its only seat. The difference is paid by card when it is dearer.
    func exchange(_ reference: String) {
        guard let order = changeable(reference), let from = order.performanceIDs.randomElement(using: &rng) else { return }
        var moving = order.seats(of: from)
        var target = from
        let others = performances.filter { $0 != from }
        // Two times in three for a booking of several seats (a partial move is the rarer case to reach), else one in two.
        if !others.isEmpty, Int.random(in: 0..<(order.seats.count >= 2 ? 3 : 2), using: &rng) != (order.seats.count >= 2 ? 0 : 1) {
            target = others.randomElement(using: &rng)!
            // A part moves and the rest stays where it is (a booking of one seat moves whole, its money with it).
            if order.seats.count >= 2 {
                moving = Array(moving.shuffled(using: &rng).prefix(Int.random(in: 1...min(moving.count, order.seats.count - 1), using: &rng)))
            }
        }
        guard !moving.isEmpty, let map = try? box.snapshot(performanceID: target) else { return }
        let targets = Array(hotSeats.shuffled(using: &rng).prefix(moving.count))
        guard targets.count == moving.count else { return }
        let price = Dictionary(map.seats.map { ($0.label, $0.priceCents) }, uniquingKeysWith: { a, _ in a })
        let newTotal = order.totalCents - moving.reduce(0) { $0 + $1.priceCents }
            + zip(moving, targets).reduce(0) { $0 + ($1.0.typeName == "Complimentary" ? 0 : price[$1.1] ?? 0) }
        let pay: [PaymentRequest] = order.status == .paid && newTotal > order.totalCents ? [.init(method: .card, amountCents: nil)] : []
        attempt("exchange", target, targets.joined(separator: ",")) {
            _ = try box.exchange(reference: reference, fromLabels: moving.map(\.label), toLabels: targets, toPerformanceID: target,
                                 fromPerformanceID: from, payments: pay)
        }
    }

    func pay(_ reference: String) {
        guard let order = changeable(reference), order.status == .unpaid else { return }
        attempt("pay", order.performanceID, reference) {
            let paid = try box.pay(reference: reference, payments: [.init(method: .card, amountCents: nil)], details: PaymentDetails())
            if paid.status == .paid { log.write(LogKind.paid, wallMillis(), reference) }
        }
    }

    static func kind(_ error: BookingError) -> String {
        switch error {
        // Another clerk cancelled the booking between this clerk's look and its change: the race, not a fault.
        case .invalidInput(let why) where why.contains("cancelled"): "gone"
        // The clerk was paused (SIGSTOP) between choosing a reservation's deadline a few seconds ahead and booking.
        case .invalidInput(let why) where why.contains("has already passed"): "late"
        case .alreadyBooked: "booked"
        case .heldByOther: "held"
        case .holdLapsed: "lapsed"
        case .notHolder: "notholder"
        case .holdsUnavailable: "redis"
        case .databaseBusy: "busy"
        case .databaseUnavailable: "database"
        default: "unexpected"
        }
    }

    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 }.prefix(200))
    }
}
