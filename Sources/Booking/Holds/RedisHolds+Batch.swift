/// A group-commit batch's leases and settling (`BatchLease`): one script call per performance of the batch.
extension RedisHolds {
    /// Asked inside the batch's transaction, so asked afresh even while other calls fail fast after an error, and once
    /// more on a fresh connection if the old one died (`failFast: false`), as a single booking's check was.
    func leaseBatch(_ requests: [LeaseRequest], ttlMs: Int) -> [LeaseOutcome] {
        var outcomes = [LeaseOutcome](repeating: .offline("not asked"), count: requests.count)
        for call in BatchLease.calls(performanceIDs: requests.map(\.performanceID)) {
            let members = call.members.map { requests[$0] }
            let keys = RedisKeys(namespace: namespace, performanceID: call.performanceID)
            let answers: [LeaseOutcome]
            do {
                let reply = try run(.leaseBatch, keys: [keys.index] + members.flatMap { $0.labels.map(keys.hold) },
                                    args: [String(ttlMs)] + BatchLease.leaseArguments(members), failFast: false)
                answers = BatchLease.outcomes(reply, count: members.count)
            } catch {
                let why = (error as? BookingError).map { if case .holdsUnavailable(let w) = $0 { w } else { "\($0)" } } ?? "\(error)"
                answers = Array(repeating: .offline(why), count: members.count)
            }
            for (i, answer) in zip(call.members, answers) { outcomes[i] = answer }
        }
        return outcomes
    }

    /// Clears and announces after the commit; throws the first failure after trying every performance.
    func settleBatch(_ settlements: [LeaseSettlement]) throws {
        var failure: Error?
        for call in BatchLease.calls(performanceIDs: settlements.map(\.request.performanceID)) {
            let members = call.members.map { settlements[$0] }
            let keys = RedisKeys(namespace: namespace, performanceID: call.performanceID)
            do {
                _ = try run(.settleBatch, keys: [keys.version, keys.index, keys.audit] + members.flatMap { $0.labels.map(keys.hold) },
                            args: [keys.channel] + BatchLease.settleArguments(members))
            } catch {
                failure = failure ?? error
            }
        }
        if let failure { throw failure }
    }
}
