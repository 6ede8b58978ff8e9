import Foundation
import GRDB
import Synchronization

/// Group commit for a process that books for many callers at once (the HTTP server): one writer thread takes every
/// booking waiting at that moment into one `BEGIN IMMEDIATE` … `COMMIT`, each inside its own `SAVEPOINT`, so one
/// fsync serves them all and a booking that fails (a seat taken, a hold lost) rolls back only its own savepoint.
/// No booking waits for others to arrive: while one batch commits, the next gathers.
final class GroupCommit: Sendable {
    /// One caller's work in a batch, run on the writer thread; `finished` tells the caller (from the settling queue).
    /// Touched only by the writer thread until `finished` hands it back.
    final class Job: @unchecked Sendable {
        /// Run for every job of the batch first, under the write lock and before the leases: reads what the job needs
        /// and says which seats its booking leases (nil: none). It writes only what the whole batch shares (expired
        /// reservations given back); a throw fails this job alone.
        var prepare: ((Database, BatchMemo) throws -> LeaseRequest?)?
        /// Run in a savepoint of its own; dropped before `finished` (the caller's closures must not outlive its call).
        var body: ((Database, Job, BatchMemo) throws -> Any)?
        var result: Result<Any, Error>?
        /// The booking's seats, as `prepare` named them; leased with the whole batch's before any body runs (`BatchLease`).
        var lease: LeaseRequest?
        /// What the lease came to, set before the body runs.
        var leaseOutcome: LeaseOutcome?
        /// Set by the body when it booked (not a replay): the batch announces it once committed.
        var bookedReference: String?
        /// Called on the settling queue once the batch has committed or failed and its leases are settled.
        let finished: (Job) -> Void

        init(prepare: ((Database, BatchMemo) throws -> LeaseRequest?)?, body: @escaping (Database, Job, BatchMemo) throws -> Any,
             finished: @escaping (Job) -> Void) {
            self.prepare = prepare
            self.body = body
            self.finished = finished
        }
    }

    private let pool: any DatabaseWriter
    private let path: String
    private let waiting = Mutex<[Job]>([])
    private let wake = DispatchSemaphore(value: 0)
    /// The writer thread's nice value (packaging/systemd/boxoffice-server.service allows it with LimitNICE).
    static let writerNice: Int32 = -10
    /// Settles each batch's leases in Redis and tells its callers, in commit order, off the writer thread.
    private let settling = DispatchQueue(label: "group-commit-settle")
    /// Leases each batch's bookings and settles them after the commit (nil: bookings bring no lease requests).
    private let holds: (any BatchHolds)?

    init(pool: any DatabaseWriter, path: String, holds: (any BatchHolds)? = nil) {
        self.pool = pool
        self.path = path
        self.holds = holds
        let thread = Thread { [self] in
            // Every booking waits for this one thread, which on a busy machine got no more of a core than any of the
            // threads answering requests (bookings 4,839 -> 5,293/s at 64 connections, three alternated runs each, at
            // nice -10). Raised where allowed (root, or the unit's LimitNICE=-10); else it stays as it is.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, Self.writerNice)  // 0: this thread, on Linux
            // Named here: Foundation's `Thread.name` does not reach the kernel on Linux, so `top -H` showed the writer
            // under the name of the dispatch thread that started it.
            try? Data("group-commit".utf8).write(to: URL(fileURLWithPath: "/proc/thread-self/comm"))
            self.loop()
        }
        thread.start()
    }

    /// Queues a job for the next batch; its `finished` is called on the settling queue.
    func submit(_ job: Job) {
        waiting.withLock { $0.append(job) }
        wake.signal()
    }

    private func loop() {
        while true {
            wake.wait()
            let batch = waiting.withLock { jobs in defer { jobs = [] }; return jobs }
            guard !batch.isEmpty else { continue }  // an earlier batch took these jobs already
            let committed = run(batch)
            for job in batch {
                job.prepare = nil
                job.body = nil
            }
            // The next batch need not wait for this one's Redis settling (a script call as long as the batch, during
            // which the writer stood idle): it settles on a queue of its own, batches in commit order, and each
            // booking's `book` event still goes out before its caller hears. A next batch may meet a lease not yet
            // settled: a seat booked by then is refused naming the booking; one this batch failed to book, naming
            // its holder until the settle clears it.
            settling.async { [holds] in
                if let holds {
                    let settlements = batch.compactMap { job in
                        job.lease.flatMap { LeaseSettlement.after($0, outcome: job.leaseOutcome, reference: job.bookedReference, committed: committed) }
                    }
                    if !settlements.isEmpty { holds.settle(settlements) }
                }
                for job in batch { job.finished(job) }
            }
        }
    }

    /// Whether the batch committed.
    private func run(_ batch: [Job]) -> Bool {
        var committed = false
        do {
            try pool.writeWithoutTransaction { db in
                // Prepared once per connection, as the savepoints below: `execute(sql:)` parsed each anew.
                try db.cachedStatement(sql: "BEGIN IMMEDIATE").execute()
                let memo = BatchMemo()
                do {
                    // Under the write lock, before any booking's statements: from here to the commit no other caller
                    // can hold these seats (one script call for the batch, where each booking took a lease before its
                    // own transaction and had it checked again inside).
                    for job in batch {
                        guard let prepare = job.prepare else { continue }
                        do { job.lease = try prepare(db, memo) } catch { job.result = .failure(error) }
                    }
                    let leased = batch.filter { $0.result == nil && $0.lease != nil }
                    if let holds, !leased.isEmpty {
                        for (job, outcome) in zip(leased, holds.lease(leased.map { $0.lease! })) { job.leaseOutcome = outcome }
                    }
                    for job in batch where job.result == nil {
                        try db.cachedStatement(sql: "SAVEPOINT booking").execute()
                        do {
                            job.result = .success(try job.body!(db, job, memo))
                            try db.cachedStatement(sql: "RELEASE booking").execute()
                        } catch {
                            job.result = .failure(error)
                            job.bookedReference = nil  // rolled back: nothing of it to announce
                            try db.execute(sql: "ROLLBACK TO booking")
                            try db.execute(sql: "RELEASE booking")
                        }
                    }
                    try db.cachedStatement(sql: "COMMIT").execute()
                    committed = true
                } catch {
                    if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
                    throw error
                }
            }
        } catch {
            // The batch did not commit (the write lock stayed busy, the disk is full): none of it was written, so every
            // booking in it fails with that error, including those whose own savepoint had gone well.
            for job in batch { job.result = .failure(SQLiteStore.translate(error, path: path)) }
        }
        return committed
    }
}
