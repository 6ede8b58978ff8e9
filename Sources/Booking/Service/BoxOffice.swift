import Foundation
import Logging
import Synchronization

/// The one façade a clerk's tools (the CLI, the seat picker) talk to. SQLite decides who owns a seat;
/// Redis holds are for the clerks' eyes and may vanish at any moment, so every operation that can go on
/// without them does, with a warning. The store and the holds stay behind it: only the bench and the stress
/// harness, which measure and break the parts underneath, see them (`@_spi(Bench) import Booking`).
public final class BoxOffice: Sendable {
    public let settings: Settings
    public let clerk: Clerk
    @_spi(Bench) public let store: SQLiteStore
    @_spi(Bench) public let holds: RedisHolds
    let logger: Logger
    /// Shared by every `acting(as:)` view of this box office (the HTTP server serves many clerks from one).
    private let layouts: LayoutCache
    /// Shared with every `acting(as:)` view too: the server makes one per request, and each read the currency again
    /// (a pool read, about 1.4 % of an HTTP booking's CPU).
    let currencyCache: CurrencyCache

    final class CurrencyCache: Sendable {
        let value = Mutex<Currency?>(nil)
    }

    private final class LayoutCache: Sendable {
        let entries = Mutex<[Int64: CachedLayout]>([:])
    }

    /// A theater's seats and their index by label, built once per layout version: every hold, release and booking
    /// looks its seats up by label, and building the index each time cost 0.4 ms on 2,000 seats, 4 ms on 20,000.
    /// The index is built on the first lookup by label, not with the seats: a seat list (`seats`, a map) looks no
    /// label up, and a command's process ends after one list (the index was 2 % of `seats --json`).
    private struct CachedLayout: Sendable {
        var version: Int64
        var seats: [Seat]
        var byLabel: [String: Seat]?
    }

    /// `groupCommit`: concurrent bookings of this process share one transaction and one fsync, each in a savepoint of
    /// its own (for the HTTP server, which books for many callers at once; a clerk's process books one at a time).
    /// `redisConnections`: how many connections holds use at once (a clerk's process one; the HTTP server several).
    public init(settings: Settings, clerk: Clerk, createDatabase: Bool = false, connections: DatabaseConnections = .pool,
                groupCommit: Bool = false, redisConnections: Int = 1,
                logger: Logger = Logger(label: "boxoffice")) throws {
        self.settings = settings
        self.clerk = clerk
        self.logger = logger
        let holds = RedisHolds(endpoint: settings.redis, namespace: settings.redisNamespace, connections: redisConnections)
        self.holds = holds
        store = try SQLiteStore(path: settings.databasePath, create: createDatabase, connections: connections,
                                groupCommit: groupCommit, batchHolds: groupCommit ? BookingBatchHolds(holds: holds, logger: logger) : nil)
        layouts = LayoutCache()
        currencyCache = CurrencyCache()
    }

    private init(sharing other: BoxOffice, clerk: Clerk) {
        settings = other.settings
        self.clerk = clerk
        logger = other.logger
        store = other.store
        holds = other.holds
        layouts = other.layouts
        currencyCache = other.currencyCache
    }

    /// The same box office (database, Redis connection, caches) acting for another clerk: the HTTP server serves
    /// every caller's requests from one process, each as the clerk its API key names.
    public func acting(as clerk: Clerk) -> BoxOffice {
        BoxOffice(sharing: self, clerk: clerk)
    }

    // MARK: Theaters and performances

    public func theaters() throws -> [Theater] { try store.theaters() }

    /// A theater by id (a number) or by name, any case; a unique prefix of a name also matches.
    public func resolveTheater(_ text: String) throws -> Theater {
        let all = try store.theaters()
        let wanted = SafeText.trimmingSpaces(text)
        if let id = Int64(wanted) {
            guard let theater = all.first(where: { $0.id == id }) else { throw BookingError.unknownTheater(text) }
            return theater
        }
        let exact = all.filter { $0.name.caseInsensitiveCompare(wanted) == .orderedSame }
        if exact.count == 1 { return exact[0] }
        if exact.count > 1 { throw BookingError.ambiguousTheater(text, matches: exact) }
        let partial = all.filter { !wanted.isEmpty && $0.name.lowercased().hasPrefix(wanted.lowercased()) }
        if partial.count == 1 { return partial[0] }
        if partial.count > 1 { throw BookingError.ambiguousTheater(text, matches: partial) }
        throw BookingError.unknownTheater(text)
    }

