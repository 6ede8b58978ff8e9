/// `b` without a number first: how many seats together (1–20)?
public struct BestAvailablePrompt: Sendable {
    public var count = TextField("", maxLength: 2)

    mutating func handleKey(_ key: Key) -> Reply {
        var reply = Reply()
        switch key {
        case .escape:
            reply.closeOverlay()
        case .enter:
            reply.closeOverlay()
            guard let n = Int(count.text) else {
                reply.say(Message("Type how many seats (1 to 20), then Enter.", .warning))
                return reply
            }
            reply.requests.append(.map(.bestAvailable(count: n)))
        case .char(let c) where !c.isASCII || !c.isNumber:
            break
        default:
            count.apply(key)
        }
        return reply
    }
}
