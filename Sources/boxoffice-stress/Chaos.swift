import Booking
import Foundation

enum Fault: String, CaseIterable {
    case redisKilled = "Redis killed (SIGKILL) and restarted empty"
    case redisStopped = "Redis shut down (SIGTERM) and restarted empty"
    case pausedPastHold = "clerk paused (SIGSTOP) past its hold's time, then resumed"
    case pausedPastLease = "clerk paused (SIGSTOP) past a booking's lease, then resumed"
    case killed = "clerk killed (SIGKILL) mid-flight and replaced"
}

/// Spawns the clerks and, until every one has made its attempts, injects faults: Redis restarts, pauses past
/// a hold's time (and now and then past a booking's 15 s lease), and kills. A killed clerk is replaced by a new
/// clerk (a new name: its holds stay the dead one's until they expire) with the attempts it had left.
struct Chaos {
    struct Clerk {
        var name: String
        var pid: pid_t
        var attempts: Int
        var pausedUntil: ContinuousClock.Instant?
        var killedByUs = false
    }

    let plan: Plan
    let folder: String
    let redis: RedisServer
    let workerArguments: [String]
    var clerks: [Clerk] = []
    var faults: [Fault: Int] = [:]
    var crashes: [String] = []
    /// Kills that landed while the clerk's log showed a booking attempt without its outcome.
    var killedMidBooking = 0
    /// (kill sent, ready again) in wall milliseconds: every hold placed before is gone.
    var redisEvents: [(killStart: Int64, readyAt: Int64)] = []
    var rng: SplitMix
    var spawned = 0

    init(plan: Plan, folder: String, redis: RedisServer, workerArguments: [String]) {
        self.plan = plan
        self.folder = folder
        self.redis = redis
        self.workerArguments = workerArguments
        rng = SplitMix(seed: plan.seed)
    }

    // Fault pacing: the full run lasts minutes, the short one about half a minute.
    var redisEvery: Duration { plan.short ? .seconds(2) : .seconds(3) }
    var pauseEvery: Duration { plan.short ? .milliseconds(700) : .milliseconds(400) }
    var killEvery: Duration { plan.short ? .milliseconds(900) : .milliseconds(600) }
    var leasePauseEvery: Duration { plan.short ? .seconds(12) : .seconds(15) }
    static let longestHoldMs = 3_000

    mutating func run() throws {
        let perClerk = (plan.attempts + plan.workers - 1) / plan.workers
        for _ in 0..<plan.workers { try start(attempts: perClerk) }
        var nextRedis = ContinuousClock.now + redisEvery
        var nextPause = ContinuousClock.now + pauseEvery
        var nextKill = ContinuousClock.now + killEvery
        var nextLeasePause = ContinuousClock.now + .seconds(3)
        var lastProgress = ContinuousClock.now
        while !clerks.isEmpty {
            let now = ContinuousClock.now
            try reap()
            resumeDue(now)
            if now >= nextRedis {
                restartRedis()
                nextRedis = ContinuousClock.now + redisEvery
            }
            // Near the end, pausing and killing the last few clerks over and over would only stretch the run.
            let crowd = clerks.count > plan.workers / 4
            if now >= nextPause && crowd {
                pause(for: .milliseconds(Self.longestHoldMs + Int.random(in: 300...1_500, using: &rng)), kind: .pausedPastHold)
                nextPause = now + pauseEvery
            }
            if now >= nextLeasePause && crowd {
                pause(for: .milliseconds(HoldTiming.leaseMs + 1_000), kind: .pausedPastLease)
                nextLeasePause = now + leasePauseEvery
            }
            if now >= nextKill && crowd {
                killOne()
                nextKill = now + killEvery
            }
            if now - lastProgress > .seconds(5) {
                lastProgress = now
                let done = clerks.count
                say("  … \(done) clerks still racing, faults so far: \(faults.values.reduce(0, +))")
            }
            usleep(20_000)  // the chaos loop's tick, not a synchronisation
        }
    }

    mutating func start(attempts: Int) throws {
        spawned += 1
        let name = "c\(spawned)"
        let log = "\(folder)/logs/\(name).log"
        let pid = try spawn(ownExecutable(), ["worker", "--clerk", name, "--attempts", String(attempts), "--log", log,
                                               "--seed", String(plan.seed &+ UInt64(spawned) &* 7919)] + workerArguments,
                            output: "\(folder)/logs/\(name).out")
        clerks.append(Clerk(name: name, pid: pid, attempts: attempts))
    }

