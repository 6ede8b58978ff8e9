import Foundation

/// A non-blocking pipe that wakes the event loop's `poll()`: written from another thread or a signal handler,
/// read on the loop. Close-on-exec, so a child process never inherits it.
func makeSelfPipe(for purpose: String) throws -> (read: Int32, write: Int32) {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { throw Curses.StartError(description: "Could not create a pipe for \(purpose).") }
    for fd in fds {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }
    return (fds[0], fds[1])
}
