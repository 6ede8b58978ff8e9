import Testing
@testable import TUI

/// Which blanks the backend may draw in a neighbour's colour (fewer colour switches on the wire), and which it must
/// leave alone because the difference would show.
@Suite struct BlankRunsTests {
    /// Plain blanks are spaces in a role without a background; every role but `status` (which has one) can lend.
    static func isPlain(_ cell: Cell) -> Bool {
        cell.char == " " && cell.role != .status && cell.attributes.isDisjoint(with: [.underline, .reverse])
    }
    static func canLend(_ cell: Cell) -> Bool { cell.role != .status }

    /// The donor column of every cell of a one-line buffer drawn from `cells`, as a string: the donor's own
    /// character where a blank borrows, `.` where a cell is drawn as it is.
    static func donors(_ cells: [Cell]) -> String {
        var buffer = ScreenBuffer(width: cells.count, height: 1)
        for (x, cell) in cells.enumerated() { buffer[x, 0] = cell }
        return String(cells.indices.map { x -> Character in
            guard isPlain(buffer[x, 0]),
                  let donor = BlankRuns.donor(forBlankAt: x, y: 0, in: buffer, isPlain: isPlain, canLend: canLend)
            else { return "." }
            return buffer[donor, 0].char
        })
    }

    static func row(_ text: String, role: Role = .free) -> [Cell] {
        text.map { Cell($0, role: $0 == " " ? .text : role) }
    }

    @Test func aGapBetweenSeatsTakesTheSeatOnItsLeft() {
        #expect(Self.donors(Self.row("a b c")) == ".a.b.")
        // An aisle of a few columns too: one colour switch saved on either side of it.
        #expect(Self.donors(Self.row("a   b")) == ".aaa.")
    }

    @Test func longRunsAndLineEndsStayDefault() {
        // Before the first cell, after the last, and a run longer than `longestRun`: ncurses skips or clears those.
        let long = String(repeating: " ", count: BlankRuns.longestRun + 1)
        #expect(Self.donors(Self.row("  a" + long + "b  ")) == "..." + String(repeating: ".", count: long.count) + "...")
        let longest = String(repeating: " ", count: BlankRuns.longestRun)
        #expect(Self.donors(Self.row("a" + longest + "b")) == "." + String(repeating: "a", count: longest.count) + ".")
    }

    @Test func underlineAndReverseNeverSpreadButTheCellsStillLend() {
        // A wheelchair space (underlined) and the cursor (reverse) lend their colour; the backend drops the
        // underline and reverse video, so only the invisible part goes into the gap.
        var cells = Self.row("w o c o")
        cells[0].attributes = [.underline]
        cells[4].attributes = [.reverse]
        #expect(Self.donors(cells) == ".w.o.c.")
        // A blank that is itself underlined or reversed shows: it is drawn as it is, and so is one with a background.
        cells = Self.row("a b c")
        cells[1].attributes = [.underline]
        cells[3] = Cell(" ", role: .status)
        #expect(Self.donors(cells) == ".....")
    }

    @Test func aCellWithABackgroundLendsNothing() {
        var cells = Self.row("s  a")
        cells[0].role = .status
        #expect(Self.donors(cells) == "....")
    }
}
