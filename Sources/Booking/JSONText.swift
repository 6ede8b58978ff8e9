import Foundation

/// A JSON value written as text: the command line's `--json` outputs. Foundation's JSONEncoder took about 20 ms for
/// the 744 seats of the demo venue on Linux (half of `seats --json`); this writes the same text (pretty, two-space
/// indents, keys sorted, `"key" : value`, slashes unescaped, dates as ISO 8601 in UTC) in well under a millisecond.
///
/// Not `indirect`: arrays already hold their elements on the heap, and an indirect enum boxed every value (two heap
/// allocations per member, 30,000 for the demo's seat list). Written as UTF-8 bytes into one buffer: appending to a
/// String checked and grew it for every piece, and was most of the time of `seats --json`.
public enum JSONText: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)
    case array([JSONText])
    /// Members in any order: they are written sorted by key.
    case object([(String, JSONText)])

    public static func == (a: JSONText, b: JSONText) -> Bool { a.bytes() == b.bytes() }

    public static func string(_ s: String?) -> JSONText { s.map { .string($0) } ?? .null }
    public static func int(_ i: Int?) -> JSONText { i.map { .int(Int64($0)) } ?? .null }
    public static func int(_ i: Int64?) -> JSONText { i.map { .int($0) } ?? .null }
    /// ISO 8601 in UTC to the second, as JSONEncoder's `.iso8601` writes it: `2026-11-26T19:30:00Z`.
    public static func date(_ d: Date?) -> JSONText { d.map { .string(iso8601($0)) } ?? .null }

    public func rendered() -> String { String(decoding: bytes(), as: UTF8.self) }

    /// The text as UTF-8.
    public func bytes() -> [UInt8] { withBytes { Array($0) } }

    /// The text as UTF-8, lent to `body` without making an array of it (`seats --json` writes 380 kB).
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var out = ByteSink()
        defer { out.free() }
        write(to: &out, indent: 0)
        return try body(UnsafeRawBufferPointer(start: out.base, count: out.count))
    }

    /// The text as UTF-8, handed to `body` a piece at a time (each about `chunk` bytes, the last shorter): a large
    /// output (`seats --json` writes 380 kB) goes out from one small buffer instead of a growing one, whose fresh
    /// pages were a tenth of that command's page faults.
    public func write(chunk: Int = 65_536, to body: (UnsafeRawBufferPointer) -> Void) {
        withoutActuallyEscaping(body) { body in
            var out = ByteSink(capacity: chunk, flush: body)
            defer { out.free() }
            write(to: &out, indent: 0)
            if out.count > 0 { body(UnsafeRawBufferPointer(start: out.base, count: out.count)) }
        }
    }

    fileprivate func write(to out: inout ByteSink, indent: Int) {
        switch self {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .int(let i): Self.digits(i, into: &out)
        case .string(let s): Self.quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { out.append("[]"); return }
            out.append(UInt8(ascii: "["))
            var first = true
            for item in items {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                out.newline(indent + 1)
                item.write(to: &out, indent: indent + 1)
            }
            out.newline(indent)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { out.append("{}"); return }
            out.append(UInt8(ascii: "{"))
            // Callers mostly list their members sorted already: checking costs one comparison a member, sorting many.
            var isSorted = true
            for i in members.indices.dropFirst() where !(members[i - 1].0 < members[i].0) { isSorted = false; break }
            var first = true
            for member in isSorted ? members : members.sorted(by: { $0.0 < $1.0 }) {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                out.newline(indent + 1)
                Self.quote(member.0, into: &out)
                out.append(" : ")
                member.1.write(to: &out, indent: indent + 1)
            }
            out.newline(indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func digits(_ value: Int64, into out: inout ByteSink) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var reversed: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                       UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &reversed) { buffer in
            var count = 0
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            while count > 0 {
                count -= 1
                out.append(buffer[count])
            }
        }
    }

    /// A JSON string: `"` and `\` escaped, and every control character below U+0020 (RFC 8259 asks no more).
    fileprivate static func quote(_ s: String, into out: inout ByteSink) {
        // Most text needs no escape and is stored contiguously: copied from where it is, without a copy of the String.
        if let done = s.utf8.withContiguousStorageIfAvailable({ out.appendQuotedIfPlain($0) }), done { return }
        var text = s
        text.withUTF8 { utf8 in
            if out.appendQuotedIfPlain(utf8) { return }
            out.append(UInt8(ascii: "\""))
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""): out.append("\\\"")
                case UInt8(ascii: "\\"): out.append("\\\\")
                case UInt8(ascii: "\n"): out.append("\\n")
                case UInt8(ascii: "\r"): out.append("\\r")
                case UInt8(ascii: "\t"): out.append("\\t")
                case 0x08: out.append("\\b")
                case 0x0C: out.append("\\f")
                case 0..<0x20:
                    let hex: StaticString = "0123456789abcdef"
                    out.append("\\u00")
                    out.append(hex.utf8Start[Int(byte >> 4)])
                    out.append(hex.utf8Start[Int(byte & 0xF)])
                default: out.append(byte)
                }
            }
            out.append(UInt8(ascii: "\""))
        }
    }

    static func iso8601(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var t = tm()
        gmtime_r(&seconds, &t)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(t.tm_year + 1900)-\(two(t.tm_mon + 1))-\(two(t.tm_mday))T\(two(t.tm_hour)):\(two(t.tm_min)):\(two(t.tm_sec))Z"
    }
}

