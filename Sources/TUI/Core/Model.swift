import Booking

/// Where the picker starts: the performance chooser, or one performance's map.
public enum StartScreen: Hashable, Sendable {
    case chooser
    case performance(Int64)
}

/// What every screen and overlay reads and only the top level changes: who is selling, the terminal, the clock,
/// and the state of Redis.
public struct Context: Sendable {
    public var clerk: String
    public var session: String
    /// How long a hold lasts (the booking layer's `RESERVATION_TIMEOUT`).
    public var holdTTLms: Int
    public var width: Int
    public var height: Int
    /// Milliseconds on a monotonic clock; set by `.tick`, so update stays pure.
    public var now: Int64 = 0
    public var theme: Theme
    public var holdsLink: HoldsLink = .connecting
    /// The customer of this clerk's last booking: `↑` in the booking form's empty name field brings it back (the same
    /// customer buying again, a phone call for a second performance).
    public var lastCustomer: String?

    func isMine(_ state: SeatState) -> Bool {
        if case .held(let c, let s, _) = state { return c == clerk && s == session }
        return false
    }
}

/// The whole picker, as a value: the screens (chooser, map), the overlay open over them, and the message line.
/// Each screen and overlay keeps its own state and has its own update (see `Update.swift`); this type only holds
/// them together, and `render` draws it.
public struct Model: Sendable {
    public var context: Context
    /// True when the picker was opened on one performance: `q` on its map leaves instead of going back.
    public var startedOnPerformance: Bool

    public var screen: Screen = .chooser
    public var chooser = ChooserState()
    public var map: MapState?
    public var overlay: Overlay?
    public var message: Message?
    /// Set once leaving has begun, so a second `q` or signal does not start it again.
    public var leaving = false
    /// Where this picker's log goes (named when something is written to it).
    public var logFile: LogFileName = .none(reason: "no log file")
    /// The latest warning written to the log, shown at the end of the message line for a while.
    public var logNote: LogNote?

    public enum Screen: Hashable, Sendable { case chooser, map }

    public init(clerk: String, session: String, holdTTLms: Int, width: Int, height: Int, theme: Theme = Theme(),
                startedOnPerformance: Bool = false) {
        context = Context(clerk: clerk, session: session, holdTTLms: holdTTLms, width: width, height: height, theme: theme)
        self.startedOnPerformance = startedOnPerformance
    }

    public var clerk: String { context.clerk }
    public var session: String { context.session }
    public var holdTTLms: Int { context.holdTTLms }
    public var theme: Theme {
        get { context.theme }
        set { context.theme = newValue }
    }
    public var width: Int {
        get { context.width }
        set { context.width = newValue }
    }
    public var height: Int {
        get { context.height }
        set { context.height = newValue }
    }
    public var now: Int64 {
        get { context.now }
        set { context.now = newValue }
    }
    public var holdsLink: HoldsLink {
        get { context.holdsLink }
        set { context.holdsLink = newValue }
    }
}

public struct Message: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case info, ok, warning, error }
    public var text: String
    public var kind: Kind
    public init(_ text: String, _ kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }
}

/// Where the picker's log goes, as the clerk reads it.
public enum LogFileName: Hashable, Sendable {
    case file(String)
    case none(reason: String)
}

/// A warning that went to the log file rather than the terminal, and until when the message line names it.
public struct LogNote: Hashable, Sendable {
    public var text: String
    public var shownUntil: Int64
}
