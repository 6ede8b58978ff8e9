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
    public func bytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(to: &out, indent: 0)
        return out
    }

    private func write(to out: inout [UInt8], indent: Int) {
        switch self {
        case .null: Self.append("null", to: &out)
        case .bool(let b): Self.append(b ? "true" : "false", to: &out)
        case .int(let i): Self.digits(i, into: &out)
        case .string(let s): Self.quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { Self.append("[]", to: &out); return }
            out.append(UInt8(ascii: "["))
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(&out, indent + 1)
                item.write(to: &out, indent: indent + 1)
            }
            Self.newline(&out, indent)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { Self.append("{}", to: &out); return }
            out.append(UInt8(ascii: "{"))
            // Callers mostly list their members sorted already: checking costs one comparison a member, sorting many.
            let isSorted = zip(members, members.dropFirst()).allSatisfy { $0.0 < $1.0 }
            for (n, member) in (isSorted ? members : members.sorted(by: { $0.0 < $1.0 })).enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                Self.newline(&out, indent + 1)
                Self.quote(member.0, into: &out)
                Self.append(" : ", to: &out)
                member.1.write(to: &out, indent: indent + 1)
            }
            Self.newline(&out, indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func append(_ s: StaticString, to out: inout [UInt8]) {
        s.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    private static func newline(_ out: inout [UInt8], _ level: Int) {
        out.append(UInt8(ascii: "\n"))
        var n = 2 * level
        while n >= spaces.count {
            out.append(contentsOf: spaces)
            n -= spaces.count
        }
        out.append(contentsOf: spaces[..<n])
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 16)

    private static func digits(_ value: Int64, into out: inout [UInt8]) {
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
    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = s
        text.withUTF8 { utf8 in
            if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                out.append(contentsOf: utf8)
                return
            }
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""): append("\\\"", to: &out)
                case UInt8(ascii: "\\"): append("\\\\", to: &out)
                case UInt8(ascii: "\n"): append("\\n", to: &out)
                case UInt8(ascii: "\r"): append("\\r", to: &out)
                case UInt8(ascii: "\t"): append("\\t", to: &out)
                case 0x08: append("\\b", to: &out)
                case 0x0C: append("\\f", to: &out)
                case 0..<0x20:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    append("\\u00", to: &out)
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0xF)])
                default: out.append(byte)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    static func iso8601(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var t = tm()
        gmtime_r(&seconds, &t)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(t.tm_year + 1900)-\(two(t.tm_mon + 1))-\(two(t.tm_mday))T\(two(t.tm_hour)):\(two(t.tm_min)):\(two(t.tm_sec))Z"
    }
}
