import Foundation
import GRDB
import Synchronization

/// Group commit for a process that books for many callers at once (the HTTP server): one writer thread takes every
/// booking waiting at that moment into one `BEGIN IMMEDIATE` … `COMMIT`, each inside its own `SAVEPOINT`, so one
/// fsync serves them all and a booking that fails (a seat taken, a hold lost) rolls back only its own savepoint.
/// No booking waits for others to arrive: while one batch commits, the next gathers.
final class GroupCommit: Sendable {
    /// One caller's transaction body, run on the writer thread while the caller waits on `done`.
    private final class Job: @unchecked Sendable {
        /// Dropped by the writer before it signals `done`: the caller's closure must not outlive its call.
        var body: ((Database) throws -> Any)?
        var result: Result<Any, Error>?
        let done = DispatchSemaphore(value: 0)
        init(body: @escaping (Database) throws -> Any) { self.body = body }
    }

    private let pool: any DatabaseWriter
    private let path: String
    private let waiting = Mutex<[Job]>([])
    private let wake = DispatchSemaphore(value: 0)

    init(pool: any DatabaseWriter, path: String) {
        self.pool = pool
        self.path = path
        let thread = Thread { [self] in self.loop() }
        thread.name = "group-commit"
        thread.start()
    }

    /// Runs `body` inside the next batch's transaction, in a savepoint of its own; returns once the batch committed.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try withoutActuallyEscaping(body) { body in
            // The body escapes only for as long as this caller blocks below, which is how long the writer uses it.
            let job = Job(body: { try body($0) })
            waiting.withLock { $0.append(job) }
            wake.signal()
            job.done.wait()
            do {
                return try job.result!.get() as! T
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
        do {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                do {
                    for job in batch {
                        try db.execute(sql: "SAVEPOINT booking")
                        do {
                            job.result = .success(try job.body!(db))
                            try db.execute(sql: "RELEASE booking")
                        } catch {
                            job.result = .failure(error)
                            try db.execute(sql: "ROLLBACK TO booking")
                            try db.execute(sql: "RELEASE booking")
                        }
                    }
                    try db.execute(sql: "COMMIT")
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
    }
}
