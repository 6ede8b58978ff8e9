@testable import Booking
import Foundation
import Testing
@testable import TUI

@Suite struct UpdateTests {
    typealias F = Fixtures

    @Test func openingAPerformanceSubscribesFirst() {
        var model = F.chooserModel()
        var commands: [Command]
        (model, commands) = F.press(model, .down, .enter)
        #expect(model.screen == .map)
        #expect(commands == [.subscribe(performanceID: 8)])
        (model, commands) = update(model, .holdsLink(.live))
        #expect(commands == [.loadSnapshot(performanceID: 8, reason: .open)])
    }

    @Test func typingFiltersTheChooser() {
        var model = F.chooserModel()
        (model, _) = F.type(model, "godot")
        #expect(model.chooser.visible.map(\.performance.id) == [9])
        let (opened, commands) = F.press(model, .enter)
        #expect(commands == [.subscribe(performanceID: 9)])
        #expect(opened.screen == .map)
        // q with a filter typed is a letter, not quit.
        let (typed, quit) = F.press(model, .char("q"))
        #expect(quit.isEmpty && typed.chooser.filter.text == "godotq")
        (model, _) = F.press(model, .escape)
        let (_, leave) = F.press(model, .char("q"))
        #expect(leave == [.exit(0)])
    }

    @Test func cursorMovesAcrossTheAisleWithArrowsAndVimKeys() {
        var model = F.mapModel()
        model.map!.cursor = F.index(model, "B3")
        (model, _) = F.press(model, .right, .char("l"))
        #expect(F.label(model, model.map!.cursor) == "B5")
        (model, _) = F.press(model, .char("j"), .down)
        #expect(F.label(model, model.map!.cursor) == "D4")
        (model, _) = F.press(model, .home)
        #expect(F.label(model, model.map!.cursor) == "D1")
        (model, _) = F.press(model, .end, .up, .char("k"))
        #expect(F.label(model, model.map!.cursor) == "B6")
        (model, _) = F.press(model, .pageDown)
        #expect(F.label(model, model.map!.cursor).hasPrefix("F"))
    }

    @Test func spaceHoldsAFreeSeatAndReleasesMine() {
        var model = F.mapModel()
        model.map!.cursor = F.index(model, "B1")
        var commands: [Command]
        (model, commands) = F.press(model, .char(" "))
        #expect(commands == [.hold(performanceID: 7, labels: ["B1"], ttlMs: nil, purpose: .select)])
        // A second Space before Redis answers does not send another hold.
        (model, commands) = F.press(model, .char(" "))
        #expect(commands.isEmpty)
        (model, _) = update(model, .held(performanceID: 7, labels: ["B1"], ttlMs: 300_000, purpose: .select))
        #expect(model.map!.selection == ["A2", "B1"])
        (model, commands) = F.press(model, .char(" "))
        #expect(commands == [.release(performanceID: 7, labels: ["B1"], scope: .session)])
        (model, _) = update(model, .released(performanceID: 7, labels: ["B1"]))
        #expect(model.map!.selection == ["A2"])
        #expect(model.map!.seatMap!.states[F.index(model, "B1")] == .free)
    }

    @Test func spaceOnATakenSeatSaysWhoOrWhich() {
        var model = F.mapModel()
        model.map!.cursor = F.index(model, "A3")
        var commands: [Command]
        (model, commands) = F.press(model, .char(" "))
        #expect(commands.isEmpty)
        #expect(model.message?.text.contains("held by bob") == true)
        model.map!.cursor = F.index(model, "B4")
        (model, _) = F.press(model, .char(" "))
        #expect(model.message?.text.contains("BK7Q2M") == true)
        model.map!.cursor = F.index(model, "C1")
        (model, _) = F.press(model, .char(" "))
        #expect(model.message?.text.contains("sound desk") == true)
    }

