import Foundation

/// A worker process (this same binary with a `worker-…` subcommand), talked to over its stdin and stdout, line by line.
final class Child {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer: [UInt8] = []

    static var executable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
    }

    /// The next line the worker printed, or nil at its end.
    func readLine() -> String? {
        let fd = output.fileHandleForReading.fileDescriptor
        while true {
            if let nl = buffer.firstIndex(of: 10) {
                let line = String(decoding: buffer[..<nl], as: UTF8.self)
                buffer.removeSubrange(...nl)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let n = read(fd, &chunk, chunk.count)
            if n <= 0 {
                if buffer.isEmpty { return nil }
                defer { buffer.removeAll() }
                return String(decoding: buffer, as: UTF8.self)
            }
            buffer += chunk[..<n]
        }
    }

    /// Reads lines until one equals `expected` (a worker's "ready").
    func waitFor(_ expected: String) throws {
        while let line = readLine() {
            if line == expected { return }
        }
        throw BenchError("worker \(process.arguments?.first ?? "") ended before saying \(expected)")
    }

    func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    func closeInput() { try? input.fileHandleForWriting.close() }

    func wait() { process.waitUntilExit() }
}

/// Reads one line from this process's stdin (a worker waiting for "go").
func readStdinLine() -> String? { Swift.readLine(strippingNewline: true) }

/// Writes one line to stdout at once (unbuffered: the bench waits for it on a pipe).
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
