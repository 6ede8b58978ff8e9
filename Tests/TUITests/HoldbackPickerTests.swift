@testable import Booking
import Foundation
import Testing
@testable import TUI

/// Held-back seats in the picker: Space asks for the code; the booking layer's answer holds the seat (and the
/// booking then names the code) or leaves everything as it was; the legend and the help name both new glyphs.
@Suite struct HoldbackPickerTests {
    typealias F = Fixtures

    /// The fixture venue with B6 and B7 held back for PRESS and E1 a restricted view.
    static func heldBackMap() -> SeatMap {
        var map = F.freeMap()
        for label in ["B6", "B7"] {
            let i = map.index(ofLabel: label)!
            map.states[i] = .heldBack(code: "PRESS", until: nil)
            map.holdbacks[i] = .init(code: "PRESS", until: nil)
        }
        map.seats[map.index(ofLabel: "E1")!].restrictedView = true
        return map
    }

    static func onSeat(_ label: String, _ map: SeatMap = heldBackMap()) -> Model {
        var model = F.mapModel(map, width: 100, height: 24)
        model.map!.cursor = F.index(model, label)
        return model
    }

    @Test func spaceOnAHeldBackSeatAsksForItsCode() {
        var (model, commands) = F.press(Self.onSeat("B6"), .char(" "))
        #expect(commands.isEmpty, "nothing is held before the code is typed")
        guard case .holdbackPrompt(let prompt) = model.overlay else { Issue.record("no code prompt"); return }
        #expect(prompt.label == "B6" && prompt.code == "PRESS")
        // Enter with nothing typed asks again and sends nothing.
        (model, commands) = F.press(model, .enter)
        #expect(commands.isEmpty)
        guard case .holdbackPrompt(let empty) = model.overlay else { Issue.record("prompt closed"); return }
        #expect(empty.error?.contains("Type the code") == true)
        // Esc leaves the seat held back and changes nothing.
        (model, commands) = F.press(model, .escape)
        #expect(model.overlay == nil && commands.isEmpty)
        #expect(model.map!.seatMap!.states[F.index(model, "B6")] == .heldBack(code: "PRESS", until: nil))
        #expect(model.message?.text.contains("stays held back") == true)
    }

    @Test func theRightCodeHoldsTheSeatAndTheBookingNamesIt() {
        var (model, commands) = F.press(Self.onSeat("B6"), .char(" "))
        (model, commands) = F.type(model, "press")
        (model, commands) = F.press(model, .enter)
        #expect(commands == [.hold(performanceID: 7, labels: ["B6"], ttlMs: nil, purpose: .holdback(code: "press"))])
        // Keys are ignored while the booking layer answers.
        let (waiting, none) = F.press(model, .char("x"))
        #expect(none.isEmpty)
        guard case .holdbackPrompt(let prompt) = waiting.overlay else { Issue.record("prompt closed early"); return }
        #expect(prompt.submitting && prompt.field.text == "press")

        (model, _) = update(model, .held(performanceID: 7, labels: ["B6"], ttlMs: 300_000, purpose: .holdback(code: "press")))
        #expect(model.overlay == nil, "the prompt closes once the seat is held")
        #expect(model.map!.selection == ["B6"])
        #expect(model.map!.seatMap!.states[F.index(model, "B6")] == .held(clerk: F.me, session: F.mySession, expiresInMs: 300_000))
        #expect(model.message?.text.contains("held back for press") == true)

        // The booking names the code typed, so the held-back seat sells.
        (model, _) = F.press(model, .enter)
        guard case .bookingForm = model.overlay else { Issue.record("no booking form"); return }
        model.overlay = .bookingForm(BookingForm(idempotencyKey: "k"))
        (model, commands) = F.press(model, .enter)
        #expect(commands == [.book(performanceID: 7, labels: ["B6"], customerName: nil, idempotencyKey: "k", holdbackCode: "press")])
    }

    @Test func aWrongCodeSaysSoAndChangesNothing() {
        var (model, commands) = F.press(Self.onSeat("B6"), .char(" "))
        (model, _) = F.type(model, "CRITIC")
        (model, _) = F.press(model, .enter)
        let refusal = Failure(BookingError.heldBack(label: "B6", code: "PRESS"))
        #expect(refusal.wrongHoldbackCode)
        (model, commands) = update(model, .holdFailed(performanceID: 7, labels: ["B6"], purpose: .holdback(code: "CRITIC"), refusal))
        #expect(commands.isEmpty, "a wrong code is not a stale map: nothing to read again")
        guard case .holdbackPrompt(let prompt) = model.overlay else { Issue.record("the prompt should stay open"); return }
        #expect(prompt.error == "\"CRITIC\" is not the code for B6: nothing was held.")
        #expect(!prompt.submitting)
        #expect(model.map!.selection.isEmpty && model.map!.pending.isEmpty)
        #expect(model.map!.seatMap!.states[F.index(model, "B6")] == .heldBack(code: "PRESS", until: nil))
        // Another try is allowed.
        (model, _) = F.press(model, .control("u"))
        (model, commands) = F.type(model, "PRESS")
        (model, commands) = F.press(model, .enter)
        #expect(commands == [.hold(performanceID: 7, labels: ["B6"], ttlMs: nil, purpose: .holdback(code: "PRESS"))])
    }