    @Test func digitThenBAsksForBestAvailable() {
        var model = F.mapModel()
        var commands: [Command]
        (model, commands) = F.press(model, .char("3"), .char("b"))
        #expect(commands == [.bestAvailable(performanceID: 7, count: 3)])
        (model, _) = update(model, .held(performanceID: 7, labels: ["E4", "E5", "E6"], ttlMs: 300_000, purpose: .bestAvailable))
        #expect(model.map!.selection == ["A2", "E4", "E5", "E6"])
        #expect(F.label(model, model.map!.cursor) == "E4")
        // Two digits make a larger number; a count is forgotten after another key.
        (model, commands) = F.press(model, .char("1"), .char("2"), .char("b"))
        #expect(commands == [.bestAvailable(performanceID: 7, count: 12)])
        (model, commands) = F.press(model, .char("4"), .left, .char("b"))
        #expect(commands.isEmpty)
        #expect(model.overlay.map { if case .bestAvailablePrompt = $0 { true } else { false } } == true)
    }

    @Test func digitThenCapitalBIncludesRestrictedViewSeats() {
        var model = F.mapModel()
        var commands: [Command]
        (model, commands) = F.press(model, .char("2"), .char("B"))
        #expect(commands == [.bestAvailable(performanceID: 7, count: 2, includeRestricted: true)])
        // Without a number, B asks for one rather than widening a choice unasked.
        (model, commands) = F.press(model, .char("B"))
        #expect(commands.isEmpty)
        #expect(model.message?.text.contains("number first") == true)
    }

    @Test func bookingFlowFromEnterToReference() {
        var model = F.mapModel()
        var commands: [Command]
        (model, commands) = F.press(model, .enter)
        guard case .bookingForm(let form) = model.overlay, !form.submitting, form.error == nil else { Issue.record("no form"); return }
        let key = form.idempotencyKey
        (model, _) = F.type(model, "Ann Lee")
        (model, _) = F.press(model, .left, .left, .left, .left, .backspace)  // "An Lee"
        (model, _) = F.type(model, "n")
        (model, commands) = F.press(model, .enter)
        #expect(commands == [.book(performanceID: 7, labels: ["A2"], customerName: "Ann Lee", idempotencyKey: key)])
        let order = Order(id: 1, reference: "QX4K9P", performanceID: 7, customerName: "Ann Lee", customerContact: nil,
                          clerk: F.me, unixUser: "alice", idempotencyKey: key, createdAt: Date(), cancelledAt: nil,
                          seats: [.init(seatID: 2, label: "A2", priceCents: 3200)], totalCents: 3200)
        (model, _) = update(model, .booked(BoxOffice.BookingOutcome(order: order, replay: false, warnings: [])))
        guard case .bookingResult(let shown) = model.overlay else { Issue.record("no result"); return }
        #expect(shown.order.reference == "QX4K9P")
        #expect(model.map!.selection.isEmpty)
        #expect(model.map!.seatMap!.states[F.index(model, "A2")] == .booked(reference: "QX4K9P"))
        (model, _) = F.press(model, .char("x"))
        guard case .bookingResult = model.overlay else { Issue.record("another key closed the result"); return }
        #expect(model.message?.text.contains("Enter or Esc closes") == true, "another key says which keys work")
        (model, _) = F.press(model, .escape)
        #expect(model.overlay == nil)
    }

    @Test func escapeClosesTheFormAndKeepsHolds() {
        var model = F.mapModel()
        var commands: [Command]
        (model, _) = F.press(model, .enter)
        (model, commands) = F.press(model, .escape)
        #expect(commands.isEmpty)
        #expect(model.overlay == nil)
        #expect(model.map!.selection == ["A2"])
    }

    @Test func theNameFieldRefusesControlCharacters() {
        var model = F.mapModel()
        (model, _) = F.press(model, .enter)
        (model, _) = F.type(model, "A\u{1B}[2J\u{202E}b\u{85}")
        guard case .bookingForm(let form) = model.overlay else { Issue.record("no form"); return }
        #expect(form.name.text == "A[2Jb")
        #expect(form.error != nil)
        (model, _) = F.press(model, .control("u"))
        guard case .bookingForm(let cleared) = model.overlay else { Issue.record("Ctrl-U closed the form"); return }
        #expect(cleared.name.text.isEmpty)
    }

