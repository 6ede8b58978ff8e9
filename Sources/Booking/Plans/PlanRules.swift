/// What a plan's names, labels, codes and seat numbers may be, shared by every reader. Each returns the text to
/// store, or a problem in plain words.
enum PlanRules {
    /// A venue, section or band name: not empty, printable, at most 80 characters.
    static func name(_ raw: String, what: String) -> Result<String, Why> {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return .failure(Why("the \(what) is empty")) }
        if let problem = SafeText.problem(in: text, field: what, maxLength: PlanLimits.maxName) {
            return .failure(Why(lowerFirst(problem)))
        }
        return .success(text)
    }

    /// A row label or a section prefix: letters and digits, stored in capitals (seat labels are typed in any case).
    static func label(_ raw: String, what: String, allowEmpty: Bool = false) -> Result<String, Why> {
        let text = raw.trimmingCharacters(in: .whitespaces).uppercased()
        if text.isEmpty { return allowEmpty ? .success("") : .failure(Why("the \(what) is empty")) }
        guard text.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) }) else {
            return .failure(Why("the \(what) \(quoted(raw)) must be letters A–Z and digits only"))
        }
        if text.count > PlanLimits.maxRowLabel {
            return .failure(Why("the \(what) \(quoted(raw)) is longer than \(PlanLimits.maxRowLabel) characters"))
        }
        return .success(text)
    }

    /// Characters a band code cannot hold: they mark a seat's band and marks inside a CSV cell (`12:P+`).
    static let cellSyntax: Set<Character> = [":", "+", "~", "!"]

    static func bandCode(_ raw: String) -> Result<String, Why> {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return .failure(Why("the band code is empty")) }
        if let bad = text.first(where: { cellSyntax.contains($0) }) {
            return .failure(Why("the band code \(quoted(raw)) holds \"\(bad)\", which marks seats in a row; choose another code"))
        }
        if let problem = SafeText.problem(in: text, field: "band code", maxLength: PlanLimits.maxBandCode) {
            return .failure(Why(lowerFirst(problem)))
        }
        return .success(text)
    }

    static func seatNumber(_ raw: String) -> Int? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, text.count <= 4, text.allSatisfy({ $0.isASCII && $0.isNumber }),
              let n = Int(text), n >= 1, n <= PlanLimits.maxSeatNumber else { return nil }
        return n
    }

    static func quoted(_ s: String) -> String { "\"\(SafeText.display(s, limit: 40))\"" }

    private static func lowerFirst(_ s: String) -> String {
        var text = s
        if text.hasSuffix(".") { text.removeLast() }
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }
}

/// Why a piece of a plan is refused, in plain words (the place is added by the reader).
struct Why: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
