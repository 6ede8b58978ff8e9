import Foundation

/// A kind of ticket (Adult, Child…): its name, and the one key that sets it in the picker's booking form.
public struct TicketType: Sendable, Hashable, Codable {
    public var id: Int64
    public var name: String
    public var key: String

    public init(id: Int64, name: String, key: String) {
        self.id = id
        self.name = name
        self.key = key
    }

    /// The types every box office starts with. Adult is the band's price unless set; Complimentary is always free.
    public static let seeded: [(name: String, key: String)] = [
        ("Adult", "a"), ("Concession", "n"), ("Child", "k"), ("Complimentary", "f"),
    ]
    public static let adultKey = "a"
    public static let complimentaryKey = "f"

    public var isAdult: Bool { name == "Adult" }
    public var isComplimentary: Bool { name == "Complimentary" }

    /// Checks a new type against the existing ones: a name of its own (any case), and one key of its own that is a
    /// lowercase letter (digits count seats in the booking form, so a digit key would clash).
    public static func validateNew(name: String, key: String, existing: [TicketType]) throws -> (name: String, key: String) {
        let n = name.trimmingCharacters(in: .whitespaces)
        if n.isEmpty { throw BookingError.invalidInput("The ticket type's name is empty.") }
        if let problem = SafeText.problem(in: n, field: "ticket type name", maxLength: 30) { throw BookingError.invalidInput(problem) }
        if n.contains("=") || n.contains(",") {
            throw BookingError.invalidInput("A ticket type's name cannot contain \"=\" or \",\" (they separate seats and types on the command line).")
        }
        if let same = existing.first(where: { $0.name.caseInsensitiveCompare(n) == .orderedSame }) {
            throw BookingError.invalidInput("There is already a ticket type called \(same.name).")
        }
        let k = key.trimmingCharacters(in: .whitespaces)
        guard k.count == 1, let c = k.first, c.isASCII, c.isLowercase else {
            throw BookingError.invalidInput("A ticket type's key must be one lowercase letter (\"\(SafeText.display(key, limit: 10))\" is not).")
        }
        if let same = existing.first(where: { $0.key == k }) {
            throw BookingError.invalidInput("The key \(k) is already \(same.name)'s. Keys in use: \(existing.map(\.key).sorted().joined(separator: " ")).")
        }
        return (n, k)
    }

    /// The type a clerk names (any case), or an error listing the types.
    public static func named(_ text: String, in types: [TicketType]) throws -> TicketType {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let type = types.first(where: { $0.name.caseInsensitiveCompare(t) == .orderedSame }) { return type }
        throw BookingError.invalidInput("There is no ticket type \"\(SafeText.display(text, limit: 30))\". Types: \(types.map(\.name).joined(separator: ", ")).")
    }
}
