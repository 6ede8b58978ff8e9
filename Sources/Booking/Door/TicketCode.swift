/// The code printed on a ticket, read aloud on the phone and typed (or scanned) at the door.
///
/// Ten characters from Crockford's base 32 (digits and capitals without I, L, O and U, so nothing looks like
/// anything else): nine random ones (45 bits from the system CSPRNG, so a code cannot be guessed from another)
/// and a check character. The check is Damm's algorithm over the field GF(32) (x ∘ d = α·x + d, α a generator of
/// the field), a totally anti-symmetric quasigroup: every single mistyped character and every swap of two
/// neighbours (the check character included) is caught here, before the database is asked. Staying inside the
/// 32 symbols (rather than Crockford's mod-37 extras `* ~ $ = U`) keeps every code speakable and QR-alphanumeric.
public struct TicketCode: Hashable, Sendable, CustomStringConvertible {
    /// The ten canonical characters, upper case, no separators: what the database stores.
    public let value: String

    public static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    public static let length = 10
    static let randomLength = length - 1

    private static let symbols: [UInt8] = alphabet.map { $0.asciiValue! }

    /// A new code from the system's CSPRNG (`getrandom` on Linux).
    public static func random() -> TicketCode {
        var rng = SystemRandomNumberGenerator()
        return random(using: &rng)
    }

    /// A new code from the given generator (tests pass a seeded one; production uses `random()`).
    public static func random<G: RandomNumberGenerator>(using rng: inout G) -> TicketCode {
        // 45 bits, masked from 64: uniform because 2⁴⁵ divides 2⁶⁴.
        var bits = rng.next() & ((1 << 45) - 1)
        var digits = [UInt8](repeating: 0, count: randomLength)
        for i in 0..<randomLength {
            digits[i] = UInt8(bits & 31)
            bits >>= 5
        }
        return TicketCode(digits: digits + [checkDigit(for: digits)])
    }

    /// How many codes there are: each of the 2⁴⁵ numbers its nine characters spell has one.
    public static let numbers: UInt64 = 1 << 45

    /// The code spelling `number` (below `numbers`): how a ticket's code is issued from its enciphered id (`IssuedCodes`).
    public init(number: UInt64) {
        precondition(number < Self.numbers)
        let digits = (0..<Self.randomLength).map { UInt8(number >> (5 * UInt64($0)) & 31) }
        self.init(digits: digits + [Self.checkDigit(for: digits)])
    }

    /// The number the code's nine characters spell (`init(number:)` read back).
    public var number: UInt64 {
        value.utf8.prefix(Self.randomLength).enumerated().reduce(UInt64(0)) { n, d in
            n | UInt64(Self.symbols.firstIndex(of: d.element)!) << (5 * UInt64(d.offset))
        }
    }

    /// Reads what a clerk typed or a scanner sent: any case; spaces, tabs, line ends and dashes ignored; the
    /// Crockford substitutions I and L → 1, O → 0 made. Refuses a wrong length, a character outside the alphabet
    /// and a failed check, each with its own reason.
    public static func parse(_ text: String) throws(TicketCodeProblem) -> TicketCode {
        var digits: [UInt8] = []
        var position = 0
        for ch in text where !isSeparator(ch) {
            position += 1
            guard let digit = digit(for: ch) else { throw .notInAlphabet(ch, position: position) }
            digits.append(digit)
        }
        guard !digits.isEmpty else { throw .empty }
        guard digits.count == length else { throw .wrongLength(digits.count) }
        guard state(after: digits) == 0 else { throw .checkFailed }
        return TicketCode(digits: digits)
    }

    /// The code in two groups of five for printing and reading aloud: `7K2QD-M9XWA`.
    public var grouped: String {
        "\(value.prefix(5))-\(value.suffix(5))"
    }

    public var description: String { grouped }

    private init(digits: [UInt8]) {
        value = String(decoding: digits.map { Self.symbols[Int($0)] }, as: UTF8.self)
    }

    // MARK: - The check

    /// Multiplication by α = x in GF(2⁵) with the primitive polynomial x⁵ + x² + 1.
    static func timesAlpha(_ x: UInt8) -> UInt8 {
        let shifted = x << 1
        return shifted & 0b10_0000 != 0 ? (shifted ^ 0b10_0101) : shifted
    }

    /// Damm's interim digit: x ∘ d = α·x + d (addition in GF(2⁵) is XOR).
    static func step(_ x: UInt8, _ d: UInt8) -> UInt8 { timesAlpha(x) ^ d }

    static func state(after digits: [UInt8]) -> UInt8 { digits.reduce(0, step) }

    /// The character that brings the interim digit back to 0: α·x + c = 0 ⇔ c = α·x.
    static func checkDigit(for digits: [UInt8]) -> UInt8 { timesAlpha(state(after: digits)) }

    // MARK: - Reading characters

    private static func isSeparator(_ ch: Character) -> Bool {
        ch.isWhitespace || ch == "-" || ch == "\u{2010}" || ch == "\u{2011}" || ch == "\u{2012}" || ch == "\u{2013}"
    }

    private static func digit(for ch: Character) -> UInt8? {
        guard let ascii = ch.asciiValue else { return nil }
        var upper = ascii >= 0x61 && ascii <= 0x7A ? ascii - 0x20 : ascii
        switch upper {
        case UInt8(ascii: "I"), UInt8(ascii: "L"): upper = UInt8(ascii: "1")
        case UInt8(ascii: "O"): upper = UInt8(ascii: "0")
        default: break
        }
        return symbols.firstIndex(of: upper).map(UInt8.init)
    }
}

/// Why a text is not a ticket code; each says what is wrong in words a door steward can act on.
public enum TicketCodeProblem: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case wrongLength(Int)
    case notInAlphabet(Character, position: Int)
    case checkFailed

    public var description: String {
        switch self {
        case .empty:
            return "No ticket code was given."
        case .wrongLength(let n):
            return "A ticket code has \(TicketCode.length) characters; this one has \(n)."
        case .notInAlphabet(let ch, let position):
            let shown = ch.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }
                ? "\"\(ch)\"" : ch.unicodeScalars.map { hex($0.value) }.joined(separator: " ")
            return "Character \(position) of the ticket code (\(shown)) is not used in ticket codes."
        case .checkFailed:
            return "The ticket code's check character does not match: a character was mistyped or two were swapped. Read it again."
        }
    }

    private func hex(_ v: UInt32) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
