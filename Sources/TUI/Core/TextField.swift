import Booking

/// A one-line text input: cursor keys, Home/End, Backspace, Delete, Ctrl-U (clear), Ctrl-A/E. Control characters
/// and anything `SafeText` calls unsafe are refused as they are typed, so an escape sequence pasted into a
/// customer's name never gets stored, let alone shown to another clerk.
public struct TextField: Hashable, Sendable {
    public private(set) var characters: [Character] = []
    /// Cursor position, in characters.
    public private(set) var cursor = 0
    public var maxLength: Int

    public init(_ text: String = "", maxLength: Int = SafeText.maxCustomerName) {
        self.maxLength = maxLength
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }

    public enum Outcome: Equatable { case edited, moved, refused, ignored }

    /// Applies one key; keys that are not editing keys are `ignored` so the caller can act on them.
    @discardableResult
    public mutating func apply(_ key: Key) -> Outcome {
        switch key {
        case .char(let c):
            guard !c.unicodeScalars.contains(where: SafeText.isUnsafe), TextWidth.of(c) > 0 else { return .refused }
            guard characters.reduce(0, { $0 + $1.unicodeScalars.count }) + c.unicodeScalars.count <= maxLength else { return .refused }
            characters.insert(c, at: cursor)
            cursor += 1
            return .edited
        case .backspace:
            guard cursor > 0 else { return .refused }
            characters.remove(at: cursor - 1)
            cursor -= 1
            return .edited
        case .delete, .control("d"):
            guard cursor < characters.count else { return .refused }
            characters.remove(at: cursor)
            return .edited
        case .control("u"):
            characters.removeAll()
            cursor = 0
            return .edited
        case .left, .control("b"):
            cursor = max(0, cursor - 1)
            return .moved
        case .right, .control("f"):
            cursor = min(characters.count, cursor + 1)
            return .moved
        case .home, .control("a"):
            cursor = 0
            return .moved
        case .end, .control("e"):
            cursor = characters.count
            return .moved
        case .control, .tab:
            return .refused
        default:
            return .ignored
        }
    }
}
