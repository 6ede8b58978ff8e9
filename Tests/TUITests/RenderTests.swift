@testable import Booking
import Foundation
import Testing
@testable import TUI

/// Rendered screens compared as text with files in Snapshots/ (`TUI_RECORD=1 swift test …` rewrites them; read the
/// diff before committing).
@Suite struct RenderTests {
    typealias F = Fixtures

    @Test func chooser() throws {
        var model = F.chooserModel()
        (model, _) = F.press(model, .down)
        try assertSnapshot(render(model).text, named: "chooser")
        // The selected line is drawn in its own role; the bar has a part for sold, held and free.
        let buffer = render(model)
        #expect(buffer.roleLine(5).hasPrefix("RRRR"))
        #expect(buffer.roleLine(4).contains("1") && buffer.roleLine(4).contains("2") && buffer.roleLine(4).contains("3"))
    }

    @Test func chooserFiltered() throws {
        let (model, _) = F.type(F.chooserModel(), "mac")
        try assertSnapshot(render(model).text, named: "chooser-filtered")
    }

    @Test func mapWithEverySeatState() throws {
        var model = F.mapModel()
        model.map!.cursor = F.index(model, "B2")
        model.message = Message("Holding B2 · Stalls · £32.00 for 5:00.", .ok)
        try assertSnapshot(render(model).text, named: "map-every-state")
    }

    @Test func seatRolesAndAttributes() {
        var model = F.mapModel()
        model.map!.cursor = F.index(model, "B2")
        let buffer = render(model)
        let layout = model.map!.layout!
        let geometry = MapGeometry(width: model.width, height: model.height, layout: layout)
        func cell(_ label: String) -> Cell {
            let i = F.index(model, label)
            return buffer[geometry.mapLeft(layout: layout, viewport: model.map!.viewport) + layout.column[i],
                          geometry.mapTop + layout.line[i]]
        }
        #expect(cell("A1").role == .free && cell("A1").char == "w" && cell("A1").attributes.contains(.underline))
        #expect(cell("A2").role == .mine && cell("A2").char == "◆")
        #expect(cell("A3").role == .heldByOther && cell("A3").char == "◐")
        #expect(cell("B4").role == .booked && cell("B4").char == "×")
        #expect(cell("C1").role == .blocked && cell("C1").char == "▪")
        // A booked wheelchair space keeps its underline: distinguishable in every state.
        #expect(cell("A8").role == .booked && cell("A8").attributes.contains(.underline))
        #expect(cell("B2").attributes.contains(.reverse))
    }

    /// Issue 13: two sessions of one clerk (two windows) see each other's holds as the clerk's own, not as another
    /// clerk's; the cursor line says the hold is in another window, and Space there names it rather than taking it.
    @Test func myHoldFromAnotherWindowIsDrawnAsMine() {
        var seatMap = F.everyState()
        seatMap.states[seatMap.seats.firstIndex { $0.label == "A4" }!] = .held(clerk: F.me, session: "host:9:other-window", expiresInMs: 120_000)
        var model = F.mapModel(seatMap, width: 120)   // wide enough for the whole cursor line beside the legend
        model.map!.cursor = F.index(model, "A4")
        let buffer = render(model)
        let layout = model.map!.layout!
        let geometry = MapGeometry(width: model.width, height: model.height, layout: layout)
        let i = F.index(model, "A4")
        let cell = buffer[geometry.mapLeft(layout: layout, viewport: model.map!.viewport) + layout.column[i], geometry.mapTop + layout.line[i]]
        #expect(cell.role == .mine && cell.char == "◆")
        #expect(buffer.text.contains("yours, another window"))
        // Another clerk's hold still reads as theirs; this window's own hold as plain "yours".
        model.map!.cursor = F.index(model, "A3")
        #expect(render(model).text.contains("held by bob"))
        model.map!.cursor = F.index(model, "A2")
        #expect(render(model).text.contains("yours") && !render(model).text.contains("another window"))
        // Space on the other window's seat holds nothing and says where the hold is.
        model.map!.cursor = i
        let (after, commands) = F.press(model, .char(" "))
        #expect(commands.isEmpty)
        #expect(after.message?.text.contains("held by you in another window") == true)
        #expect(after.map!.selection == model.map!.selection)
    }

