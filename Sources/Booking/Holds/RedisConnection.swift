import CHiredis
import Foundation

/// A Redis reply, copied out of hiredis' memory.
public enum RedisReply: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case array([RedisReply])
    case status(String)
    case error(String)
    case null

    public var string: String? {
        switch self {
        case .string(let s), .status(let s): s
        case .integer(let i): String(i)
        default: nil
        }
    }

    public var integer: Int64? {
        switch self {
        case .integer(let i): i
        case .string(let s): Int64(s)
        default: nil
        }
    }

    public var array: [RedisReply] {
        if case .array(let a) = self { return a }
        return []
    }
}

/// The one Swift wrapper around a hiredis context. Not thread-safe (hiredis contexts are not): each owner
/// keeps it behind a lock or on one thread. After any I/O error the context is dead, so it is dropped and
/// the next command reconnects.
final class RedisConnection {
    let endpoint: RedisEndpoint
    let timeout: Duration
    private var context: UnsafeMutablePointer<redisContext>?

    init(endpoint: RedisEndpoint, timeout: Duration) {
        self.endpoint = endpoint
        self.timeout = timeout
    }

    deinit { close() }

    var isConnected: Bool { context != nil }

    /// The socket, for `poll()` in a subscriber.
    var fileDescriptor: Int32? { context.map { $0.pointee.fd } }

    func close() {
        if let context { redisFree(context) }
        context = nil
    }

    /// hiredis writes with write(2): when Redis goes away (restarted, shut down) the next write raises SIGPIPE,
    /// which kills the whole process by default. Ignored once per process, the write fails with EPIPE instead
    /// and the call reports holds as offline.
    private static let ignoreBrokenPipe: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    func connect() throws {
        if context != nil { return }
        Self.ignoreBrokenPipe
        let (secs, attos) = timeout.components
        let tv = timeval(tv_sec: Int(secs), tv_usec: Int(attos / 1_000_000_000_000))
        let ctx: UnsafeMutablePointer<redisContext>? = switch endpoint.address {
        case .tcp(let host, let port): redisConnectWithTimeout(host, Int32(port), tv)
        case .unix(let path): redisConnectUnixWithTimeout(path, tv)
        }
        guard let ctx else { throw BookingError.holdsUnavailable("out of memory") }
        if ctx.pointee.err != 0 {
            let why = Self.errorText(ctx)
            redisFree(ctx)
            throw BookingError.holdsUnavailable("cannot connect to \(endpoint): \(why)")
        }
        // A read timeout, so a stalled Redis cannot freeze a clerk's screen or a booking.
        redisSetTimeout(ctx, tv)
        context = ctx
        do {
            if let password = endpoint.password {
                try expectOK(command(["AUTH", password]), "AUTH")
            }
            if endpoint.database != 0 {
                try expectOK(command(["SELECT", String(endpoint.database)]), "SELECT")
            }
        } catch {
            close()
            throw error
        }
    }

    private func expectOK(_ reply: RedisReply, _ what: String) throws {
        if case .error(let e) = reply { throw BookingError.holdsUnavailable("\(what) refused: \(e)") }
    }

    /// Sends one command and waits for its reply. A Redis error reply is returned, not thrown;
    /// a broken connection is thrown as `holdsUnavailable`.
    func command(_ args: [String]) throws -> RedisReply {
        try connect()
        guard let ctx = context else { throw BookingError.holdsUnavailable("not connected") }
        let raw = withArgv(args) { argc, argv, lens in redisCommandArgv(ctx, argc, argv, lens) }
        guard let raw else {
            let why = Self.errorText(ctx)
            close()
            throw BookingError.holdsUnavailable("lost the connection to \(endpoint): \(why)")
        }
        let reply = raw.assumingMemoryBound(to: redisReply.self)
        defer { freeReplyObject(raw) }
        return Self.convert(reply)
    }

    /// Queues a command without waiting (for SUBSCRIBE on a subscriber connection).
    func send(_ args: [String]) throws {
        try connect()
        guard let ctx = context else { throw BookingError.holdsUnavailable("not connected") }
        let rc = withArgv(args) { argc, argv, lens in redisAppendCommandArgv(ctx, argc, argv, lens) }
        var done: Int32 = 0
        while rc == REDIS_OK && done == 0 {
            if redisBufferWrite(ctx, &done) != REDIS_OK { break }
        }
        if rc != REDIS_OK || done == 0 {
            let why = Self.errorText(ctx)
            close()
            throw BookingError.holdsUnavailable("lost the connection to \(endpoint): \(why)")
        }
    }

