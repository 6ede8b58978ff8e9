import Booking

/// Space on a held-back seat (house seats, press): the clerk types the code it is held back for. The booking layer
/// checks it (the same rule as `--holdback-code`): a right code holds the seat for this clerk, and the booking then
/// names the code; a wrong one is said here and changes nothing. Esc leaves the seat held back.
public struct HoldbackPrompt: Sendable {
    public var label: String
    /// The code the seat is held back for, as the map read it: named in the prompt, as the command line names it
    /// in its refusal. The clerk confirms it by typing it; the booking layer, not this prompt, decides.
    public var code: String
    public var field = TextField("", maxLength: 60)
    public var submitting = false
    public var error: String?

    public init(label: String, code: String) {
        self.label = label
        self.code = code
    }

    mutating func handleKey(_ key: Key) -> Reply {
        if submitting { return Reply() }
        var reply = Reply()
        switch key {
        case .escape:
            reply.closeOverlay()
            reply.say(Message("\(label) stays held back for \(SafeText.display(code, limit: 30))."))
        case .enter:
            let typed = field.text.trimmingCharacters(in: .whitespaces)
            guard !typed.isEmpty else {
                error = "Type the code \(label) is held back for, or Esc."
                return reply
            }
            submitting = true
            error = nil
            reply.requests.append(.map(.holdHeldBack(label: label, code: typed)))
        default:
            let outcome = field.apply(key)
            error = outcome == .refused && isCharacter(key) ? "That character cannot be part of a code." : nil
        }
        return reply
    }

    /// The booking layer refused the hold: the prompt stays open, saying why (the seat is untouched).
    mutating func failed(_ failure: Failure) {
        submitting = false
        error = failure.wrongHoldbackCode
            ? "\"\(SafeText.display(field.text, limit: 30))\" is not the code for \(label): nothing was held."
            : failure.message
    }
}
