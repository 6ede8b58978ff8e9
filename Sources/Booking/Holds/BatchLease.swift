/// The Redis side of a group-commit batch (the HTTP server's bookings): every booking of the batch is leased in one
/// script call per performance inside the batch's transaction, and settled (leases and holds cleared, `book` events
/// announced) in one more after it commits. One booking at a time took three scripts: a lease before its transaction,
/// a check of it inside, a release after; a third of the server's Redis round trips and most of Redis' CPU.
///
/// Why the check is no longer needed: the lease is taken while the batch holds SQLite's write lock, just before the
/// bookings' statements and the commit, where the check ran (an empty Redis after a restart could let another caller
/// hold a seat between the lease and the commit either way, and SQLite's unique index still decides who owns it).

/// One booking's seats, as its batch leases them.
public struct LeaseRequest: Sendable, Equatable {
    public var performanceID: Int64
    public var labels: [String]
    /// The value's owner part (`Clerk.holder`): a seat this holder holds already is the booking's own.
    public var holder: String
    public var session: String

    public init(performanceID: Int64, labels: [String], holder: String, session: String) {
        self.performanceID = performanceID
        self.labels = labels
        self.holder = holder
        self.session = session
    }
}

/// What a booking's lease came to.
public enum LeaseOutcome: Sendable, Equatable {
    /// Every seat is the booking's for now; `newlyHeld` were free before (the rest were the holder's own holds).
    case leased(newlyHeld: [String])
    /// A seat is held by another holder: the booking is refused, naming it.
    case refused(label: String, owner: String, msLeft: Int)
    /// Redis could not be asked: the booking stands on the database alone (the caller is warned).
    case offline(String)
}

/// After the commit: a booking that committed (`reference`) clears every seat the holder holds and is announced; one
/// that did not clears only what its lease took, unannounced.
public struct LeaseSettlement: Sendable, Equatable {
    public var request: LeaseRequest
    public var labels: [String]
    public var reference: String?

    public init(request: LeaseRequest, labels: [String], reference: String?) {
        self.request = request
        self.labels = labels
        self.reference = reference
    }

    /// What to settle for a booking that asked `request`, got `outcome`, and booked `reference` in a batch that
    /// committed or not. nil: nothing to do in Redis (refused, or nothing taken and nothing booked).
    public static func after(_ request: LeaseRequest, outcome: LeaseOutcome?, reference: String?, committed: Bool) -> LeaseSettlement? {
        let booked = committed ? reference : nil
        switch outcome {
        case nil, .refused?: return nil
        case .offline?:
            // Redis may be back: the booking is announced if it can be (holds on its seats cleared).
            return booked.map { LeaseSettlement(request: request, labels: request.labels, reference: $0) }
        case .leased(let newlyHeld)?:
            if let booked { return LeaseSettlement(request: request, labels: request.labels, reference: booked) }
            return newlyHeld.isEmpty ? nil : LeaseSettlement(request: request, labels: newlyHeld, reference: nil)
        }
    }
}

/// What a group commit asks of the hold store once per batch.
public protocol BatchHolds: Sendable {
    /// One outcome per request, in order. Never throws: Redis unreachable is `.offline` for each.
    func lease(_ requests: [LeaseRequest]) -> [LeaseOutcome]
    /// Clears and announces; a failure is the implementation's to log (the bookings have committed).
    func settle(_ settlements: [LeaseSettlement])
}

/// The pure part: which script calls a batch makes (one per performance, bookings in their order) and how each
/// call's reply maps back to the bookings.
enum BatchLease {
    struct Call: Equatable {
        var performanceID: Int64
        /// Indexes into the requests (or settlements), in the order the script sees them.
        var members: [Int]
    }

    /// One call per performance (its keys share one hash tag), in the order each performance first appears.
    static func calls(performanceIDs: [Int64]) -> [Call] {
        var calls: [Call] = []
        var at: [Int64: Int] = [:]
        for (i, id) in performanceIDs.enumerated() {
            if let n = at[id] { calls[n].members.append(i) } else {
                at[id] = calls.count
                calls.append(Call(performanceID: id, members: [i]))
            }
        }
        return calls
    }

    /// lease_batch.lua's arguments after the ttl: per booking its holder, session, seat count and labels.
    static func leaseArguments(_ requests: [LeaseRequest]) -> [String] {
        var args: [String] = []
        for r in requests { args += [r.holder, r.session, String(r.labels.count)] + r.labels }
        return args
    }

    /// settle_batch.lua's arguments after the channel: per booking holder, session, reference ("" if none), count, labels.
    static func settleArguments(_ settlements: [LeaseSettlement]) -> [String] {
        var args: [String] = []
        for s in settlements {
            args += [s.request.holder, s.request.session, s.reference ?? "", String(s.labels.count)] + s.labels
        }
        return args
    }

    /// lease_batch.lua's reply, one entry per booking of the call; a reply of another shape is Redis misbehaving,
    /// which leaves every booking of the call offline rather than guessed.
    static func outcomes(_ reply: RedisReply, count: Int) -> [LeaseOutcome] {
        let items = reply.array
        guard items.count == count else {
            return Array(repeating: .offline("lease_batch.lua answered \(items.count) entries for \(count) bookings"), count: count)
        }
        return items.map { item in
            let parts = item.array
            switch parts.first?.integer {
            case 0: return .leased(newlyHeld: parts.dropFirst().compactMap(\.string))
            case 1 where parts.count >= 4:
                return .refused(label: parts[1].string ?? "?", owner: parts[2].string ?? "?", msLeft: Int(parts[3].integer ?? 0))
            default: return .offline("lease_batch.lua answered an entry it should not: \(item)")
            }
        }
    }
}
