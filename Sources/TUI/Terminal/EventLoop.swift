import Booking
import Foundation

/// The picker's one thread of control: `poll()` on the keyboard, the Redis subscription, the effect runner's pipe,
/// the signal pipe and a timer; every input becomes a `Msg` for `update`, and every change is drawn at once.
final class EventLoop {
    static let tickMs: Int64 = 250
    static let maxReconnectDelayMs: Int64 = 5_000
    /// A subscription quiet this long is asked to answer (PING), and given this long to do so: a hung Redis keeps
    /// its socket open and silent, and the status bar must not say "holds live" while it is.
    static let heartbeatMs = 5_000
    static let heartbeatAnswerMs = 2_000

    private(set) var model: Model
    private let curses: Curses
    private let effects: EffectRunner
    private let inbox: Inbox
    private let signals: Signals
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var subscription: EventSubscription?
    private var followed: Int64?
    /// Bumped whenever the followed performance changes, so a late connection for the old one is dropped.
    private var generation = 0
    private var reconnectAt: Int64?
    private var reconnectDelayMs: Int64 = 0
    private var pingSentAt: ContinuousClock.Instant?
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
            if let reconnectAt { timeout = min(timeout, max(0, reconnectAt - nowMs())) }
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
                dispatch(.tick(now: now))
                checkSubscription()
                nextTick = now + Self.tickMs
            }
            if let due = reconnectAt, now >= due, let followed {
                reconnectAt = nil
                effects.connect(performanceID: followed, generation: generation)
            }
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
        } else {
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

    private func follow(_ id: Int64?) {
        subscription?.close()
        subscription = nil
        generation += 1
        followed = id
        reconnectAt = nil
        reconnectDelayMs = 0
        if let id { effects.connect(performanceID: id, generation: generation) }
    }

    /// Redis stopped answering commands while the subscription looked live: its socket cannot be trusted (a hung
    /// Redis keeps it open and silent). Drop it and connect again after the usual back-off; `update` has already
    /// shown holds offline.
    private func resubscribe(_ id: Int64) {
        guard id == followed else { return }
        subscription?.close()
        subscription = nil
        generation += 1  // a connection already under way is dropped when it arrives
        scheduleReconnect()
    }

    private func receive(_ item: Inbox.Item) {
        switch item {
        case .msg(let msg):
            dispatch(msg)
        case .subscribed(let handover, let id, let gen):
            guard gen == generation, id == followed else { handover.value.close(); return }
            subscription = handover.value
            pingSentAt = nil
            reconnectDelayMs = 0
            dispatch(.holdsLink(.live))
        case .subscribeFailed(let reason, let id, let gen):
            guard gen == generation, id == followed else { return }
            dispatch(.holdsLink(.offline(reason: reason)))
            scheduleReconnect()
        }
    }

    private func readSubscription() {
        guard let subscription, let followed else { return }
        do {
            let events = try subscription.readEvents()
            if !events.isEmpty { dispatch(.events(performanceID: followed, events)) }
        } catch {
            lose(subscription, reason: Failure(error).message)
        }
    }

    /// The heartbeat: ask a quiet subscription to answer, and count it lost when it does not.
    private func checkSubscription() {
        guard let subscription else { return }
        let now = clock.now
        if let sent = pingSentAt {
            if subscription.lastHeard >= sent {
                pingSentAt = nil
            } else if now - sent > .milliseconds(Self.heartbeatAnswerMs) {
                lose(subscription, reason: "Redis stopped answering (no reply within \(Self.heartbeatAnswerMs / 1000) s)")
            }
        } else if now - subscription.lastHeard > .milliseconds(Self.heartbeatMs) {
            do {
                try subscription.ping()
                pingSentAt = now
            } catch {
                lose(subscription, reason: Failure(error).message)
            }
        }
    }

    private func lose(_ subscription: EventSubscription, reason: String) {
        subscription.close()
        self.subscription = nil
        pingSentAt = nil
        dispatch(.holdsLink(.offline(reason: reason)))
        scheduleReconnect()
    }

    private func scheduleReconnect() {
        reconnectDelayMs = reconnectDelayMs == 0 ? 250 : min(reconnectDelayMs * 2, Self.maxReconnectDelayMs)
        reconnectAt = nowMs() + reconnectDelayMs
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