    @Test func asciiMap() throws {
        var model = F.mapModel(theme: Theme(glyphs: .ascii, colors: .none))
        model.map!.cursor = F.index(model, "B2")
        let text = render(model).text
        try assertSnapshot(text, named: "map-ascii")
        // Only the currency sign (from the booking layer's money format) is left outside ASCII.
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII || $0 == "£" })
    }

    @Test func noColourModeKeepsEveryGlyph() {
        // Without colour the text is the same as with it: glyphs carry the meaning, colour only adds speed.
        let colour = render(F.mapModel(theme: Theme(glyphs: .unicode, colors: .extended)))
        let mono = render(F.mapModel(theme: Theme(glyphs: .unicode, colors: .none)))
        #expect(colour.text == mono.text)
        // And every seat role has an attribute of its own or a distinct glyph in monochrome.
        let glyphs = Glyphs.unicode
        let seatGlyphs = [glyphs.free, glyphs.mine, glyphs.heldByOther, glyphs.booked, glyphs.blocked, glyphs.accessibleFree]
        #expect(Set(seatGlyphs).count == seatGlyphs.count)
        #expect(Palette.entry(for: .cursor, depth: .none).reverse)
    }

    @Test func helpOverlayListsEveryKey() throws {
        let (model, _) = F.press(F.mapModel(width: 90, height: 28), .char("?"))
        let text = render(model).text
        try assertSnapshot(text, named: "help")
        for binding in Bindings.help(for: .map) { #expect(text.contains(binding.plainKeys)) }
    }

    @Test func helpScrollsWhenItsKeysDoNotFit() {
        // 16 lines leave room for fewer bindings than the map has: the arrows bring the rest into view.
        var (model, _) = F.press(F.mapModel(width: 90, height: 16), .char("?"))
        let all = Bindings.help(for: .map)
        let first = render(model).text
        #expect(first.contains(all[0].does))
        #expect(!first.contains(all[all.count - 1].does))
        #expect(first.contains("scroll"))
        (model, _) = F.press(model, .end)
        let last = render(model).text
        #expect(last.contains(all[all.count - 1].does))
        #expect(!last.contains(all[0].does))
        // One Up after End shows one binding more at the top at once (End stops at the last full page).
        let lastPageTop = all.firstIndex { last.contains($0.does) }!
        (model, _) = F.press(model, .up)
        #expect(render(model).text.contains(all[lastPageTop - 1].does))
        (model, _) = F.press(model, .escape)
        #expect(model.overlay == nil)
    }

    @Test func helpAt80By24ShowsEveryWordOfEveryKeyAndEveryGlyph() {
        // 80 columns: the help box is 78 wide, too narrow for the longest descriptions on one line. Each must wrap onto
        // a second line rather than lose its last words ("up/down to the nearest s"), and no glyph may be dropped.
        var (model, _) = F.press(F.mapModel(width: 80, height: 24), .char("?"))
        var described = ""
        var legend = ""
        for _ in 0..<40 {
            let screen = render(model)
            let rows = (0..<model.height).map { screen.line($0) }
            let top = rows.firstIndex { $0.contains("╭─ Keys") }!
            let left = Array(rows[top]).firstIndex(of: "╭")! + 2
            let bottom = rows.indices.first { $0 > top && rows[$0].contains("╰") }!
            let right = Array(rows[top]).lastIndex(of: "╮")! - 1
            let textColumn = left + Bindings.all.map { TextWidth.of($0.plainKeys) }.max()! + 2
            for row in rows[(top + 1)..<bottom] {
                let inside = String(Array(row)[left..<right])
                if inside.contains("closes") { continue }
                if let first = inside.first, seatGlyphLegend(Theme()).contains(where: { $0.glyph == first }) {
                    legend += inside + " "
                    continue
                }
                let cells = Array(inside)
                let keys = String(cells[0..<(textColumn - left)]).trimmingCharacters(in: .whitespaces)
                let text = String(cells[(textColumn - left)...]).trimmingCharacters(in: .whitespaces)
                described += (keys.isEmpty ? " " : "\n") + text
            }
            if !render(model).text.contains("scroll") { break }
            let before = render(model).text
            (model, _) = F.press(model, .pageDown)
            if render(model).text == before { break }
        }
        for binding in Bindings.help(for: .map) {
            #expect(described.contains(binding.does), "cut at 80 columns: \(binding.does)")
        }
        for entry in seatGlyphLegend(Theme()) { #expect(legend.contains("\(entry.glyph) \(entry.name)"), "glyph dropped: \(entry.name)") }
    }

    @Test func bookingForm() throws {
        var model = F.mapModel()
        (model, _) = F.press(model, .enter)
        (model, _) = F.type(model, "Zoë 山田")
        try assertSnapshot(render(model).text, named: "booking-form")
    }

    @Test func bookingResult() throws {
        var model = F.mapModel()
        let order = Order(id: 1, reference: "QX4K9P", performanceID: 7, customerName: "Ann Lee", customerContact: nil,
                          clerk: F.me, unixUser: "alice", idempotencyKey: nil, createdAt: Date(), cancelledAt: nil,
                          seats: [.init(seatID: 2, label: "A2", priceCents: 3200)], totalCents: 3200)
        (model, _) = update(model, .booked(BoxOffice.BookingOutcome(order: order, replay: false, warnings: [])))
        try assertSnapshot(render(model).text, named: "booking-result")
    }

    @Test func aBookingsWarningIsShownWholeAt80Columns() {
        // Booked with Redis away: the warning's last words ("stands on the database alone") are what the clerk needs.
        var model = F.mapModel(width: 80, height: 24)
        let order = Order(id: 1, reference: "QX4K9P", performanceID: 7, customerName: "Ann Lee", customerContact: nil,
                          clerk: F.me, unixUser: "alice", idempotencyKey: nil, createdAt: Date(), cancelledAt: nil,
                          seats: [.init(seatID: 2, label: "A2", priceCents: 3200)], totalCents: 3200)
        let warning = "Holds are offline (lost the connection to unix:///srv/boxoffice/var/redis.sock: Broken pipe): "
            + "other clerks' holds could not be checked. The booking stands on the database alone."
        (model, _) = update(model, .booked(BoxOffice.BookingOutcome(order: order, replay: false, warnings: [warning])))
        let text = render(model).text
        #expect(text.contains("the database alone."), "\(text)")
        #expect(text.contains("p print tickets"))
    }

    @Test func tooSmall() throws {
        let model = F.mapModel(width: 40, height: 10)
        try assertSnapshot(render(model).text, named: "too-small")
        #expect(render(model).text.contains("needs 64×14"))
    }

    @Test func offlineStatusSaysWhatItMeans() {
        let model = F.mapModel(link: .offline(reason: "connection refused"))
        let status = render(model).line(model.height - 2)
        #expect(status.contains("HOLDS OFFLINE"))
        #expect(render(model).roleLine(model.height - 2).hasPrefix("E"))
    }

    @Test func aLargeMapScrollsAndShowsArrows() {
        var seats: [Seat] = []
        var id: Int64 = 1
        for y in 0..<60 {
            for x in 0..<80 {
                seats.append(Seat(id: id, theaterID: 3, label: "R\(y)-\(x)", row: "R\(y)", number: x + 1, x: x, y: y,
                                  section: "Arena", priceBand: "A", priceCents: 1000))
                id += 1
            }
        }
        let map = SeatMap(performance: F.performance, seats: seats, states: Array(repeating: .free, count: seats.count),
                          version: 1, holdsOnline: true)
        var model = F.mapModel(map, width: 80, height: 24)
        (model, _) = F.press(model, .pageDown, .pageDown, .end)
        let buffer = render(model)
        #expect(buffer.text.contains("▲"))
        // The cursor's seat is on screen, drawn reversed.
        #expect(buffer.cells.contains { $0.attributes.contains(.reverse) && $0.role == .free })
    }
}

@Suite struct SafetyTests {
    typealias F = Fixtures

    /// A name with ESC, C0, C1 and bidi controls, as it might come from a file or an old database.
    static let hostile = "Eve\u{1B}[2J\u{1B}]0;pwned\u{07}\r\n\u{9B}31m\u{202E}gnp.exe\u{200B}\u{0}"

    @Test func hostileTextNeverReachesTheBufferRaw() {
        var model = F.mapModel()
        let order = Order(id: 1, reference: "QX4K9P", performanceID: 7, customerName: Self.hostile, customerContact: nil,
                          clerk: "m\u{1B}allory", unixUser: "m", idempotencyKey: nil, createdAt: Date(), cancelledAt: nil,
                          seats: [.init(seatID: 2, label: "A2", priceCents: 3200)], totalCents: 3200)
        (model, _) = update(model, .booked(BoxOffice.BookingOutcome(order: order, replay: false, warnings: [Self.hostile])))
        var buffers = [render(model)]
        (model, _) = F.press(model, .escape)
        model.message = Message(Self.hostile, .error)
        buffers.append(render(model))
        (model, _) = update(model, .events(performanceID: 7, [PerformanceEvent(kind: .hold, version: 11, labels: ["B1"],
                                                                                   clerk: Self.hostile, session: "x", ttlMs: 9_000)]))
        model.map!.cursor = F.index(model, "B1")
        buffers.append(render(model))
        for buffer in buffers {
            for cell in buffer.cells {
                #expect(!cell.char.unicodeScalars.contains(where: SafeText.isUnsafe), "unsafe \(cell.char.unicodeScalars.map(\.value))")
            }
        }
        #expect(buffers[0].text.contains("Eve?[2J?]0;pwned"))
    }

    /// A house wider than the terminal shows arrows at the sides it goes on past, on the stage line and halfway down.
    @Test func aMapWiderThanTheScreenPointsToTheSidesItGoesOnPast() {
        var seats: [Seat] = []
        for (y, row) in ["A", "B", "C", "D"].enumerated() {
            for x in 0..<100 {
                seats.append(Seat(id: Int64(seats.count + 1), theaterID: 1, label: "\(row)\(x + 1)", row: row, number: x + 1,
                                  x: x, y: y, section: "Stalls", priceBand: "S", priceCents: 1000))
            }
        }
        let house = SeatMap(performance: F.performance, seats: seats, states: Array(repeating: .free, count: seats.count),
                            version: 1, holdsOnline: true)
        var model = F.mapModel(house, width: 64, height: 20)
        let geometry = MapGeometry(width: 64, height: 20, layout: model.map!.layout)
        let left = geometry.labelColumns - 1, right = geometry.labelColumns + geometry.visibleColumns
        let middle = geometry.mapTop + min(geometry.visibleLines, model.map!.layout!.height) / 2
        for _ in 0..<99 { (model, _) = F.press(model, .left) }
        // The character at (y, x) as rendered (a line's trailing blanks are not in the text).
        func cell(_ y: Int, _ x: Int) -> Character? {
            let line = Array(render(model).text.split(separator: "\n", omittingEmptySubsequences: false)[y])
            return x < line.count ? line[x] : nil
        }
        for y in [1, middle] {
            #expect(cell(y, right) == "▶", "line \(y): more house to the right")
            #expect(cell(y, left) != "◀", "line \(y): the left end is in view")
        }
        for _ in 0..<99 { (model, _) = F.press(model, .right) }
        for y in [1, middle] {
            #expect(cell(y, left) == "◀", "line \(y): the house goes on to the left")
            #expect(cell(y, right) != "▶", "line \(y): the right end is in view")
        }
    }

    @Test func wideCharactersTakeTwoColumns() {
        var buffer = ScreenBuffer(width: 10, height: 1)
        let used = buffer.put("山田x", x: 0, y: 0)
        #expect(used == 5)
        #expect(buffer[1, 0].isContinuation && buffer[4, 0].char == "x")
        #expect(buffer.line(0) == "山田x")
        // A wide character that would straddle the edge is left out rather than cut in half.
        var narrow = ScreenBuffer(width: 3, height: 1)
        #expect(narrow.put("a山田", x: 0, y: 0) == 3)
        #expect(narrow.line(0) == "a山")
    }

    /// The width table agrees with the C library for what the picker draws (glyphs, names in several scripts).
    @Test func widthTableAgreesWithWcwidth() throws {
        // Debian's libc has C.UTF-8 built in: without it this comparison cannot be made, and that is a failure.
        try #require(setlocale(LC_ALL, "C.UTF-8") != nil, "the C.UTF-8 locale is missing, so wcwidth cannot be asked")
        defer { setlocale(LC_ALL, "C") }
        let samples = Glyphs.unicode.all.map(String.init) + ["a", "é", "ß", "Ж", "山", "田", "한", "ｶ", "Ａ", "ä", "€"]
        for sample in samples {
            for scalar in sample.unicodeScalars {
                #expect(Int(systemWidth(wchar_t(scalar.value))) == TextWidth.of(scalar), "\(sample)")
            }
        }
        // Every glyph is one column: no emoji, no ♿.
        for glyph in Glyphs.unicode.all + Glyphs.ascii.all { #expect(TextWidth.of(glyph) == 1, "\(glyph)") }
    }
}

@Suite struct TerminalChoicesTests {
    @Test func themeFollowsLocaleNoColorAndColourCount() {
        #expect(Theme.choose(ascii: false, utf8Locale: true, noColorSet: false, terminalColors: 256) == Theme(glyphs: .unicode, colors: .extended))
        #expect(Theme.choose(ascii: false, utf8Locale: true, noColorSet: false, terminalColors: 8).colors == .basic)
        #expect(Theme.choose(ascii: false, utf8Locale: true, noColorSet: true, terminalColors: 256).colors == .none)
        #expect(Theme.choose(ascii: false, utf8Locale: true, noColorSet: false, terminalColors: 0).colors == .none)
        #expect(Theme.choose(ascii: false, utf8Locale: false, noColorSet: false, terminalColors: 256).glyphs == .ascii)
        #expect(Theme.choose(ascii: true, utf8Locale: true, noColorSet: false, terminalColors: 256).glyphs == .ascii)
    }

    @Test func controlBytesDecodeToKeysNotText() {
        #expect(Curses.characterKey(27) == .escape)
        #expect(Curses.characterKey(13) == .enter)
        #expect(Curses.characterKey(127) == .backspace)
        #expect(Curses.characterKey(21) == .control("u"))
        #expect(Curses.characterKey(0x9B) == .char("\u{9B}"))  // C1 arrives as a character; the text field refuses it
        var field = TextField()
        #expect(field.apply(Curses.characterKey(0x9B)) == .refused)
        #expect(Curses.characterKey(0x5C71) == .char("山"))
    }
}
