import Booking

/// Where the picker starts: the performance chooser, or one performance's map.
public enum StartScreen: Hashable, Sendable {
    case chooser
    case performance(Int64)
}

/// Everything the picker shows and remembers, as a value: `update` makes the next one, `render` draws it.
public struct Model: Sendable {
    public var clerk: String
    public var session: String
    /// How long a hold lasts (the booking layer's `RESERVATION_TIMEOUT`).
    public var holdTTLms: Int
    public var width: Int
    public var height: Int
    /// Milliseconds on a monotonic clock; set by `.tick`, so update stays pure.
    public var now: Int64 = 0
    public var theme: Theme
    /// True when the picker was opened on one performance: `q` on its map leaves instead of going back.
    public var startedOnPerformance: Bool

    public var screen: Screen = .chooser
    public var chooser = ChooserState()
    public var map: MapState?
    public var overlay: Overlay?
    public var message: Message?
    public var holdsLink: HoldsLink = .connecting
    /// A digit typed before `b` (best available).
    public var count: Int?
    /// Set once leaving has begun, so a second `q` or signal does not start it again.
    public var leaving = false
    var lastChooserRefresh: Int64 = 0
    /// Where this picker's log goes (named when something is written to it).
    public var logFile: LogFileName = .none(reason: "no log file")
    /// The latest warning written to the log, shown at the end of the message line for a while.
    public var logNote: LogNote?

    public enum Screen: Hashable, Sendable { case chooser, map }

    public init(clerk: String, session: String, holdTTLms: Int, width: Int, height: Int, theme: Theme = Theme(),
                startedOnPerformance: Bool = false) {
        self.clerk = clerk
        self.session = session
        self.holdTTLms = holdTTLms
        self.width = width
        self.height = height
        self.theme = theme
        self.startedOnPerformance = startedOnPerformance
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

public struct ChooserState: Sendable {
    public var performances: [PerformanceSummary] = []
    public var filter = TextField()
    public var selected = 0
    public var loading = true
    public var error: String?

    /// Performances matching the filter (any word of theater or title, any case).
    public var visible: [PerformanceSummary] {
        let words = filter.text.lowercased().split(separator: " ")
        guard !words.isEmpty else { return performances }
        return performances.filter { p in
            let haystack = "\(p.performance.theaterName) \(p.performance.title) \(p.performance.id)".lowercased()
            return words.allSatisfy { haystack.contains($0) }
        }
    }
}

/// One open performance.
public struct MapState: Sendable {
    public var performanceID: Int64
    public var title: String
    public var seatMap: SeatMap?
    public var layout: MapLayout?
    public var labelIndex: [String: Int] = [:]
    /// Where each held seat's hold runs out, on the model's clock: counted down locally because expiry events
    /// can arrive late or never.
    public var holdDeadlines: [Int: Int64] = [:]
    /// The seats this session holds, in the order they were chosen. Kept while holds are offline so that they can
    /// be held again when Redis returns.
    public var selection: [String] = []
    /// Seats being held or released right now (not yet answered).
    public var pending: Set<String> = []
    public var cursor = 0
    public var viewport = Viewport()
    /// Seats of a found booking, drawn highlighted.
    public var highlighted: Set<Int> = []
    public var foundOrder: Order?
    /// When the booking form was opened: holds are extended while the clerk types, up to a cap from here.
    public var formOpenedAt: Int64?
    public var extending = false
    public var lastDataVersion: Int?
    /// Selected seats that other clerks took while holds were offline (as "C4 (booked)"), named again when Redis
    /// is back, since the message saying so at the time may have been missed or overwritten.
    public var lostWhileOffline: [String] = []
    var lastOfflineCheck: Int64?
    public var lastSnapshotAt: Int64 = 0
    public var loading = true

    public init(performanceID: Int64, title: String = "") {
        self.performanceID = performanceID
        self.title = title
    }

    public func state(of seat: Int) -> SeatState? {
        guard let seatMap, seat >= 0, seat < seatMap.states.count else { return nil }
        return seatMap.states[seat]
    }

    public func isMine(_ state: SeatState, clerk: String, session: String) -> Bool {
        if case .held(let c, let s, _) = state { return c == clerk && s == session }
        return false
    }

    /// The earliest moment one of my holds runs out.
    public func earliestDeadline() -> Int64? {
        selection.compactMap { labelIndex[$0] }.compactMap { holdDeadlines[$0] }.min()
    }

    public var selectedSeats: [Seat] {
        guard let seatMap else { return [] }
        return selection.compactMap { labelIndex[$0] }.map { seatMap.seats[$0] }
    }
}

/// What is drawn over the map or chooser; only one at a time, and `Esc` closes it without touching holds.
public enum Overlay: Sendable {
    case help
    case bookingForm(name: TextField, idempotencyKey: String, submitting: Bool, error: String?)
    case bookingResult(order: Order, warnings: [String])
    case find(query: TextField, searching: Bool, error: String?)
    case findResults(orders: [Order], selected: Int)
    case confirmCancel(order: Order, cancelling: Bool)
    case confirmLeave(releasing: Bool)
    case bestAvailablePrompt(count: TextField)
}