    /// Collects clerks that have finished; replaces those killed here with the attempts they had left.
    mutating func reap() throws {
        var i = 0
        while i < clerks.count {
            var status: Int32 = 0
            let r = waitpid(clerks[i].pid, &status, WNOHANG)
            guard r == clerks[i].pid else { i += 1; continue }
            let clerk = clerks.remove(at: i)
            forget(clerk.pid)
            let exit = ExitStatus(status)
            if clerk.killedByUs, case .signalled(SIGKILL) = exit {
                let made = EventLog.read("\(folder)/logs/\(clerk.name).log").filter { $0.first == LogKind.attempt }.count
                if clerk.attempts - made > 0 { try start(attempts: clerk.attempts - made) }
            } else if case .exited(0) = exit {
                continue
            } else {
                let output = (try? String(contentsOfFile: "\(folder)/logs/\(clerk.name).out", encoding: .utf8)) ?? ""
                crashes.append("\(clerk.name) (pid \(clerk.pid)) ended with \(exit): \(output.suffix(400))")
            }
        }
    }

    mutating func resumeDue(_ now: ContinuousClock.Instant) {
        for i in clerks.indices {
            if let until = clerks[i].pausedUntil, now >= until {
                kill(clerks[i].pid, SIGCONT)
                clerks[i].pausedUntil = nil
            }
        }
    }

    /// What a clerk is doing, from the last line of its log: "H" just took a hold, "book" is inside a booking, …
    func phase(of clerk: Clerk) -> String {
        let fd = open("\(folder)/logs/\(clerk.name).log", O_RDONLY)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let size = lseek(fd, 0, SEEK_END)
        let n = pread(fd, &buffer, 256, max(0, size - 256))
        guard n > 0 else { return "" }
        let lines = String(decoding: buffer.prefix(n), as: UTF8.self).split(separator: "\n")
        guard let last = lines.last?.split(separator: "\t") else { return "" }
        if last.first == "A", last.count > 3 { return String(last[3]) }
        return last.first.map(String.init) ?? ""
    }

    /// A clerk to hit: preferably one in the given phases (the fault then lands where it matters), else any.
    mutating func target(among candidates: [Int], preferring phases: Set<String>) -> Int? {
        let fitting = candidates.filter { phases.contains(phase(of: clerks[$0])) }
        return (fitting.isEmpty ? candidates : fitting).randomElement(using: &rng)
    }

    mutating func pause(for duration: Duration, kind: Fault) {
        let running = clerks.indices.filter { clerks[$0].pausedUntil == nil && !clerks[$0].killedByUs }
        // Past a hold's time: a clerk that has just taken a hold. Past a lease: a clerk inside a booking.
        guard let i = target(among: running, preferring: kind == .pausedPastLease ? ["book"] : ["H"]) else { return }
        if kill(clerks[i].pid, SIGSTOP) == 0 {
            clerks[i].pausedUntil = ContinuousClock.now + duration
            faults[kind, default: 0] += 1
        }
    }

    mutating func killOne() {
        let candidates = clerks.indices.filter { !clerks[$0].killedByUs }
        // Mid-flight: a clerk inside a booking (or a cancellation) when one is, else any.
        guard let i = target(among: candidates, preferring: ["book", "cancel"]) else { return }
        let wasBooking = phase(of: clerks[i]) == "book"
        if kill(clerks[i].pid, SIGKILL) == 0 {
            if wasBooking { killedMidBooking += 1 }
            clerks[i].killedByUs = true
            clerks[i].pausedUntil = nil
            faults[.killed, default: 0] += 1
        }
    }

    mutating func restartRedis() {
        let signal = redisEvents.count % 2 == 0 ? SIGKILL : SIGTERM
        let killStart = wallMillis()
        redis.stop(signal: signal)
        do {
            try redis.start()
        } catch {
            crashes.append("Redis would not restart: \(error)")
            return
        }
        redisEvents.append((killStart, wallMillis()))
        faults[signal == SIGKILL ? .redisKilled : .redisStopped, default: 0] += 1
    }
}
