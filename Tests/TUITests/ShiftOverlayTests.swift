import Booking
import Foundation
import Testing
@testable import TUI

/// `$`: the clerk's own shift in an overlay, from the booking layer's shift report (the figures `report shift` prints).
@Suite struct ShiftOverlayTests {
    typealias F = Fixtures

    /// Alice's day: two bookings (two Adult, one Child), £20.00 cash and £56.50 card, £5.00 card refunded.
    static func figures() -> ShiftOverlay.Figures {
        let facts = ShiftFacts(bookings: [.init(clerk: F.me, ticketTypes: ["Adult", "Child"]), .init(clerk: F.me, ticketTypes: ["Adult"])],
                               ledger: [.init(clerk: F.me, method: "cash", amountCents: 2_000),
                                        .init(clerk: F.me, method: "card", amountCents: 5_650),
                                        .init(clerk: F.me, method: "card", amountCents: -500)])
        let since = Date(timeIntervalSince1970: 1_796_000_000)
        return .init(shifts: ShiftReport.build(facts), since: since, until: since.addingTimeInterval(3_600))
    }

    @Test func dollarOpensTheShiftAndReadsIt() {
        var model = F.mapModel(width: 100, height: 30)
        var commands: [Command]
        (model, commands) = F.press(model, .char("$"))
        #expect(commands == [.loadShift])
        guard case .shift(let waiting) = model.overlay else { Issue.record("no shift overlay"); return }
        #expect(waiting.loading && waiting.figures == nil)
        #expect(render(model).text.contains("Reading your shift…"))

        (model, _) = update(model, .shiftLoaded(.success(Self.figures())))
        guard case .shift(let shown) = model.overlay else { Issue.record("closed"); return }
        #expect(shown.figures == Self.figures() && !shown.loading)
        let text = render(model).text
        #expect(text.contains("Your shift so far · alice"))
        // The same table as `boxoffice report shift`, line for line.
        let table = ShiftReport.table(Self.figures().shifts, since: Self.figures().since, until: Self.figures().until,
                                      money: { Theme().money($0) })
        for line in table.split(separator: "\n") { #expect(text.contains(line), "missing: \(line)") }
        #expect(text.contains("£71.50"), "net: 20.00 + 56.50 − 5.00")
        #expect(text.contains("Bookings") && text.contains("Adult 2, Child 1"))

        // r reads it again; Esc (or $) closes it and touches nothing else.
        (model, commands) = F.press(model, .char("r"))
        #expect(commands == [.loadShift])
        let selection = model.map!.selection
        (model, commands) = F.press(model, .char("$"))
        #expect(model.overlay == nil && commands.isEmpty && model.map!.selection == selection)
    }

    @Test func aFailureIsShownInTheOverlay() {
        var model = F.mapModel(width: 100, height: 30)
        (model, _) = F.press(model, .char("$"))
        (model, _) = update(model, .shiftLoaded(.failure(Failure("The database is locked."))))
        #expect(render(model).text.contains("The database is locked."))
        // A late answer after the overlay closed is dropped.
        (model, _) = F.press(model, .escape)
        (model, _) = update(model, .shiftLoaded(.success(Self.figures())))
        #expect(model.overlay == nil)
    }

    @Test func theChooserOpensItTooWhenNoFilterIsTyped() {
        var model = F.chooserModel()
        var commands: [Command]
        (model, commands) = F.press(model, .char("$"))
        #expect(commands == [.loadShift])
        guard case .shift = model.overlay else { Issue.record("no shift overlay on the chooser"); return }
        (model, _) = F.press(model, .escape)
        (model, _) = F.type(model, "mac")
        (model, commands) = F.press(model, .char("$"))
        #expect(commands.isEmpty && model.overlay == nil, "with a filter typed, $ is part of it")
    }
}
