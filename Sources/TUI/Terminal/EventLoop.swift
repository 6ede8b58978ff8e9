import Booking
import Foundation

/// The picker's one thread of control: `poll()` on the keyboard, the Redis subscription, the effect runner's pipe,
/// the signal pipe and a timer; every input becomes a `Msg` for `update`, and every change is drawn at once.
final class EventLoop {
    static let tickMs: Int64 = 250

    private(set) var model: Model
    private let curses: Curses
    private let effects: EffectRunner
    private let inbox: Inbox
    private let signals: Signals
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var subscription: EventSubscription?
    /// Decides when to connect, reconnect and PING; this loop only performs what it says.
    private var link = LinkKeeper()
    private var exitCode: Int32?
    private var dirty = true
    private var idleWakeups = 0
    var stats = LoopStats()

    init(model: Model, curses: Curses, effects: EffectRunner, inbox: Inbox, signals: Signals) {
        self.model = model
        self.curses = curses
        self.effects = effects
        self.inbox = inbox
        self.signals = signals
        started = clock.now
    }

    func nowMs() -> Int64 {
        let d = clock.now - started
        return d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000
    }

    func run(initial: [Command]) -> Int32 {
        dispatch(.tick(now: nowMs()))
        perform(initial)
        var nextTick = nowMs() + Self.tickMs
        while exitCode == nil {
            if dirty { draw() }
            var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: inbox.readFD, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: signals.readFD, events: Int16(POLLIN), revents: 0)]
            if let fd = subscription?.fileDescriptor { fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
            var timeout = max(0, nextTick - nowMs())
            if let reconnectAt = link.reconnectAt { timeout = min(timeout, max(0, reconnectAt - nowMs())) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(timeout))
            let interrupted = ready < 0 && errno == EINTR
            let wake = clock.now

            if fds[2].revents != 0 { handleSignals() }
            if fds[0].revents & Int16(POLLIN) != 0 || interrupted {
                let messages = curses.readInput()
                readKeyboard(messages, readable: fds[0].revents & Int16(POLLIN) != 0)
                if messages.contains(where: { if case .key = $0 { true } else { false } }) {
                    if dirty { draw() }
                    stats.recordKey(clock.now - wake)
                }
            } else if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                dispatch(.terminate(signal: SIGHUP))  // the terminal went away (SSH dropped)
            }
            if fds[1].revents != 0 { for item in inbox.take() { receive(item) } }
            if fds.count > 3, fds[3].revents != 0 { readSubscription() }

