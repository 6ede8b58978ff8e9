import Booking

/// A key as the picker understands it, decoded from curses by the backend.
public enum Key: Hashable, Sendable {
    case char(Character)
    /// Ctrl plus a letter, lower case (`.control("u")` is Ctrl-U).
    case control(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, escape, backspace, delete, tab
    case unknown
}

/// Why a seat map is read again; what happens after depends on it.
public enum SnapshotReason: Hashable, Sendable {
    case open
    /// Events were missed (a version gap), or a block/unblock changed what the map cannot infer.
    case resync
    /// Holds came back after being offline: re-hold the selection that is still free.
    case reconnected
    /// SQLite changed while holds were offline (another clerk booked).
    case databaseChanged
}

/// Why seats are being held: each outcome reads differently to the clerk.
public enum HoldPurpose: Hashable, Sendable {
    case select, bestAvailable, extend, restore
    /// A held-back seat, with the code the clerk typed for it (the booking layer checks it).
    case holdback(code: String)

    /// The code a hold names, for the booking layer.
    var holdbackCode: String? {
        if case .holdback(let code) = self { return code }
        return nil
    }
}

/// The state of the live link to Redis, as the event loop sees it.
public enum HoldsLink: Hashable, Sendable {
    case connecting
    case live
    case offline(reason: String)
}

/// A failure from the booking layer, as the words the clerk will read.
public struct Failure: Error, Hashable, Sendable {
    public var message: String
    /// Holds are offline: the picker says so in the status bar rather than only in the message line.
    public var holdsUnavailable: Bool
    /// A held-back seat was refused: the code given (if any) is not its code. Nothing changed, nothing is stale.
    public var wrongHoldbackCode: Bool

    public init(_ message: String, holdsUnavailable: Bool = false, wrongHoldbackCode: Bool = false) {
        self.message = message
        self.holdsUnavailable = holdsUnavailable
        self.wrongHoldbackCode = wrongHoldbackCode
    }

    public init(_ error: Error) {
        if let booking = error as? BookingError {
            switch booking {
            case .holdsUnavailable: self.init(booking.description, holdsUnavailable: true)
            case .heldBack: self.init(booking.description, wrongHoldbackCode: true)
            default: self.init(booking.description)
            }
        } else {
            self.init(String(describing: error))
        }
    }
}

/// Everything that can happen to the picker. `update` is the only place that reacts.
public enum Msg: Sendable {
    case key(Key)
    /// A mouse click at a screen position.
    case click(x: Int, y: Int)
    case resize(width: Int, height: Int)
    /// Time passes: hold countdowns, expiry, retries. `now` is milliseconds on a monotonic clock.
    case tick(now: Int64)

    case performancesLoaded(Result<[PerformanceSummary], Failure>)
    case snapshotLoaded(Result<SeatMap, Failure>, reason: SnapshotReason)
    case held(performanceID: Int64, labels: [String], ttlMs: Int, purpose: HoldPurpose)
    case holdFailed(performanceID: Int64, labels: [String], purpose: HoldPurpose, Failure)
    case released(performanceID: Int64, labels: [String])
    case releaseFailed(performanceID: Int64, labels: [String], Failure)
    case booked(BoxOffice.BookingOutcome)
    case bookFailed(Failure)
    case found(query: String, [Order])
    case findFailed(Failure)
    case cancelled(BoxOffice.CancelOutcome)
    case cancelFailed(Failure)
    case exchanged(ExchangeResult, warnings: [String])
    case exchangeFailed(Failure)
    /// This clerk's shift so far, for the `$` overlay.
    case shiftLoaded(Result<ShiftOverlay.Figures, Failure>)
    /// The tickets of a booking were printed (what the message line says: where they went), or why not.
    case printed(reference: String, Result<String, Failure>)
    case events(performanceID: Int64, [PerformanceEvent])
    case holdsLink(HoldsLink)
    case dataVersion(Int)
    /// The logger wrote a warning to the clerk's log file (the terminal is the picker's alone).
    case logged(String)
    /// SIGHUP, SIGTERM or SIGINT: leave now, releasing this session's holds; the exit code is 128 + signal.
    case terminate(signal: Int32)
}

/// Effects `update` asks for. The effect runner performs them off the main thread and answers with a `Msg`;
/// the event loop performs the few that belong to it (the subscription, leaving).
public enum Command: Hashable, Sendable {
    case loadPerformances
    case loadSnapshot(performanceID: Int64, reason: SnapshotReason)
    case hold(performanceID: Int64, labels: [String], ttlMs: Int?, purpose: HoldPurpose)
    case release(performanceID: Int64, labels: [String], scope: ReleaseScope)
    case bestAvailable(performanceID: Int64, count: Int, includeRestricted: Bool = false)
    /// `typeBySeat` and `payments` come from the booking form's types and payment steps; `paid` false books unpaid.
    /// `holdbackCode`: the code the clerk gave for the held-back seats among `labels` (nil: none).
    case book(performanceID: Int64, labels: [String], customerName: String?, idempotencyKey: String,
              typeBySeat: [String: String] = [:], payments: [SaleForm.Taken] = [], holdbackCode: String? = nil)
    case find(String)
    /// The whole booking (`labels` nil), or those seats of `performanceID` only (a customer returning some tickets).
    case cancel(reference: String, labels: [String]? = nil, performanceID: Int64? = nil)
    /// The exchange form's: `from` seats to `to` seats of the booking's performance, the difference paid by `payments`
    /// or refunded to `refundTo` (nil: to the methods paid).
    case exchange(reference: String, performanceID: Int64, from: [String], to: [String], payments: [PaymentStep.Taken],
                  refundTo: PaymentMethod?)
    case readDataVersion
    /// Read this clerk's shift so far (the booking layer's shift report, from the start of today).
    case loadShift
    /// Print a booking's tickets (to the printer, or a PDF file): the picker is given how by its caller.
    case printTickets(reference: String)
    /// Event loop: follow this performance's events (nil: stop following).
    case subscribe(performanceID: Int64?)
    /// Event loop: a command found Redis not answering while the subscription looked live (a hung Redis keeps
    /// the socket open and quiet): drop the subscription and connect again with the usual back-off.
    case resubscribe(performanceID: Int64)
    /// Event loop: restore the terminal and end with this exit code.
    case exit(Int32)

    /// Booking's `ReleaseScope`, kept apart so that the picker's commands name no type of the booking layer's.
    public enum ReleaseScope: Hashable, Sendable { case strict, clerk, session }
}
