import Booking
import Foundation
import Synchronization

/// Choices the command line passes to the seat picker.
public struct TUIOptions: Sendable {
    /// ASCII glyphs even in a UTF-8 locale (fonts without the symbols, or a preference).
    public var ascii: Bool
    /// Where the log goes while the picker runs (never the terminal), or why no log is kept: the message line names
    /// it when something is logged.
    public var log: Result<String, LogUnavailable>
    /// How warnings written to the log reach the message line.
    public var logNotices: LogNotices
    /// Prints a booking's tickets (`p`), returning what the message line says. Given by the command line, which
    /// links the ticket renderers (cairo, libqrencode): the picker itself stays free of them.
    public var printTickets: TicketPrinting?

    public init(ascii: Bool = false, log: Result<String, LogUnavailable> = .failure(LogUnavailable(reason: "no log file")),
                logNotices: LogNotices = LogNotices(), printTickets: TicketPrinting? = nil) {
        self.ascii = ascii
        self.log = log
        self.logNotices = logNotices
        self.printTickets = printTickets
    }
}

/// Prints the tickets of the booking with this reference and says where they went, or throws (a `BookingError`
/// whose words the clerk reads). Runs on the picker's effect queue, never on the keyboard's thread.
public typealias TicketPrinting = @Sendable (_ reference: String) throws -> String

public struct LogUnavailable: Error, Sendable {
    public var reason: String
    public init(reason: String) { self.reason = reason }
}

/// Warnings the logger wrote to the clerk's log file, on their way to the picker's message line. Posted from any
/// thread; kept until the picker listens (a warning while it opens the database is not lost).
public final class LogNotices: Sendable {
    private let state = Mutex<(listener: (@Sendable (String) -> Void)?, waiting: [String])>((nil, []))

    public init() {}

    public func post(_ text: String) {
        let listener = state.withLock { s -> (@Sendable (String) -> Void)? in
            if s.listener == nil { s.waiting = Array((s.waiting + [text]).suffix(3)) }
            return s.listener
        }
        listener?(text)
    }

    func listen(_ listener: (@Sendable (String) -> Void)?) {
        let waiting = state.withLock { s -> [String] in
            s.listener = listener
            defer { s.waiting = [] }
            return listener == nil ? [] : s.waiting
        }
        for text in waiting { listener?(text) }
    }
}

/// Runs the seat picker until the clerk quits, and returns the exit code (0, or 128 + the signal that ended it).
/// Throws, with the terminal untouched, when there is no usable terminal; the caller prints the message.
public func runSeatPicker(box: BoxOffice, startAt: StartScreen, options: TUIOptions = TUIOptions()) throws -> Int32 {
    let utf8 = setUpLocale()
    let signals = try Signals()
    let curses: Curses
    do {
        curses = try Curses(ascii: options.ascii, utf8Locale: utf8)
    } catch {
        signals.restore()
        throw error
    }
    Signals.cursesActive(true)
    defer {
        Signals.cursesActive(false)
        curses.end()
        signals.restore()
    }
    let inbox = try Inbox()
    defer { inbox.close() }
    let effects = EffectRunner(box: box, inbox: inbox, printer: options.printTickets)
    options.logNotices.listen { inbox.post(.msg(.logged($0))) }
    defer { options.logNotices.listen(nil) }

    let size = curses.size
    let theme = curses.theme
    var model = Model(clerk: box.clerk.name, session: box.clerk.session, holdTTLms: box.settings.reservationTimeoutMs,
                      width: size.width, height: size.height, theme: theme)
    model.logFile = describeLog(options.log)
    // Prices show in the box office's own currency (stored by `init`), the same for every clerk.
    model.theme.currency = box.currency
    var initial: [Command] = [.loadPerformances]
    if case .performance(let id) = startAt {
        model.startedOnPerformance = true
        initial = model.openPerformance(id, title: "")
    }
    let loop = EventLoop(model: model, curses: curses, effects: effects, inbox: inbox, signals: signals)
    let code = loop.run(initial: initial)
    if let path = ProcessInfo.processInfo.environment["BOXOFFICE_TUI_STATS"], !path.isEmpty {
        try? loop.stats.summary.write(toFile: path, atomically: true, encoding: .utf8)
    }
    return code
}

/// The log's place as the clerk reads it (`~` for the home folder), or why there is none.
func describeLog(_ log: Result<String, LogUnavailable>, home: String = NSHomeDirectory()) -> LogFileName {
    switch log {
    case .success(let path):
        let home = home.hasSuffix("/") ? String(home.dropLast()) : home
        return .file(!home.isEmpty && path.hasPrefix(home + "/") ? "~" + path.dropFirst(home.count) : path)
    case .failure(let problem):
        return .none(reason: problem.reason)
    }
}

/// The user's locale, so ncurses can draw wide characters; true when it encodes UTF-8 (else ASCII glyphs).
func setUpLocale() -> Bool {
    if setlocale(LC_ALL, "") == nil { _ = setlocale(LC_ALL, "C.UTF-8") }
    guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
    let name = String(cString: codeset).uppercased()
    return name == "UTF-8" || name == "UTF8"
}
