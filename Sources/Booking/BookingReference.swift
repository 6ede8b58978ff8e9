/// Booking references a clerk can read out on the phone: six characters from an alphabet without
/// the look-alikes 0/O, 1/I/L.
public enum BookingReference {
    public static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTUVWXYZ")
    public static let length = 6

    public static func random() -> String {
        var rng = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet.randomElement(using: &rng)! })
    }

    /// What a clerk typed, as stored: upper case, without spaces or dashes.
    public static func normalize(_ text: String) -> String {
        text.uppercased().filter { $0 != " " && $0 != "-" }
    }
}
