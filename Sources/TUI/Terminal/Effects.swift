import Booking
import Dispatch
import Foundation
import Logging
import Synchronization

/// Hands a value that is not Sendable from the thread that made it to the one that will own it from then on.
/// Used once: a freshly connected `EventSubscription`, which only the event loop touches afterwards.
struct Handover<Value>: @unchecked Sendable {
    let value: Value
}

/// What arrives at the event loop from other threads, with a byte on a self-pipe to wake its `poll()`.
final class Inbox: Sendable {
    enum Item: Sendable {
        case msg(Msg)
        case subscribed(Handover<EventSubscription>, performanceID: Int64, generation: Int)
        case subscribeFailed(reason: String, performanceID: Int64, generation: Int)
    }

    let readFD: Int32
    private let writeFD: Int32
    private let items = Mutex<[Item]>([])

    init() throws {
        (readFD, writeFD) = try makeSelfPipe(for: "the event loop's messages")
    }

    func post(_ item: Item) {
        items.withLock { $0.append(item) }
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)  // a full pipe already means "wake up"
    }

    func take() -> [Item] {
        var bytes = [UInt8](repeating: 0, count: 256)
        while read(readFD, &bytes, bytes.count) > 0 {}
        return items.withLock { list in
            defer { list.removeAll() }
            return list
        }
    }

    func close() {
        Foundation.close(readFD)
        Foundation.close(writeFD)
    }
}

/// Runs booking commands on a background queue, in order, and posts each result back as a `Msg`; the keyboard
/// never waits on SQLite or Redis. Subscriptions connect on a queue of their own, so a Redis that is slow to
/// answer delays neither bookings nor keys.
final class EffectRunner: Sendable {
    private let box: BoxOffice
    private let inbox: Inbox
    private let printer: TicketPrinting?
    private let queue = DispatchQueue(label: "boxoffice.tui.effects")
    private let linkQueue = DispatchQueue(label: "boxoffice.tui.link")
    /// Printing waits on cairo and `lp` (a printer server that is slow to answer): never in front of a hold or booking.
    private let printQueue = DispatchQueue(label: "boxoffice.tui.print")

    init(box: BoxOffice, inbox: Inbox, printer: TicketPrinting? = nil) {
        self.box = box
        self.inbox = inbox
        self.printer = printer
    }

    func perform(_ command: Command) {
        let box = self.box
        let inbox = self.inbox
        let printer = self.printer
        let queue: DispatchQueue
        if case .printTickets = command { queue = printQueue } else { queue = self.queue }
        queue.async {
            if let msg = Self.execute(command, box: box, printer: printer) { inbox.post(.msg(msg)) }
        }
    }

    /// Waits (up to a limit) for commands already queued, such as releasing holds before leaving.
    func drain(timeout: Duration) {
        let done = DispatchSemaphore(value: 0)
        queue.async { done.signal() }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        _ = done.wait(timeout: .now() + seconds)
    }

    func connect(performanceID: Int64, generation: Int) {
        let box = self.box
        let inbox = self.inbox
        linkQueue.async {
            let subscription = box.subscribe(performanceID: performanceID)
            do {
                try subscription.connect(confirmWithin: .milliseconds(Self.confirmationTimeoutMs))
                // Redis answers again: holds need not wait out the hold store's back-off from the outage.
                box.retryHoldsNow()
                inbox.post(.subscribed(Handover(value: subscription), performanceID: performanceID, generation: generation))
            } catch {
                subscription.close()
                inbox.post(.subscribeFailed(reason: Failure(error).message, performanceID: performanceID, generation: generation))
            }
        }
    }

    /// How long Redis has to confirm a subscription before the link counts as down (a stopped Redis takes the
    /// connection but never answers). One that answers does so in well under a millisecond; this is about as long
    /// as the hold store waits for any reply (750 ms).
    static let confirmationTimeoutMs = 1_000