/// Receives one JSON object's members with their keys in sorted order, as `.object` writes them: one list of members
/// (SeatJSON's) can make a `.object` value (`JSONMemberList`) or go straight into the output (`JSONText.ObjectWriter`).
/// Keys are names of our own: plain text needing no escape in JSON (no quote, backslash or control character).
public protocol JSONMembers {
    mutating func add(_ key: String, _ value: JSONText)
}

/// Members collected for `.object`.
public struct JSONMemberList: JSONMembers {
    public private(set) var members: [(String, JSONText)] = []
    public init(capacity: Int = 0) { members.reserveCapacity(capacity) }
    public mutating func add(_ key: String, _ value: JSONText) { members.append((key, value)) }
}

extension JSONText {
    /// The text of `.array` of `count` objects, the i-th object's members added by `members(i, &object)` and written
    /// as they are added: no JSONText value is made per object (`seats --json` made ~20,000 heap values for its 744
    /// seats only to write each once: a fifth of the command). Members come sorted by key, as `.object` writes them
    /// (it sorts; this cannot). Handed to `body` a chunk at a time, as `write(chunk:to:)`.
    public static func writeObjects(count: Int, chunk: Int = 65_536, to body: (UnsafeRawBufferPointer) -> Void,
                                    members: (Int, inout ObjectWriter) -> Void) {
        withoutActuallyEscaping(body) { body in
            var object = ObjectWriter(out: ByteSink(capacity: chunk, flush: body))
            defer { object.out.free() }
            if count == 0 {
                object.out.append("[]")
            } else {
                object.out.append(UInt8(ascii: "["))
                for i in 0..<count {
                    if i > 0 { object.out.append(UInt8(ascii: ",")) }
                    object.out.newline(1)
                    object.added = 0
                    members(i, &object)
                    object.end()
                }
                object.out.newline(0)
                object.out.append(UInt8(ascii: "]"))
            }
            if object.out.count > 0 { body(UnsafeRawBufferPointer(start: object.out.base, count: object.out.count)) }
        }
    }

    /// One object of `writeObjects`' array (at indent 1), written member by member.
    public struct ObjectWriter: JSONMembers {
        fileprivate var out: ByteSink
        fileprivate var added = 0
#if DEBUG
        private var lastKey: String?
#endif

        fileprivate init(out: ByteSink) { self.out = out }

