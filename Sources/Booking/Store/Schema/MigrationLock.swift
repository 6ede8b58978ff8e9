import Foundation

/// An exclusive `flock` on a side file, held while one process migrates the database. Waits up to `timeout` (a process
/// stopped while migrating must not hang every clerk), then answers `databaseBusy` as any other lock wait would.
struct MigrationLock {
    private let fd: Int32

    init(path: String, timeout: TimeInterval) throws {
        // Group-writable, like the database: clerks are separate Unix users sharing the data folder.
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o660)
        guard fd >= 0 else {
            throw BookingError.databaseUnavailable("cannot open \(path) to upgrade the database (\(String(cString: strerror(errno)))).")
        }
        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, ContinuousClock.now < deadline else {
                close(fd)
                throw BookingError.databaseBusy
            }
            usleep(5_000)  // flock has no timed wait; the holder is another process, so there is no signal to wait on
        }
    }

    func unlock() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