    @Test func lettingGoOfAHeldBackSeatReturnsItToHeldBack() {
        var (model, _) = F.press(Self.onSeat("B6"), .char(" "))
        (model, _) = F.type(model, "PRESS")
        (model, _) = F.press(model, .enter)
        (model, _) = update(model, .held(performanceID: 7, labels: ["B6"], ttlMs: 300_000, purpose: .holdback(code: "PRESS")))
        var commands: [Command]
        (model, commands) = F.press(model, .char(" "))
        #expect(commands == [.release(performanceID: 7, labels: ["B6"], scope: .session)])
        (model, _) = update(model, .released(performanceID: 7, labels: ["B6"]))
        #expect(model.map!.seatMap!.states[F.index(model, "B6")] == .heldBack(code: "PRESS", until: nil))
        #expect(model.map!.holdbackCodes.isEmpty)
        // Another clerk's hold on B7 running out locally, and a release event, put it back to held back too.
        var map = Self.heldBackMap()
        map.states[map.index(ofLabel: "B7")!] = .held(clerk: "bob", session: "s", expiresInMs: 1_000)
        model = F.mapModel(map)
        (model, _) = update(model, .tick(now: 5_000))
        #expect(model.map!.seatMap!.states[F.index(model, "B7")] == .heldBack(code: "PRESS", until: nil))
    }

    @Test func oneCodePerBooking() {
        var map = Self.heldBackMap()
        let e1 = map.index(ofLabel: "E1")!
        map.states[e1] = .heldBack(code: "HOUSE", until: nil)
        map.holdbacks[e1] = .init(code: "HOUSE", until: nil)
        var (model, _) = F.press(Self.onSeat("B6", map), .char(" "))
        (model, _) = F.type(model, "PRESS")
        (model, _) = F.press(model, .enter)
        (model, _) = update(model, .held(performanceID: 7, labels: ["B6"], ttlMs: 300_000, purpose: .holdback(code: "PRESS")))
        model.map!.cursor = e1
        var commands: [Command]
        (model, commands) = F.press(model, .char(" "))
        #expect(commands.isEmpty && model.overlay == nil)
        #expect(model.message?.text.contains("book those first") == true)
        // The same code in another case is the same code: B7 asks.
        model.map!.cursor = F.index(model, "B7")
        (model, _) = F.press(model, .char(" "))
        guard case .holdbackPrompt = model.overlay else { Issue.record("B7 should ask for its code"); return }
    }

    @Test func offlineAHeldBackSeatWaitsForHolds() {
        let (model, commands) = F.press(Self.onSeat("B6").withLink(.offline(reason: "down")), .char(" "))
        #expect(commands.isEmpty && model.overlay == nil)
        #expect(model.message?.text.contains("only while holds are live") == true)
    }

    @Test func thePromptIsDrawnWithTheSeatAndTheCode() {
        var (model, _) = F.press(Self.onSeat("B6"), .char(" "))
        (model, _) = F.type(model, "CRITIC")
        (model, _) = F.press(model, .enter)
        (model, _) = update(model, .holdFailed(performanceID: 7, labels: ["B6"], purpose: .holdback(code: "CRITIC"),
                                               Failure(BookingError.heldBack(label: "B6", code: "PRESS"))))
        let text = render(model).text
        #expect(text.contains("Held-back seat B6"))
        #expect(text.contains("B6 is held back for PRESS."))
        #expect(text.contains("CRITIC"))
        #expect(text.contains("\"CRITIC\" is not the code for B6: nothing was held."))
    }

    @Test func theLegendAndTheHelpNameRestrictedAndHeldBack() {
        let model = Self.onSeat("B6")
        let legend = render(model).line(model.height - 3)
        #expect(legend.contains("◌ restricted view"))
        #expect(legend.contains("◇ held back"))
        // A map without either does not spend the line on them.
        let plain = F.mapModel(F.freeMap(), width: 100, height: 24)
        #expect(!render(plain).line(plain.height - 3).contains("held back"))
        // ASCII glyphs in the legend too.
        let ascii = F.mapModel(Self.heldBackMap(), width: 100, height: 24, theme: Theme(glyphs: .ascii, colors: .none))
        let asciiLegend = render(ascii).line(ascii.height - 3)
        #expect(asciiLegend.contains("r restricted view") && asciiLegend.contains("= held back"))
        // The help shows every glyph, whatever the map.
        let (help, _) = F.press(plain, .char("?"))
        let helpText = render(help).text
        #expect(helpText.contains("◌ restricted view") && helpText.contains("◇ held back"))
    }
}

extension Model {
    func withLink(_ link: HoldsLink) -> Model {
        var model = self
        model.holdsLink = link
        return model
    }
}