            let now = nowMs()
            if now >= nextTick {
                // A resize is reported by ncurses' SIGWINCH handler on the next read; a signal that arrives outside
                // poll() wakes nothing, so ask on every tick too, or the map would keep its old size until a key.
                readKeyboard(curses.readInput(), readable: false)
                dispatch(.tick(now: now))
                nextTick = now + Self.tickMs
            }
            feedLink(.time)
        }
        // Let queued work (releasing this session's holds) finish, but never hang on a dead Redis.
        effects.drain(timeout: .seconds(3))
        subscription?.close()
        subscription = nil
        return exitCode ?? 0
    }

    private func draw() {
        guard curses.isActive else { return }
        stats.cellsDrawn += curses.draw(render(model))
        stats.frames += 1
        dirty = false
    }

    private func readKeyboard(_ messages: [Msg], readable: Bool) {
        for message in messages {
            if case .key(.control("l")) = message {
                curses.invalidate()
                dirty = true
                continue
            }
            dispatch(message)
        }
        // poll() says readable but nothing arrives: standard input is at end of file (the terminal is gone).
        // Without this check, getch would spin.
        if readable && messages.isEmpty {
            var available: Int32 = 0
            if ioctl(0, UInt(FIONREAD), &available) == 0 && available == 0 {
                idleWakeups += 1
                if idleWakeups >= 3 { dispatch(.terminate(signal: SIGHUP)) }
            }
        } else if !messages.isEmpty {
            idleWakeups = 0
        }
    }

    func dispatch(_ msg: Msg) {
        if case .tick(let now) = msg {
            model.now = now
        } else {
            model.now = nowMs()
        }
        let (next, commands) = update(model, msg)
        model = next
        dirty = true
        perform(commands)
    }

    private func perform(_ commands: [Command]) {
        for command in commands {
            switch command {
            case .subscribe(let id):
                follow(id)
            case .resubscribe(let id):
                resubscribe(id)
            case .exit(let code):
                exitCode = code
            default:
                effects.perform(command)
            }
        }
    }

    // MARK: The subscription

    /// Tells the link keeper what happened, and performs what it asks.
    private func feedLink(_ event: LinkKeeper.Event, connection: Handover<EventSubscription>? = nil) {
        for action in link.handle(event, now: nowMs()) {
            switch action {
            case .connect(let id, let generation):
                effects.connect(performanceID: id, generation: generation)
            case .adopt:
                subscription = connection?.value
            case .discard:
                connection?.value.close()
            case .close:
                subscription?.close()
                subscription = nil
            case .ping:
                do { try subscription?.ping() } catch { feedLink(.lost(reason: Failure(error).message)) }
            case .report(let state):
                dispatch(.holdsLink(state))
            }
        }
    }

    private func follow(_ id: Int64?) {
        feedLink(.follow(id))
    }

    /// Redis stopped answering commands while the subscription looked live: its socket cannot be trusted (a hung
    /// Redis keeps it open and silent). `update` has already shown holds offline.
    private func resubscribe(_ id: Int64) {
        feedLink(.commandFoundRedisSilent(performanceID: id))
    }

    private func receive(_ item: Inbox.Item) {
        switch item {
        case .msg(let msg):
            dispatch(msg)
        case .subscribed(let handover, let id, let generation):
            feedLink(.connected(performanceID: id, generation: generation), connection: handover)
        case .subscribeFailed(let reason, let id, let generation):
            feedLink(.connectFailed(reason: reason, performanceID: id, generation: generation))
        }
    }

    private func readSubscription() {
        guard let subscription, let followed = link.followed else { return }
        let heardBefore = subscription.lastHeard
        do {
            let events = try subscription.readEvents()
            if subscription.lastHeard != heardBefore { feedLink(.heard) }
            if !events.isEmpty { dispatch(.events(performanceID: followed, events)) }
        } catch {
            feedLink(.lost(reason: Failure(error).message))
        }
    }

    // MARK: Signals

    private func handleSignals() {
        for signal in signals.drain() {
            if signal == SIGTSTP {
                curses.suspend()
                Signals.cursesActive(false)
                signals.stopForSuspend()
                curses.resume()
                Signals.cursesActive(true)
                let size = curses.size
                dispatch(.resize(width: size.width, height: size.height))
            } else if Signals.terminating.contains(signal) {
                dispatch(.terminate(signal: signal))
                if exitCode == nil { exitCode = 128 + signal }  // already leaving: a second signal means now
            }
        }
    }
}

/// How quickly keys reach the screen and how much is drawn; written out when `BOXOFFICE_TUI_STATS` names a file.
struct LoopStats {
    var keyLatenciesMicros: [Int] = []
    var cellsDrawn = 0
    var frames = 0

    mutating func recordKey(_ duration: Duration) {
        let c = duration.components
        keyLatenciesMicros.append(Int(c.seconds) * 1_000_000 + Int(c.attoseconds / 1_000_000_000_000))
    }

    var summary: String {
        let sorted = keyLatenciesMicros.sorted()
        func percentile(_ p: Double) -> Int { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        return "keys \(sorted.count) · key to screen µs: median \(percentile(0.5)), p99 \(percentile(0.99)), max \(sorted.last ?? 0)"
            + " · frames \(frames) · cells sent to curses \(cellsDrawn)\n"
    }
}