        public mutating func add(_ key: String, _ value: JSONText) {
#if DEBUG
            if added == 0 { lastKey = nil }
            assert(lastKey.map { $0 < key } ?? true, "members must come sorted by key: \(lastKey ?? "") before \(key)")
            lastKey = key
#endif
            // A key is a name of ours (SeatJSON's), never text from outside: copied as it is, without the escape check
            // of every byte that `quote` makes (that check was a third of `seats --json`'s writing), in one piece with
            // the comma, line break and indent before it.
            assert(key.utf8.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }, "key \(key) needs escapes")
            let first = added == 0
            added += 1
            if key.utf8.withContiguousStorageIfAvailable({ out.appendMemberStart(first: first, key: $0) }) == nil {
                let bytes = Array(key.utf8)
                bytes.withUnsafeBufferPointer { out.appendMemberStart(first: first, key: $0) }
            }
            value.write(to: &out, indent: 2)
        }

        fileprivate mutating func end() {
            if added == 0 { out.append("{}"); return }
            out.newline(1)
            out.append(UInt8(ascii: "}"))
        }
    }
}

/// The bytes of a JSON text as it is written: one malloc'd buffer grown by doubling, appended to without an array's
/// uniqueness and capacity checks on every byte (appending to `[UInt8]` was most of `seats --json`'s writing).
fileprivate struct ByteSink {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    /// Takes the bytes so far whenever the buffer is full (nil: the buffer grows instead).
    private let flush: ((UnsafeRawBufferPointer) -> Void)?

    init(capacity: Int = 16_384, flush: ((UnsafeRawBufferPointer) -> Void)? = nil) {
        self.capacity = max(capacity, 64)
        self.flush = flush
        base = .allocate(capacity: self.capacity)
    }

    func free() { base.deallocate() }

    @inline(__always) private mutating func reserve(_ n: Int) {
        if count + n > capacity { makeRoom(n) }
    }

    private mutating func makeRoom(_ n: Int) {
        if let flush, count > 0 {
            flush(UnsafeRawBufferPointer(start: base, count: count))
            count = 0
            if n <= capacity { return }
        }
        grow(count + n)
    }

    private mutating func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.initialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }

    @inline(__always) mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always) mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let from = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (base + count).initialize(from: from.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        count += bytes.count
    }

    /// `"text"` when the text needs no escape (most do not), copied while it is checked; false, and nothing
    /// written, when it does.
    @inline(__always) mutating func appendQuotedIfPlain(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        reserve(utf8.count + 2)
        var at = count
        base[at] = UInt8(ascii: "\"")
        at += 1
        for byte in utf8 {
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
            base[at] = byte
            at += 1
        }
        base[at] = UInt8(ascii: "\"")
        count = at + 1
        return true
    }

    /// `{` (the first member) or `,`, a line break, two levels of indent, then `"key" : `: the start of a member of an
    /// object in `writeObjects`' array, reserved and written at once.
    @inline(__always) mutating func appendMemberStart(first: Bool, key: UnsafeBufferPointer<UInt8>) {
        let n = key.count
        reserve(n + 11)
        let at = base + count
        at[0] = UInt8(ascii: first ? "{" : ",")
        at[1] = UInt8(ascii: "\n")
        for i in 2..<6 { at[i] = UInt8(ascii: " ") }
        at[6] = UInt8(ascii: "\"")
        if n > 0 { (at + 7).initialize(from: key.baseAddress!, count: n) }
        at[7 + n] = UInt8(ascii: "\"")
        at[8 + n] = UInt8(ascii: " ")
        at[9 + n] = UInt8(ascii: ":")
        at[10 + n] = UInt8(ascii: " ")
        count += n + 11
    }

    @inline(__always) mutating func append(_ s: StaticString) {
        append(UnsafeRawBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// A line break and two spaces per level.
    @inline(__always) mutating func newline(_ level: Int) {
        var n = 1 + 2 * level
        if n <= Self.indents.utf8CodeUnitCount {
            append(UnsafeRawBufferPointer(start: Self.indents.utf8Start, count: n))
            return
        }
        append(UInt8(ascii: "\n"))
        n -= 1
        while n > 0 {
            let k = min(n, Self.indents.utf8CodeUnitCount - 1)
            append(UnsafeRawBufferPointer(start: Self.indents.utf8Start + 1, count: k))
            n -= k
        }
    }

    private static let indents: StaticString = "\n                                                                "
}