    /// Every performance with sold, held and free counts (held only while Redis answers).
    public func performances(theaterID: Int64? = nil) throws -> [PerformanceSummary] {
        let counts = try store.salesCounts()
        return try store.performances(theaterID: theaterID).map { p in
            let c = counts[p.id] ?? (0, 0, 0)
            let held = (try? holds.holds(performanceID: p.id).holds.count) ?? 0
            return PerformanceSummary(performance: p, capacity: c.capacity, sold: c.sold, held: held, blocked: c.blocked)
        }
    }

    public enum Purpose: Sendable { case view, sell }

    /// Which performance a command means. Given an id, that one (of this theater). Otherwise the theater's one
    /// performance on sale; with several, `view` takes the next to start and says so, `sell` refuses and lists them,
    /// so that nobody sells the wrong night by default.
    public func resolvePerformance(theater: Theater, id: Int64?, purpose: Purpose) throws -> (performance: Performance, note: String?) {
        let all = try store.performances(theaterID: theater.id)
        if let id {
            guard let p = all.first(where: { $0.id == id }) else {
                if let other = try? store.performance(id: id) {
                    throw BookingError.invalidInput("Performance \(id) is at \(other.theaterName), not \(theater.name).")
                }
                throw BookingError.unknownPerformance(id)
            }
            return (try checked(p, for: purpose), nil)
        }
        let onSale = all.filter { $0.isOnSale() }
        if onSale.count == 1 { return (onSale[0], nil) }
        if onSale.isEmpty {
            if purpose == .view, let last = all.last {
                return (last, "No performance of \(theater.name) is on sale; showing performance \(last.id) (\(last.title)).")
            }
            throw BookingError.invalidInput("\(theater.name) has no performance on sale. Add one with `boxoffice performances add`.")
        }
        if purpose == .sell { throw BookingError.choosePerformance(theater: theater.name, candidates: onSale) }
        let next = onSale.filter { $0.startsAt != nil }.min { $0.startsAt! < $1.startsAt! } ?? onSale[0]
        return (next, "Showing performance \(next.id) (\(next.title), \(Format.startTime(next.startsAt))); use --performance to choose another.")
    }

    public func performance(id: Int64) throws -> Performance { try store.performance(id: id) }

    /// `resolvePerformance` for a caller that names the theater and the performance both by id: one read of that
    /// performance, where the theaters with their seat counts and then all of the theater's performances were ~0.5 M
    /// instructions of a clerk's `book`. Nil when it is not that theater's (or cannot be read): `resolvePerformance`
    /// then finds the words for it.
    public func performance(id: Int64, theaterID: Int64, purpose: Purpose) throws -> Performance? {
        guard let p = try? store.performance(id: id), p.theaterID == theaterID else { return nil }
        return try checked(p, for: purpose)
    }

    /// A performance named by id, fit for `purpose`: selling needs it on sale.
    private func checked(_ p: Performance, for purpose: Purpose) throws -> Performance {
        if purpose == .sell && !p.isOnSale() { throw BookingError.performanceNotOnSale(p) }
        return p
    }

    public func addPerformance(theater: Theater, title: String, startsAt: Date?) throws -> Performance {
        let trimmed = title.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { throw BookingError.invalidInput("The title is empty.") }
        if let problem = SafeText.problem(in: trimmed, field: "title", maxLength: 120) { throw BookingError.invalidInput(problem) }
        return try store.addPerformance(theaterID: theater.id, title: trimmed, startsAt: startsAt, actor: clerk)
    }

    // MARK: The seat map

