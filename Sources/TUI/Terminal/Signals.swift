@preconcurrency import CNcursesw
import Foundation

// Signal handlers may only do async-signal-safe work, so they write the signal number to a pipe that the event loop
// polls; the loop then restores the terminal and releases holds in ordinary code. These globals are written once
// before the handlers are installed and only read inside them.
nonisolated(unsafe) private var signalPipeWrite: Int32 = -1
nonisolated(unsafe) private var cursesActiveForCrash = false

/// Signals the picker handles, and the pipe through which the event loop hears of them.
final class Signals {
    /// Leave, releasing this session's holds: Ctrl-C, `kill`, and a dropped SSH connection.
    static let terminating: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    /// A Swift runtime trap or crash: restore the terminal, then die as the signal intends.
    static let fatal: [Int32] = [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE]

    let readFD: Int32
    private let writeFD: Int32
    private var saved: [Int32: sigaction] = [:]

    init() throws {
        (readFD, writeFD) = try makeSelfPipe(for: "signals")
        signalPipeWrite = writeFD
        for signal in Self.terminating + [SIGTSTP] { install(signal, handler: Self.forward) }
        for signal in Self.fatal { install(signal, handler: Self.crash) }
        // A write to a closed SSH connection must not kill us before the holds are released.
        install(SIGPIPE, handler: nil)
    }

    /// Marks whether curses owns the terminal, so the crash handler knows whether to restore it.
    static func cursesActive(_ active: Bool) { cursesActiveForCrash = active }

    private func install(_ signal: Int32, handler: (@convention(c) (Int32) -> Void)?) {
        var action = sigaction()
        if let handler {
            action.__sigaction_handler.sa_handler = handler
        } else {
            action.__sigaction_handler.sa_handler = unsafeBitCast(1, to: __sighandler_t.self)  // SIG_IGN
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = signal == SIGTSTP ? SA_RESTART : 0
        var old = sigaction()
        sigaction(signal, &action, &old)
        saved[signal] = old
    }

    private static let forward: @convention(c) (Int32) -> Void = { signal in
        var byte = UInt8(truncatingIfNeeded: signal)
        _ = write(signalPipeWrite, &byte, 1)
    }

    private static let crash: @convention(c) (Int32) -> Void = { signal in
        if cursesActiveForCrash {
            cursesActiveForCrash = false
            endwin()
        }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = nil  // SIG_DFL
        sigemptyset(&action.sa_mask)
        sigaction(signal, &action, nil)
        raise(signal)
    }

    /// Signal numbers that arrived since the last call.
    func drain() -> [Int32] {
        var result: [Int32] = []
        var bytes = [UInt8](repeating: 0, count: 64)
        while true {
            let n = read(readFD, &bytes, bytes.count)
            if n <= 0 { break }
            result += bytes[0..<n].map { Int32($0) }
        }
        return result
    }

    /// Stops this process as Ctrl-Z asks (the terminal must already be restored); returns after `fg`.
    func stopForSuspend() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = nil
        sigemptyset(&action.sa_mask)
        sigaction(SIGTSTP, &action, nil)
        kill(getpid(), SIGTSTP)
        // Running again: catch the next Ctrl-Z too.
        install(SIGTSTP, handler: Self.forward)
    }

    /// Puts every handler back as it was and closes the pipe.
    func restore() {
        for (signal, var old) in saved { sigaction(signal, &old, nil) }
        saved = [:]
        signalPipeWrite = -1
        close(readFD)
        close(writeFD)
    }
}