    @Test func holdsAreExtendedWhileTheClerkTypesUpToACap() {
        var model = F.mapModel()
        var commands: [Command]
        let extend = Command.hold(performanceID: 7, labels: ["A2"], ttlMs: 300_000, purpose: .extend)
        // A2 has 240 s of 300 left when the form opens: renewed at once.
        (model, commands) = F.press(model, .enter)
        #expect(commands == [extend])
        (model, commands) = F.type(model, "J")
        #expect(commands.isEmpty)  // one renewal at a time
        (model, _) = update(model, .held(performanceID: 7, labels: ["A2"], ttlMs: 300_000, purpose: .extend))
        (model, commands) = F.type(model, "o")
        #expect(commands.isEmpty)  // just renewed
        (model, _) = update(model, .tick(now: 101_000))
        (model, commands) = F.type(model, "e")
        #expect(commands == [extend])
        (model, _) = update(model, .held(performanceID: 7, labels: ["A2"], ttlMs: 300_000, purpose: .extend))
        // Ten minutes after the form opened, no more renewals: the holds run down and the status bar warns.
        model.map!.formOpenedAt = model.now - 11 * 60_000
        (model, _) = update(model, .tick(now: 200_000))
        (model, commands) = F.type(model, "y")
        #expect(commands.isEmpty)
        (model, _) = update(model, .tick(now: 101_000 + 300_000 - 20_000))
        #expect(render(model).line(model.height - 2).contains("20s left!"))
    }

    @Test func findThenCancelAfterConfirmation() {
        var model = F.mapModel()
        var commands: [Command]
        (model, _) = F.press(model, .char("/"))
        (model, _) = F.type(model, "BK7Q2M")
        (model, commands) = F.press(model, .enter)
        #expect(commands == [.find("BK7Q2M")])
        let order = Order(id: 3, reference: "BK7Q2M", performanceID: 7, customerName: "Bo", customerContact: nil,
                          clerk: "bob", unixUser: "bob", idempotencyKey: nil, createdAt: Date(), cancelledAt: nil,
                          seats: [.init(seatID: 12, label: "B4", priceCents: 3200), .init(seatID: 13, label: "B5", priceCents: 3200)],
                          totalCents: 6400)
        (model, _) = update(model, .found(query: "BK7Q2M", [order]))
        #expect(model.map!.highlighted == [F.index(model, "B4"), F.index(model, "B5")])
        (model, commands) = F.press(model, .char("c"))
        #expect(commands.isEmpty)  // asks first
        (model, commands) = F.press(model, .char("n"))
        #expect(commands.isEmpty && model.overlay == nil)
        (model, _) = F.press(model, .char("c"))
        (model, commands) = F.press(model, .char("y"))
        #expect(commands == [.cancel(reference: "BK7Q2M")])
        var cancelled = order
        cancelled.cancelledAt = Date()
        (model, _) = update(model, .cancelled(BoxOffice.CancelOutcome(order: cancelled, alreadyCancelled: false)))
        #expect(model.map!.seatMap!.states[F.index(model, "B4")] == .free)
        #expect(model.map!.highlighted.isEmpty)
    }

    @Test func cancellingAPaidBookingSaysWhatGoesBackAndHow() {
        // Paid £20 cash and £145 card: the clerk must know, before and after, to hand back the cash and refund the card.
        var model = F.mapModel()
        let paid = [Payment(method: .cash, amountCents: 2000, kind: .payment, tenderedCents: 5000, changeCents: 3000,
                            clerk: F.me, unixUser: "alice", at: Date()),
                    Payment(method: .card, amountCents: 14500, kind: .payment, clerk: F.me, unixUser: "alice", at: Date())]
        let order = Order(id: 3, reference: "TW9X6Q", performanceID: 7, customerName: "Ann Lee", customerContact: nil,
                          clerk: F.me, unixUser: "alice", idempotencyKey: nil, createdAt: Date(), cancelledAt: nil,
                          seats: [.init(seatID: 12, label: "B4", priceCents: 8250), .init(seatID: 13, label: "B5", priceCents: 8250)],
                          totalCents: 16500, payments: paid)
        (model, _) = F.press(model, .char("/"))
        (model, _) = F.type(model, "TW9X6Q")
        (model, _) = F.press(model, .enter)
        (model, _) = update(model, .found(query: "TW9X6Q", [order]))
        (model, _) = F.press(model, .char("c"))
        #expect(render(model).text.contains("Refund £145.00 card, £20.00 cash"))
        (model, _) = F.press(model, .char("y"))
        var cancelled = order
        cancelled.cancelledAt = Date()
        let refunds = [PlannedPayment(method: .card, amountCents: 14500), PlannedPayment(method: .cash, amountCents: 2000)]
        (model, _) = update(model, .cancelled(BoxOffice.CancelOutcome(order: cancelled, alreadyCancelled: false, refunds: refunds)))
        #expect(model.message?.text == "Cancelled TW9X6Q, refunded £145.00 card, £20.00 cash: B4 B5 are free again.")
    }

