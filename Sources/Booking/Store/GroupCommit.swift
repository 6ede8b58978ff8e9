import Foundation
import GRDB
import Synchronization

/// Group commit for a process that books for many callers at once (the HTTP server): one writer thread takes every
/// booking waiting at that moment into one `BEGIN IMMEDIATE` … `COMMIT`, each inside its own `SAVEPOINT`, so one
/// fsync serves them all and a booking that fails (a seat taken, a hold lost) rolls back only its own savepoint.
/// No booking waits for others to arrive: while one batch commits, the next gathers.
final class GroupCommit: Sendable {
    /// One caller's transaction body, run on the writer thread while the caller waits on `done`.
    /// Touched by the writer thread, then by the caller once `done` is signalled (the semaphore orders the two).
    final class Job: @unchecked Sendable {
        /// Dropped by the writer before it signals `done`: the caller's closure must not outlive its call.
        var body: ((Database, Job) throws -> Any)?
        var result: Result<Any, Error>?
        let done = DispatchSemaphore(value: 0)
        /// A booking's seats, leased with the whole batch's before any job runs (`BatchLease`).
        let lease: LeaseRequest?
        /// What the lease came to, set before the body runs.
        var leaseOutcome: LeaseOutcome?
        /// Set by the body when it booked (not a replay): the batch announces it once committed.
        var bookedReference: String?
        init(lease: LeaseRequest?, body: @escaping (Database, Job) throws -> Any) {
            self.lease = lease
            self.body = body
        }
    }

    private let pool: any DatabaseWriter
    private let path: String
    private let waiting = Mutex<[Job]>([])
    private let wake = DispatchSemaphore(value: 0)
    /// Leases each batch's bookings and settles them after the commit (nil: bookings bring no lease requests).
    private let holds: (any BatchHolds)?

    init(pool: any DatabaseWriter, path: String, holds: (any BatchHolds)? = nil) {
        self.pool = pool
        self.path = path
        self.holds = holds
        let thread = Thread { [self] in self.loop() }
        thread.name = "group-commit"
        thread.start()
    }

    /// Runs `body` inside the next batch's transaction, in a savepoint of its own; returns once the batch committed.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try write(lease: nil) { db, _ in try body(db) }.value
    }

    /// `write` for a booking whose seats the batch leases (`lease`): the body sees the lease's outcome on `job` before
    /// it does anything (a refusal is for it to throw) and sets `job.bookedReference` when it books.
    func write<T>(lease: LeaseRequest?, _ body: (Database, Job) throws -> T) throws -> (value: T, lease: LeaseOutcome?) {
        try withoutActuallyEscaping(body) { body in
            // The body escapes only for as long as this caller blocks below, which is how long the writer uses it.
            let job = Job(lease: lease, body: { try body($0, $1) })
            waiting.withLock { $0.append(job) }
            wake.signal()
            job.done.wait()
            do {
                return (try job.result!.get() as! T, job.leaseOutcome)
            } catch {
                throw SQLiteStore.translate(error, path: path)
            }
        }
    }

    private func loop() {
        while true {
            wake.wait()
            let batch = waiting.withLock { jobs in defer { jobs = [] }; return jobs }
            guard !batch.isEmpty else { continue }  // an earlier batch took these jobs already
            run(batch)
            for job in batch {
                job.body = nil
                job.done.signal()
            }
        }
    }

    private func run(_ batch: [Job]) {
        var committed = false
        do {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                do {
                    // Under the write lock, before any booking's statements: from here to the commit no other caller
                    // can hold these seats (one script call for the batch, where each booking took a lease before its
                    // own transaction and had it checked again inside).
                    let leased = batch.filter { $0.lease != nil }
                    if let holds, !leased.isEmpty {
                        for (job, outcome) in zip(leased, holds.lease(leased.map { $0.lease! })) { job.leaseOutcome = outcome }
                    }
                    for job in batch {
                        try db.execute(sql: "SAVEPOINT booking")
                        do {
                            job.result = .success(try job.body!(db, job))
                            try db.execute(sql: "RELEASE booking")
                        } catch {
                            job.result = .failure(error)
                            job.bookedReference = nil  // rolled back: nothing of it to announce
                            try db.execute(sql: "ROLLBACK TO booking")
                            try db.execute(sql: "RELEASE booking")
                        }
                    }
                    try db.execute(sql: "COMMIT")
                    committed = true
                } catch {
                    if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
                    throw error
                }
            }
        } catch {
            // The batch did not commit (the write lock stayed busy, the disk is full): none of it was written, so every
            // booking in it fails with that error, including those whose own savepoint had gone well.
            for job in batch { job.result = .failure(error) }
        }
        // Before the callers hear: a booking's `book` event goes out before its 201, as when each booking released its
        // own lease.
        if let holds {
            let settlements = batch.compactMap { job in
                job.lease.flatMap { LeaseSettlement.after($0, outcome: job.leaseOutcome, reference: job.bookedReference, committed: committed) }
            }
            if !settlements.isEmpty { holds.settle(settlements) }
        }
    }
}