    /// The seat layout, cached per theater until the layout changes (an import that adds seats).
    public func layout(theaterID: Int64) throws -> [Seat] { try cachedLayout(theaterID: theaterID, reads: store).seats }

    /// `version`: the layout version the caller has just read (with the performance), saving a read of its own.
    /// `reads`: where a layout not cached is read from (the store, or a group commit's transaction).
    private func cachedLayout(theaterID: Int64, version: Int64? = nil, reads: some BookingReads) throws -> CachedLayout {
        let current = try version ?? store.layoutVersion(theaterID: theaterID)
        if let cached = layouts.entries.withLock({ $0[theaterID] }), cached.version == current { return cached }
        let fresh = try reads.seats(theaterID: theaterID)
        let entry = CachedLayout(version: fresh.layoutVersion, seats: fresh.seats, byLabel: nil)
        layouts.entries.withLock { $0[theaterID] = entry }
        return entry
    }

    /// The cached layout's index by label, built on first use and kept with the layout for every later lookup.
    private func cachedIndex(theaterID: Int64, version: Int64, reads: some BookingReads) throws -> [String: Seat] {
        let layout = try cachedLayout(theaterID: theaterID, version: version, reads: reads)
        if let byLabel = layout.byLabel { return byLabel }
        let byLabel = Dictionary(layout.seats.map { ($0.label, $0) }, uniquingKeysWith: { a, _ in a })
        layouts.entries.withLock { if $0[theaterID]?.version == layout.version { $0[theaterID]?.byLabel = byLabel } }
        return byLabel
    }

    /// The seats these labels name, by label: from the cached layout when it is current, else only these seats from
    /// the database (a clerk's command resolves a few labels once; building the whole layout's index for them cost
    /// more than the booking). Many labels at once are worth the layout, which is then cached.
    private func seatsByLabel(_ labels: [String], theaterID: Int64, version: Int64?, reads: some BookingReads) throws -> [String: Seat] {
        let current = try version ?? store.layoutVersion(theaterID: theaterID)
        if let cached = layouts.entries.withLock({ $0[theaterID] }), cached.version == current {
            return try cached.byLabel ?? cachedIndex(theaterID: theaterID, version: current, reads: reads)
        }
        if labels.count > 32 { return try cachedIndex(theaterID: theaterID, version: current, reads: reads) }
        return try reads.seats(theaterID: theaterID, labels: labels)
    }

    /// Every seat of the performance with its state. Booked beats blocked beats held beats held back: SQLite is the
    /// record of sales and blocks; a held-back seat that a clerk holds (with its code) is being sold.
    public func snapshot(performanceID: Int64) throws -> SeatMap {
        expireDueReservations()
        let record = try store.map(performanceID: performanceID)
        let performance = record.performance, booked = record.booked, blocks = record.blocks, heldBack = record.heldBack
        let seats = try cachedLayout(theaterID: performance.theaterID, version: record.layoutVersion, reads: store).seats
        var held: [String: Hold] = [:]
        var version: Int64 = 0
        var online = true
        do {
            let live = try holds.holds(performanceID: performanceID)
            version = live.version
            for hold in live.holds { held[hold.label] = hold }
        } catch {
            online = false
        }
        let states: [SeatState] = seats.map { seat in
            if let ref = booked[seat.id] { return .booked(reference: ref) }
            if seat.blocked { return .blocked(reason: Seat.notInUse) }
            if let reason = blocks[seat.id] { return .blocked(reason: reason) }
            // A held-back seat held in Redis is being sold by a clerk who named its code (a hold needs it): it shows
            // held, as the hold's event already drew it on every map, and goes back to held back when let go.
            if let hold = held[seat.label] {
                return .held(clerk: hold.clerk, session: hold.session, expiresInMs: hold.expiresInMs)
            }
            if let back = heldBack[seat.id] { return .heldBack(code: back.code, until: back.until) }
            return .free
        }
        var map = SeatMap(performance: performance, seats: seats, states: states, version: version, holdsOnline: online)
        for (i, seat) in seats.enumerated() {
            if let back = heldBack[seat.id] { map.holdbacks[i] = .init(code: back.code, until: back.until) }
        }
        return map
    }

