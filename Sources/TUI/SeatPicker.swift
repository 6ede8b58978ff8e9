import Booking
import Foundation

/// Choices the command line passes to the seat picker.
public struct TUIOptions: Sendable {
    /// ASCII glyphs even in a UTF-8 locale (fonts without the symbols, or a preference).
    public var ascii: Bool

    public init(ascii: Bool = false) {
        self.ascii = ascii
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
    let effects = EffectRunner(box: box, inbox: inbox)

    let size = curses.size
    var model = Model(clerk: box.clerk.name, session: box.clerk.session, holdTTLms: box.settings.reservationTimeoutMs,
                      width: size.width, height: size.height, theme: curses.theme)
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

/// The user's locale, so ncurses can draw wide characters; true when it encodes UTF-8 (else ASCII glyphs).
func setUpLocale() -> Bool {
    if setlocale(LC_ALL, "") == nil { _ = setlocale(LC_ALL, "C.UTF-8") }
    guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
    let name = String(cString: codeset).uppercased()
    return name == "UTF-8" || name == "UTF8"
}