    /// Waits until the socket is readable or the deadline passes (then the connection is closed and it throws),
    /// and returns the complete replies that arrived.
    func readAvailable(waitingUntil deadline: ContinuousClock.Instant) throws -> [RedisReply] {
        guard let fd = fileDescriptor else { throw BookingError.holdsUnavailable("not connected") }
        while true {
            let left = ContinuousClock.now.duration(to: deadline)
            let ms = max(0, Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, ms)
            if ready > 0 { return try readAvailable() }
            if ready < 0 && errno == EINTR && ms > 0 { continue }
            close()
            throw BookingError.holdsUnavailable("\(endpoint) took the connection but did not answer in time")
        }
    }

    /// Reads whatever the socket has (call when `poll()` says it is readable) and returns the complete replies.
    func readAvailable() throws -> [RedisReply] {
        guard let ctx = context else { throw BookingError.holdsUnavailable("not connected") }
        if redisBufferRead(ctx) != REDIS_OK {
            let why = Self.errorText(ctx)
            close()
            throw BookingError.holdsUnavailable("lost the connection to \(endpoint): \(why)")
        }
        var replies: [RedisReply] = []
        while true {
            var raw: UnsafeMutableRawPointer?
            if redisGetReplyFromReader(ctx, &raw) != REDIS_OK {
                close()
                throw BookingError.holdsUnavailable("unreadable reply from \(endpoint)")
            }
            guard let raw else { break }
            replies.append(Self.convert(raw.assumingMemoryBound(to: redisReply.self)))
            freeReplyObject(raw)
        }
        return replies
    }

    private func withArgv<R>(_ args: [String], _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> R) -> R {
        // Byte-exact lengths: arguments may contain anything, including NUL. Every argument is copied into one buffer
        // (two allocations and copies per argument before: a tenth of a booking's instructions).
        var lens: [Int] = []
        lens.reserveCapacity(args.count)
        var total = 0
        for arg in args {
            let n = arg.utf8.count
            lens.append(n)
            total += n
        }
        let storage = UnsafeMutablePointer<CChar>.allocate(capacity: max(total, 1))
        defer { storage.deallocate() }
        var argv: [UnsafePointer<CChar>?] = []
        argv.reserveCapacity(args.count)
        var offset = 0
        for (i, arg) in args.enumerated() {
            let destination = storage + offset
            var bytes = arg
            bytes.withUTF8 { source in
                if let base = source.baseAddress, !source.isEmpty {
                    UnsafeMutableRawPointer(destination).copyMemory(from: base, byteCount: source.count)
                }
            }
            argv.append(UnsafePointer(destination))
            offset += lens[i]
        }
        return argv.withUnsafeMutableBufferPointer { av in
            lens.withUnsafeBufferPointer { ln in body(Int32(args.count), av.baseAddress!, ln.baseAddress!) }
        }
    }

    private static func errorText(_ ctx: UnsafeMutablePointer<redisContext>) -> String {
        let text = withUnsafeBytes(of: ctx.pointee.errstr) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return text.isEmpty ? "connection closed" : text
    }

    private static func convert(_ r: UnsafeMutablePointer<redisReply>) -> RedisReply {
        let reply = r.pointee
        func text() -> String {
            guard let str = reply.str else { return "" }
            return str.withMemoryRebound(to: UInt8.self, capacity: reply.len) {
                String(decoding: UnsafeBufferPointer(start: $0, count: reply.len), as: UTF8.self)
            }
        }
        switch reply.type {
        case REDIS_REPLY_STRING: return .string(text())
        case REDIS_REPLY_STATUS: return .status(text())
        case REDIS_REPLY_ERROR: return .error(text())
        case REDIS_REPLY_INTEGER: return .integer(reply.integer)
        case REDIS_REPLY_ARRAY:
            var items: [RedisReply] = []
            items.reserveCapacity(reply.elements)
            for i in 0..<reply.elements {
                if let e = reply.element[i] { items.append(convert(e)) }
            }
            return .array(items)
        default: return .null
        }
    }
}
