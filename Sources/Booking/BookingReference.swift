/// Booking references a clerk can read out on the phone: six characters from an alphabet without
/// the look-alikes 0/O, 1/I/L.
public enum BookingReference {
    public static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    public static let length = 6

    private static let alphabetBytes: [UInt8] = alphabet.map { $0.asciiValue! }
    private static let combinations: UInt64 = (0..<length).reduce(1) { product, _ in product * UInt64(alphabetBytes.count) }

    /// How many references there are (31⁶).
    public static var numbers: UInt64 { combinations }

    /// The reference spelling `number` (below `numbers`) as six base-31 digits, the least significant first: how a
    /// booking's reference is issued from its enciphered id (`IssuedCodes`).
    public static func text(_ number: UInt64) -> String {
        precondition(number < combinations)
        var n = number
        var bytes = [UInt8](repeating: 0, count: length)
        for i in 0..<length {
            bytes[i] = alphabetBytes[Int(n % UInt64(alphabetBytes.count))]
            n /= UInt64(alphabetBytes.count)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The number a normalized reference spells, or nil when it is not six characters of the alphabet.
    public static func number(_ reference: String) -> UInt64? {
        let bytes = Array(reference.utf8)
        guard bytes.count == length else { return nil }
        var n: UInt64 = 0
        for byte in bytes.reversed() {
            guard let digit = alphabetBytes.firstIndex(of: byte) else { return nil }
            n = n * UInt64(alphabetBytes.count) + UInt64(digit)
        }
        return n
    }

    /// What a clerk typed, as stored: upper case, without spaces or dashes.
    public static func normalize(_ text: String) -> String {
        text.uppercased().filter { $0 != " " && $0 != "-" }
    }
}
