import Foundation

/// The real `boxoffice` binary on a pseudo-terminal of a given size: the bench is the terminal, and counts every
/// byte the picker writes to it.
final class PtySession {
    let process = Process()
    private let master: Int32
    private(set) var total = 0

    init(binary: String, arguments: [String], environment: [String: String], width: Int, height: Int) throws {
        // posix_openpt and friends do not import into Swift; on Linux they are /dev/ptmx and two ioctls.
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0, number: UInt32 = 0
        guard master >= 0, ioctl(master, Self.TIOCSPTLCK, &unlock) == 0, ioctl(master, Self.TIOCGPTN, &number) == 0 else {
            throw BenchError("no pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        let name = "/dev/pts/\(number)"
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        let slave = open(name, O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw BenchError("cannot open \(name)") }
        let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = handle
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        try? handle.close()
    }

    deinit { close(master) }

    // _IOW('T', 0x31, int) and _IOR('T', 0x30, unsigned int): the macros do not import into Swift.
    static let TIOCSPTLCK: UInt = 0x4004_5431
    static let TIOCGPTN: UInt = 0x8004_5430

    var pid: pid_t { process.processIdentifier }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Reads until nothing has arrived for `quietMs` (or `maxMs` passed); returns the bytes read.
    @discardableResult
    func drain(quietMs: Int, maxMs: Int = 10_000) -> Int {
        var count = 0
        let deadline = monotonicNs() + UInt64(maxMs) * 1_000_000
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while monotonicNs() < deadline {
            var fd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&fd, 1, Int32(quietMs)) <= 0 { break }
            let n = read(master, &buffer, buffer.count)
            if n <= 0 { break }
            count += n
        }
        total += count
        return count
    }

    /// Waits for the first byte (up to `maxMs`), then reads until quiet: what one change wrote.
    func response(quietMs: Int, maxMs: Int = 2_000) -> Int {
        var fd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        if poll(&fd, 1, Int32(maxMs)) <= 0 { return 0 }
        return drain(quietMs: quietMs, maxMs: maxMs)
    }

    /// SIGTERM (the picker restores the terminal and writes its stats), then waits, reading what it writes meanwhile.
    func terminate() {
        kill(process.processIdentifier, SIGTERM)
        let deadline = monotonicNs() + 5_000_000_000
        while process.isRunning && monotonicNs() < deadline { drain(quietMs: 50, maxMs: 200) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