    /// One command against the booking layer, as the message that reports its outcome.
    static func execute(_ command: Command, box: BoxOffice, printer: TicketPrinting? = nil) -> Msg? {
        switch command {
        case .loadPerformances:
            return .performancesLoaded(Result { try box.performances() }.mapError(Failure.init))
        case .loadSnapshot(let id, let reason):
            return .snapshotLoaded(Result {
                var map = try box.snapshot(performanceID: id)
                // The booking form prices each seat by its type: read with the map, so the form opens at once.
                map.prices = try? box.priceList(theaterID: map.performance.theaterID, performanceID: id)
                map.currency = box.currency
                map.unpaidPending = (try? box.unpaidPendingCount()) ?? 0
                return map
            }.mapError(Failure.init), reason: reason)
        case .hold(let id, let labels, let ttlMs, let purpose):
            do {
                let outcome = try box.hold(performanceID: id, labels: labels, ttlMs: ttlMs, holdbackCode: purpose.holdbackCode)
                return .held(performanceID: id, labels: outcome.labels, ttlMs: outcome.expiresInMs, purpose: purpose)
            } catch {
                return .holdFailed(performanceID: id, labels: labels, purpose: purpose, Failure(error))
            }
        case .release(let id, let labels, let scope):
            do {
                let bookingScope: Booking.ReleaseScope = switch scope {
                case .strict: .strict
                case .clerk: .clerk
                case .session: .session
                }
                try box.release(performanceID: id, labels: labels, scope: bookingScope)
                return .released(performanceID: id, labels: labels)
            } catch {
                return .releaseFailed(performanceID: id, labels: labels, Failure(error))
            }
        case .bestAvailable(let id, let count, let includeRestricted):
            do {
                let outcome = try box.holdBestAvailable(performanceID: id, count: count, includeRestricted: includeRestricted)
                return .held(performanceID: id, labels: outcome.labels, ttlMs: outcome.expiresInMs, purpose: .bestAvailable)
            } catch {
                return .holdFailed(performanceID: id, labels: [], purpose: .bestAvailable, Failure(error))
            }
        case .book(let id, let labels, let name, let key, let typeBySeat, let payments, let holdbackCode):
            do {
                let outcome = try box.book(performanceID: id, labels: labels, customerName: name, idempotencyKey: key,
                                           terms: SaleForm.terms(typeBySeat: typeBySeat, payments: payments),
                                           holdbackCode: holdbackCode)
                // A booking that went ahead without shared holds is worth a line in the clerk's log (the file, never the
                // terminal): the command line says it once on its own output instead.
                for warning in outcome.warnings {
                    Logger(label: "boxoffice").warning("booked \(outcome.order.reference) with a warning",
                                                       metadata: ["warning": "\(warning)"])
                }
                return .booked(outcome)
            } catch {
                return .bookFailed(Failure(error))
            }
        case .find(let text):
            do { return .found(query: text, try box.find(text)) } catch { return .findFailed(Failure(error)) }
        case .cancel(let reference):
            do { return .cancelled(try box.cancel(reference: reference)) } catch { return .cancelFailed(Failure(error)) }
        case .exchange(let reference, let id, let from, let to, let payments, let refundTo):
            do {
                let (requests, details) = PaymentStep.requests(payments)
                // Within the performance shown: its tickets are the ones named (a mixed booking may have a seat label in two).
                let outcome = try box.exchange(reference: reference, fromLabels: from, toLabels: to, toPerformanceID: id,
                                               fromPerformanceID: id, payments: requests, details: details, refund: refundTo.map { .to($0) } ?? .original)
                return .exchanged(outcome.result, warnings: outcome.warnings)
            } catch {
                return .exchangeFailed(Failure(error))
            }
        case .readDataVersion:
            return (try? box.dataVersion()).map { .dataVersion($0) }
        case .loadShift:
            return .shiftLoaded(Result {
                let report = try box.shiftReport(clerk: box.clerk.name, since: nil, until: nil, floatCents: 0, countedCents: nil)
                return ShiftOverlay.Figures(shifts: report.shifts, since: report.since, until: report.until)
            }.mapError(Failure.init))
        case .printTickets(let reference):
            guard let printer else {
                return .printed(reference: reference, .failure(Failure("Printing is not set up in this picker; `boxoffice ticket \(reference)` prints them.")))
            }
            return .printed(reference: reference, Result { try printer(reference) }.mapError(Failure.init))
        case .subscribe, .resubscribe, .exit:
            return nil  // the event loop's own
        }
    }
}
