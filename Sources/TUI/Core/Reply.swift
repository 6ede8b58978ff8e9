import Booking

/// What a screen or an overlay hands back from its update: effects to run, and what only the picker as a whole can
/// change — the message line, which overlay is open, the map a form works on, leaving. The top level applies the
/// requests in order (`Model.apply(_:)`), so a child never reaches into its parent or a sibling.
struct Reply {
    var commands: [Command] = []
    var requests: [Request] = []

    enum Request {
        /// The message line shows this (nil: clears it).
        case say(Message?)
        case openOverlay(Overlay)
        case closeOverlay
        /// Something an overlay asks of the open map.
        case map(MapRequest)
        /// Back to the chooser, or out when the picker was opened on this performance (holds must be gone).
        case closeMap
        /// Leave the picker now.
        case quit
        /// This session's holds ran out: a booking form open over the map has nothing left to book.
        case closeBookingForm
        /// Open a performance's map.
        case openPerformance(id: Int64, title: String)
    }

    enum MapRequest {
        /// Highlight a found booking's seats and say what it is.
        case show(Order)
        case bestAvailable(count: Int)
        /// The clerk typed in the booking form: renew the holds if due.
        case extendHolds
        /// The booking form closed without booking.
        case formClosed
        /// Hold a held-back seat with the code the clerk typed.
        case holdHeldBack(label: String, code: String)
        /// Move this booking's tickets to new seats of the map (`e`).
        case exchange(Order)
        /// `c` on a booking found: the cancel confirmation, offering its seats of the performance shown.
        case confirmCancel(Order)
    }

    init(_ commands: [Command] = []) { self.commands = commands }

    static func + (a: Reply, b: Reply) -> Reply {
        var r = a
        r.commands += b.commands
        r.requests += b.requests
        return r
    }

    mutating func say(_ message: Message?) { requests.append(.say(message)) }
    mutating func open(_ overlay: Overlay) { requests.append(.openOverlay(overlay)) }
    mutating func closeOverlay() { requests.append(.closeOverlay) }

    static func saying(_ text: String, _ kind: Message.Kind = .info) -> Reply {
        var r = Reply()
        r.say(Message(text, kind))
        return r
    }
    static func opening(_ overlay: Overlay) -> Reply {
        var r = Reply()
        r.open(overlay)
        return r
    }
    static func request(_ request: Request, commands: [Command] = []) -> Reply {
        var r = Reply(commands)
        r.requests.append(request)
        return r
    }
}