    /// The seats with these labels (any case), or `unknownSeats` listing what is still available.
    public func resolveSeats(_ labels: [String], performanceID: Int64) throws -> [Seat] {
        guard !labels.isEmpty else { throw BookingError.noSeats }
        let context = try store.bookingContext(performanceID: performanceID)
        return try resolveSeats(labels, performance: context.performance, layoutVersion: context.layoutVersion)
    }

    /// `layoutVersion`: the theater's layout version read with the performance (nil: read it here).
    func resolveSeats(_ labels: [String], performance: Performance, layoutVersion: Int64? = nil) throws -> [Seat] {
        do {
            return try resolveSeats(labels, performance: performance, layoutVersion: layoutVersion, reads: store)
        } catch let unknown as UnknownSeats {
            throw try unknownSeats(unknown.labels, performanceID: performance.id)
        }
    }

    /// Labels no seat of the theater has (shown as the caller wrote them). Which seats are still available takes a
    /// seat map, read where that is cheap: never inside a group commit's batch, which every other booking waits for.
    struct UnknownSeats: Error { var labels: [String] }

    /// `unknownSeats`, listing the seats still available.
    func unknownSeats(_ labels: [String], performanceID: Int64) throws -> BookingError {
        let map = try snapshot(performanceID: performanceID)
        let available = map.seats.indices.filter { map.states[$0] == .free }.map { map.seats[$0].label }
        return BookingError.unknownSeats(labels, available: Array(available.prefix(20)), availableTotal: available.count)
    }

    /// `resolveSeats` reading from `reads`; throws `UnknownSeats` for labels no seat has.
    func resolveSeats(_ labels: [String], performance: Performance, layoutVersion: Int64?, reads: some BookingReads) throws -> [Seat] {
        guard !labels.isEmpty else { throw BookingError.noSeats }
        let wanted = labels.map { SafeText.trimmingSpaces($0).uppercased() }
        let byLabel = try seatsByLabel(wanted, theaterID: performance.theaterID, version: layoutVersion, reads: reads)
        var found: [Seat] = [], missing: [String] = [], seen: Set<String> = [], duplicates: [String] = []
        for (raw, label) in zip(labels, wanted) {
            if !seen.insert(label).inserted { duplicates.append(label); continue }
            if let seat = byLabel[label] { found.append(seat) } else { missing.append(SafeText.display(raw, limit: 12)) }
        }
        if !missing.isEmpty { throw UnknownSeats(labels: missing) }
        if !duplicates.isEmpty { throw BookingError.duplicateSeats(duplicates) }
        return found
    }

    // MARK: Holds

    public struct HoldOutcome: Sendable {
        public var labels: [String]
        public var expiresInMs: Int
        public var version: Int64

        public init(labels: [String], expiresInMs: Int, version: Int64) {
            self.labels = labels
            self.expiresInMs = expiresInMs
            self.version = version
        }
    }

    /// Holds the seats for this clerk, all or none. Booked or blocked seats are refused before Redis is asked, and so are
    /// held-back ones unless `holdbackCode` names their code. `maxHeld`: at most this many seats held by this clerk's
    /// holder at once across every performance (a web shop's customer token), counting the ones asked for, so one
    /// script cannot hold the house.
    public func hold(performanceID: Int64, labels: [String], ttlMs: Int? = nil, holdbackCode: String? = nil,
                     maxHeld: Int? = nil) throws -> HoldOutcome {
        let context = try store.bookingContext(performanceID: performanceID)
        let performance = context.performance
        guard performance.isOnSale() else { throw BookingError.performanceNotOnSale(performance) }
        let seats = try resolveSeats(labels, performance: performance, layoutVersion: context.layoutVersion)
        if let refusal = try store.unsellable(performanceID: performanceID, seats: seats, holdbackCode: holdbackCode) { throw refusal }
        let ttl = ttlMs ?? settings.reservationTimeoutMs
        guard ttl > 0 else { throw BookingError.invalidInput("A hold must last more than 0 seconds.") }
        let result: (version: Int64, newlyHeld: [String])
        do {
            result = try holds.hold(performanceID: performanceID, labels: seats.map(\.label), clerk: clerk, ttlMs: ttl,
                                    maxHeld: maxHeld)
        } catch let error as BookingError {
            throw whoHas(error, performanceID: performanceID, seats: seats)
        }
        return HoldOutcome(labels: seats.map(\.label), expiresInMs: ttl, version: result.version)
    }