    @Test func quittingWithHoldsAsksThenReleasesThisSessionsHolds() {
        var model = F.mapModel()
        var commands: [Command]
        (model, commands) = F.press(model, .char("q"))
        #expect(commands.isEmpty)
        (model, commands) = F.press(model, .char("y"))
        #expect(commands == [.release(performanceID: 7, labels: ["A2"], scope: .session)])
        (model, commands) = update(model, .released(performanceID: 7, labels: ["A2"]))
        #expect(commands == [.subscribe(performanceID: nil), .loadPerformances])
        #expect(model.screen == .chooser)
    }

    @Test func aSignalReleasesAndExits() {
        let (model, commands) = update(F.mapModel(), .terminate(signal: SIGHUP))
        #expect(commands == [.release(performanceID: 7, labels: ["A2"], scope: .session), .exit(129)])
        #expect(model.leaving)
    }

    @Test func eventsFromOtherClerksApplyAndAGapResyncs() {
        var model = F.mapModel()
        var commands: [Command]
        let hold = PerformanceEvent(kind: .hold, version: 11, labels: ["C5"], clerk: "bob", session: "b", ttlMs: 5_000)
        (model, commands) = update(model, .events(performanceID: 7, [hold]))
        #expect(commands.isEmpty)
        #expect(model.map!.seatMap!.states[F.index(model, "C5")] == .held(clerk: "bob", session: "b", expiresInMs: 5_000))
        let book = PerformanceEvent(kind: .book, version: 13, labels: ["C5"], clerk: "bob", session: "b", reference: "R1")
        (model, commands) = update(model, .events(performanceID: 7, [book]))
        #expect(model.map!.seatMap!.states[F.index(model, "C5")] == .booked(reference: "R1"))
        #expect(commands == [.loadSnapshot(performanceID: 7, reason: .resync)])
        // Old news (already in the snapshot) changes nothing.
        let stale = PerformanceEvent(kind: .release, version: 5, labels: ["A3"], clerk: "bob", session: "b")
        (model, _) = update(model, .events(performanceID: 7, [stale]))
        #expect(model.map!.seatMap!.states[F.index(model, "A3")] != .free)
    }

    @Test func holdsRunOutLocallyWithoutAnEvent() {
        var model = F.mapModel()
        // bob's A3 had 60 s left at t = 1 s.
        (model, _) = update(model, .tick(now: 60_000))
        #expect(model.map!.seatMap!.states[F.index(model, "A3")] != .free)
        (model, _) = update(model, .tick(now: 61_250))
        #expect(model.map!.seatMap!.states[F.index(model, "A3")] == .free)
        // Mine runs out too, and the clerk is told.
        (model, _) = update(model, .tick(now: 241_000))
        #expect(model.map!.selection.isEmpty)
        #expect(model.message?.text.contains("A2") == true)
    }

    @Test func redisGoingAndComingBackReholdsWhatIsStillFree() {
        var model = F.mapModel()
        var commands: [Command]
        (model, _) = update(model, .holdsLink(.offline(reason: "connection refused")))
        #expect(model.message?.kind == .warning)
        // Offline, Space selects locally.
        model.map!.cursor = F.index(model, "C4")
        (model, commands) = F.press(model, .char(" "))
        #expect(commands.isEmpty)
        #expect(model.map!.selection == ["A2", "C4"])
        // A tick asks SQLite whether anything changed.
        (model, commands) = update(model, .tick(now: 5_000))
        #expect(commands == [.readDataVersion])
        (model, commands) = update(model, .holdsLink(.live))
        #expect(commands == [.loadSnapshot(performanceID: 7, reason: .reconnected)])
        // Meanwhile: A2's hold was lost with Redis (free now), C4 was booked by someone else.
        var fresh = F.everyState()
        fresh.states[fresh.index(ofLabel: "A2")!] = .free
        fresh.states[fresh.index(ofLabel: "C4")!] = .booked(reference: "OTHER1")
        (model, commands) = update(model, .snapshotLoaded(.success(fresh), reason: .reconnected))
        #expect(commands == [.hold(performanceID: 7, labels: ["A2"], ttlMs: nil, purpose: .restore)])
        #expect(model.message?.text.contains("C4 (booked)") == true)
        #expect(model.map!.selection == ["A2"])
        // A2 is held again; the message that says so still names the seat that was lost.
        (model, _) = update(model, .held(performanceID: 7, labels: ["A2"], ttlMs: 300_000, purpose: .restore))
        #expect(model.message?.text.contains("holding A2 again") == true)
        #expect(model.message?.text.contains("C4 (booked)") == true)
        #expect(model.message?.kind == .warning)
    }