    /// A hold or lease refused because another clerk holds a seat, told as it is by the time the refusal arrives. The
    /// holder Redis named may be a booking in flight that is about to find the seat booked (50 clerks booking one seat:
    /// each loser leases it in turn after the winner commits, and the others were told "held by" such a loser): name the
    /// booking if the seat is booked by now, else whoever holds it now. Redis first, SQLite last: a booking commits
    /// before it gives up its lease, so a holder seen after that commit is always followed by a read that sees it.
    func whoHas(_ error: BookingError, performanceID: Int64, seats: [Seat]) -> BookingError {
        guard case .heldByOther(let label, _, _) = error, let seat = seats.first(where: { $0.label == label }) else { return error }
        var answer = error
        if let holder = try? holds.holders(performanceID: performanceID, labels: [label]).first, let holder,
           holder.clerk != clerk.name {
            answer = .heldByOther(label: label, clerk: holder.clerk, expiresInMs: holder.msLeft)
        }
        if let refusal = try? store.unsellable(performanceID: performanceID, seats: [seat]), case .alreadyBooked = refusal {
            return refusal
        }
        return answer
    }

    /// Releases holds. `.strict`: every seat must be this clerk's (else nothing changes); `.session`: only
    /// what this process placed (a seat picker quitting).
    @discardableResult
    public func release(performanceID: Int64, labels: [String], scope: ReleaseScope = .strict) throws -> [String] {
        let seats = try resolveSeats(labels, performanceID: performanceID)
        return try holds.release(performanceID: performanceID, labels: seats.map(\.label), clerk: clerk, scope: scope)
    }

    /// Best available N seats together, held at once for this clerk.
    /// `includeRestricted`: restricted-view seats count too (`B` in the picker; `b` leaves them out).
    public func holdBestAvailable(performanceID: Int64, count: Int, ttlMs: Int? = nil, includeRestricted: Bool = false,
                                  maxHeld: Int? = nil) throws -> HoldOutcome {
        guard count > 0 else { throw BookingError.invalidInput("The number of seats must be at least 1 (it was \(count)).") }
        guard count <= 20 else { throw BookingError.invalidInput("Best available finds at most 20 seats together (asked for \(count)).") }
        // Another clerk may take one of the chosen seats between the look and the hold: look again, a few times.
        var lastError: Error = BookingError.notEnoughTogether(count: count, performance: performanceID)
        for _ in 0..<5 {
            let map = try snapshot(performanceID: performanceID)
            guard let chosen = BestAvailable.choose(count, in: map, includeRestricted: includeRestricted) else {
                throw BookingError.notEnoughTogether(count: count, performance: performanceID)
            }
            do {
                return try hold(performanceID: performanceID, labels: chosen.map { map.seats[$0].label }, ttlMs: ttlMs, maxHeld: maxHeld)
            } catch let error as BookingError where error.kind == .conflict {
                lastError = error
            }
        }
        throw lastError
    }

    // MARK: Events

    public func subscribe(performanceID: Int64) -> EventSubscription {
        EventSubscription(endpoint: settings.redis, namespace: settings.redisNamespace, performanceID: performanceID)
    }

    /// Ends the holds' fail-fast back-off after an outage, when something else has seen Redis answer again (the seat
    /// picker's subscription reconnected), so the clerk's next hold is tried at once.
    public func retryHoldsNow() { holds.retryNow() }

    /// Changes whenever another connection commits to the database: lets a map notice other clerks' bookings while
    /// Redis (and so the events) is down.
    public func dataVersion() throws -> Int { try store.dataVersion() }
}