    @Test func aSeatTakenWhileOfflineIsNamedAtOnceAndAgainWhenHoldsReturn() {
        var model = F.mapModel(F.freeMap())
        var commands: [Command]
        (model, _) = update(model, .holdsLink(.offline(reason: "connection refused")))
        for label in ["B2", "B3"] {
            model.map!.cursor = F.index(model, label)
            (model, _) = F.press(model, .char(" "))
        }
        #expect(model.map!.selection == ["B2", "B3"])
        // SQLite's data version moved: another clerk booked B3 without Redis.
        var fresh = F.freeMap()
        fresh.holdsOnline = false
        fresh.states[fresh.index(ofLabel: "B3")!] = .booked(reference: "OTHER2")
        (model, commands) = update(model, .snapshotLoaded(.success(fresh), reason: .databaseChanged))
        #expect(commands.isEmpty)
        #expect(model.map!.selection == ["B2"])
        #expect(model.message?.text.contains("B3 (booked)") == true)
        // Redis is back, empty: B2 is held again, and the clerk is told again that B3 went.
        (model, _) = update(model, .holdsLink(.live))
        fresh.holdsOnline = true
        (model, commands) = update(model, .snapshotLoaded(.success(fresh), reason: .reconnected))
        #expect(commands == [.hold(performanceID: 7, labels: ["B2"], ttlMs: nil, purpose: .restore)])
        (model, _) = update(model, .held(performanceID: 7, labels: ["B2"], ttlMs: 300_000, purpose: .restore))
        #expect(model.message?.text.contains("holding B2 again") == true)
        #expect(model.message?.text.contains("went to others meanwhile: B3 (booked)") == true)
        #expect(model.map!.lostWhileOffline.isEmpty)
        // Told once: the next outage starts with nothing lost.
        (model, _) = update(model, .holdsLink(.offline(reason: "again")))
        (model, _) = update(model, .holdsLink(.live))
        (model, _) = update(model, .snapshotLoaded(.success(fresh), reason: .reconnected))
        #expect(model.message?.text.contains("B3") == false)
    }

    @Test func aHoldThatTimedOutButWentThroughJoinsTheSelection() {
        var model = F.mapModel(F.freeMap())
        var commands: [Command]
        model.map!.cursor = F.index(model, "C5")
        (model, commands) = F.press(model, .char(" "))
        #expect(commands == [.hold(performanceID: 7, labels: ["C5"], ttlMs: nil, purpose: .select)])
        // Redis hung: the hold timed out here (so the link is dropped and connected again), but Redis ran it when
        // it woke, after the snapshot of the new connection was read: the event says so.
        let failure = Failure("Holds are offline: Redis timed out.", holdsUnavailable: true)
        (model, commands) = update(model, .holdFailed(performanceID: 7, labels: ["C5"], purpose: .select, failure))
        #expect(commands == [.resubscribe(performanceID: 7)])
        #expect(model.map!.selection.isEmpty)
        (model, _) = update(model, .holdsLink(.live))
        (model, _) = update(model, .snapshotLoaded(.success(F.freeMap()), reason: .reconnected))
        let late = PerformanceEvent(kind: .hold, version: 11, labels: ["C5"], clerk: F.me, session: F.mySession, ttlMs: 300_000)
        (model, _) = update(model, .events(performanceID: 7, [late]))
        #expect(model.map!.selection == ["C5"])
        #expect(model.message?.text.contains("C5") == true)
        // So quitting releases it with the rest.
        (model, commands) = F.press(model, .char("q"), .char("y"))
        #expect(commands == [.release(performanceID: 7, labels: ["C5"], scope: .session)])
    }

    @Test func aHoldThatRanBeforeTheReconnectIsInTheSnapshotAndJoinsTheSelection() {
        var model = F.mapModel(F.freeMap())
        var commands: [Command]
        model.map!.cursor = F.index(model, "C5")
        (model, _) = F.press(model, .char(" "))
        let failure = Failure("Holds are offline: Redis timed out.", holdsUnavailable: true)
        (model, _) = update(model, .holdFailed(performanceID: 7, labels: ["C5"], purpose: .select, failure))
        // Redis woke and ran the hold before the picker was subscribed again: no event, but the snapshot has it.
        (model, _) = update(model, .holdsLink(.live))
        var fresh = F.freeMap()
        fresh.states[fresh.index(ofLabel: "C5")!] = .held(clerk: F.me, session: F.mySession, expiresInMs: 290_000)
        (model, commands) = update(model, .snapshotLoaded(.success(fresh), reason: .reconnected))
        #expect(commands.isEmpty)
        #expect(model.map!.selection == ["C5"])
        (model, commands) = F.press(model, .char("q"), .char("y"))
        #expect(commands == [.release(performanceID: 7, labels: ["C5"], scope: .session)])
    }

    @Test func aHoldFailingForLackOfRedisTakesTheLinkOfflineAndReconnects() {
        // A hung Redis keeps the subscription's socket open and silent: the failed hold is the first to know.
        var model = F.mapModel(F.freeMap())
        var commands: [Command]
        #expect(render(model).text.contains("holds live"))
        model.map!.cursor = F.index(model, "B2")
        (model, _) = F.press(model, .char(" "))
        let failure = Failure("Holds are offline: Redis cannot be reached (lost the connection: timed out).", holdsUnavailable: true)
        (model, commands) = update(model, .holdFailed(performanceID: 7, labels: ["B2"], purpose: .select, failure))
        #expect(commands == [.resubscribe(performanceID: 7)])
        #expect(model.holdsLink == .offline(reason: failure.message))
        // The status bar says so in the words it uses for a Redis that is down; the message line keeps the failure.
        let screen = render(model).text
        #expect(screen.contains("HOLDS OFFLINE: bookings still work, holds not shared"))
        #expect(!screen.contains("holds live"))
        #expect(model.message?.text == failure.message)
        // Offline, Space selects here only (as with Redis down), and SQLite is watched for bookings.
        (model, commands) = F.press(model, .char(" "))
        #expect(commands.isEmpty)
        #expect(model.map!.selection == ["B2"])
        (model, commands) = update(model, .tick(now: 5_000))
        #expect(commands == [.readDataVersion])
        // More failures that were already under way change nothing more: one reconnect is enough.
        (model, commands) = update(model, .holdFailed(performanceID: 7, labels: ["B3"], purpose: .select, failure))
        #expect(commands.isEmpty)
        // The event loop's reconnect fails while Redis still hangs (the subscription was not confirmed) ...
        (model, commands) = update(model, .holdsLink(.offline(reason: "Holds are offline: did not answer within 1000 ms.")))
        #expect(commands.isEmpty)
        #expect(model.message?.text == failure.message)
        // ... and when Redis answers, the snapshot is read again and the selection held for real.
        (model, commands) = update(model, .holdsLink(.live))
        #expect(commands == [.loadSnapshot(performanceID: 7, reason: .reconnected)])
        (model, commands) = update(model, .snapshotLoaded(.success(F.freeMap()), reason: .reconnected))
        #expect(commands == [.hold(performanceID: 7, labels: ["B2"], ttlMs: nil, purpose: .restore)])
        #expect(render(model).text.contains("holds live"))
    }

    @Test func releasesAndBookingsFailingForLackOfRedisTakeTheLinkOfflineToo() {
        let failure = Failure("Holds are offline: Redis cannot be reached (timed out).", holdsUnavailable: true)
        var model = F.mapModel()
        var commands: [Command]
        (model, commands) = update(model, .releaseFailed(performanceID: 7, labels: ["A2"], failure))
        #expect(commands == [.resubscribe(performanceID: 7)])
        #expect(model.holdsLink == .offline(reason: failure.message))

        model = F.mapModel()
        (model, commands) = update(model, .bookFailed(failure))
        #expect(commands == [.resubscribe(performanceID: 7)])
        #expect(model.holdsLink == .offline(reason: failure.message))

        // Other failures say nothing about Redis: the link stays live.
        model = F.mapModel()
        (model, commands) = update(model, .holdFailed(performanceID: 7, labels: ["B2"], purpose: .select,
                                                      Failure("B2 is held by bob.")))
        #expect(!commands.contains(.resubscribe(performanceID: 7)))
        #expect(model.holdsLink == .live)
        // Leaving, a release that fails for lack of Redis closes the map as before: no reconnecting.
        (model, _) = F.press(F.mapModel(), .char("q"), .char("y"))
        (model, commands) = update(model, .releaseFailed(performanceID: 7, labels: ["A2"], failure))
        #expect(commands == [.subscribe(performanceID: nil), .loadPerformances])
    }

    @Test func aChangedDataVersionReloadsTheMap() {
        var model = F.mapModel(link: .offline(reason: "down"))
        var commands: [Command]
        (model, commands) = update(model, .dataVersion(3))
        #expect(commands.isEmpty)
        (model, commands) = update(model, .dataVersion(4))
        #expect(commands == [.loadSnapshot(performanceID: 7, reason: .databaseChanged)])
    }

    @Test func mouseClickSelectsTheSeatUnderIt() {
        let model = F.mapModel()
        let layout = model.map!.layout!
        let geometry = MapGeometry(width: model.width, height: model.height, layout: layout)
        let seat = F.index(model, "B2")
        let x = geometry.mapLeft(layout: layout, viewport: model.map!.viewport) + layout.column[seat]
        let y = geometry.mapTop + layout.line[seat]
        let (next, commands) = update(model, .click(x: x, y: y))
        #expect(F.label(next, next.map!.cursor) == "B2")
        #expect(commands == [.hold(performanceID: 7, labels: ["B2"], ttlMs: nil, purpose: .select)])
    }

    @Test func escapeNeverReleases() {
        var model = F.mapModel()
        var all: [Command] = []
        for overlayKey in [Key.char("?"), .char("/"), .enter, .char("b")] {
            var commands: [Command]
            (model, commands) = F.press(model, overlayKey, .escape, .escape)
            all += commands
            #expect(model.overlay == nil)
        }
        #expect(!all.contains { if case .release = $0 { true } else { false } })
        #expect(model.map!.selection == ["A2"])
    }

    @Test func aLoggedWarningIsNamedInTheMessageLineForAWhile() {
        var model = F.mapModel(width: 120)
        model.logFile = describeLog(.success("/home/alice/.local/state/boxoffice/boxoffice.log"), home: "/home/alice")
        model.message = Message("Booked QX4K9P: A2.", .ok)
        (model, _) = update(model, .logged("booked, but could not clear holds"))
        let line = render(model).line(model.height - 1)
        // The separator ends the message: no full stop before it.
        #expect(line.contains("Booked QX4K9P: A2 · Written to your log"))
        #expect(line.contains("Written to your log ~/.local/state/boxoffice/boxoffice.log: booked, but could not clear holds"))
        (model, _) = update(model, .tick(now: 1_000 + 19_000))
        #expect(model.logNote != nil)
        (model, _) = update(model, .tick(now: 1_000 + 21_000))
        #expect(model.logNote == nil)
        #expect(!render(model).line(model.height - 1).contains("log"))
        #expect(render(model).line(model.height - 1).contains("Booked QX4K9P: A2."))  // alone, its full stop is back
        // Without a log file, the clerk is told the warning was not kept, and why.
        model.logFile = describeLog(.failure(LogUnavailable(reason: "/ro/boxoffice.log: read-only file system")))
        (model, _) = update(model, .logged("booked, but could not clear holds"))
        #expect(model.logNote?.text.hasPrefix("Not logged (/ro/boxoffice.log: read-only file system)") == true)
    }

    @Test func xClearsTheSelection() {
        let (_, commands) = F.press(F.mapModel(), .char("x"))
        #expect(commands == [.release(performanceID: 7, labels: ["A2"], scope: .session)])
    }
}

extension Overlay: Equatable {
    public static func == (a: Overlay, b: Overlay) -> Bool { String(describing: a) == String(describing: b) }
}
