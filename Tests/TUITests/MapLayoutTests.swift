import Booking
import Testing
@testable import TUI

@Suite struct MapLayoutTests {
    let seats = Fixtures.seats()
    var layout: MapLayout { MapLayout(seats: seats) }

    func index(_ label: String) -> Int { seats.firstIndex { $0.label == label }! }
    func label(_ i: Int) -> String { seats[i].label }

    @Test func linesNameSectionsAndKeepTheGap() {
        let kinds = layout.lines.map { kind -> String in
            switch kind {
            case .seats(let row, let s): "\(row):\(s.count)"
            case .sections(let labels): "[" + labels.map(\.name).joined(separator: ",") + "]"
            case .gap: "gap"
            }
        }
        // Circle starts after a jump in y: its label takes the place of the blank line.
        #expect(kinds == ["[Stalls]", "A:8", "B:8", "C:8", "D:5", "[Circle]", "E:9", "F:9"])
    }

    @Test func aislesAreBlankColumns() {
        // x 3 and x 5 straddle the aisle at x 4: two seat widths apart, so one blank seat width between.
        #expect(layout.column[index("A4")] == 6)
        #expect(layout.column[index("A5")] == 10)
        #expect(layout.width == 17)
    }

    @Test func leftAndRightCrossTheAisleAndStopAtTheEnds() {
        #expect(label(layout.move(index("A4"), .right)) == "A5")
        #expect(label(layout.move(index("A5"), .left)) == "A4")
        #expect(label(layout.move(index("A8"), .right)) == "A8")
        #expect(label(layout.move(index("A1"), .left)) == "A1")
    }

    @Test func upAndDownGoToTheNearestSeatInThatColumn() {
        // D1 is at x 2 (below C3); C1 (x 0) has nothing directly below, so down lands on the nearest, D1.
        #expect(label(layout.move(index("C1"), .down)) == "D1")
        #expect(label(layout.move(index("C3"), .down)) == "D1")
        // From the short row up to the row above, same column.
        #expect(label(layout.move(index("D5"), .up)) == "C6")
        // Across the section label and the gap.
        #expect(label(layout.move(index("D3"), .down)) == "E5")
        #expect(label(layout.move(index("E1"), .up)) == "D1")
        #expect(label(layout.move(index("F1"), .down)) == "F1")
    }

    @Test func homeEndAndPaging() {
        #expect(label(layout.rowStart(index("B6"))) == "B1")
        #expect(label(layout.rowEnd(index("B2"))) == "B8")
        #expect(label(layout.jump(index("A1"), by: 3)) == "D1")
        #expect(label(layout.jump(index("A1"), by: 100)) == "F1")
        #expect(label(layout.jump(index("F9"), by: -100)) == "A8")
    }

    @Test func clicksFindTheSeatUnderThem() {
        let line = layout.line[index("B2")]
        #expect(layout.seat(atLine: line, column: 2).map(label) == "B2")
        #expect(layout.seat(atLine: line, column: 3).map(label) == "B2")
        #expect(layout.seat(atLine: line, column: 8) == nil)  // the aisle
    }

    @Test func viewportScrollsOnlyWhenTheMapDoesNotFit() {
        let fits = Viewport().showing(seat: index("F9"), in: layout, lines: 20, columns: 40)
        #expect(fits == Viewport(top: 0, left: 0))
        let small = Viewport().showing(seat: index("F9"), in: layout, lines: 4, columns: 10)
        #expect(small.top == layout.height - 4)
        #expect(small.left == layout.width - 10)
        // Moving back to the top scrolls back.
        let back = small.showing(seat: index("A1"), in: layout, lines: 4, columns: 10)
        #expect(back == Viewport(top: 0, left: 0))
    }

    /// A 20,000-seat arena: layout and a walk across it stay quick and in bounds.
    @Test func arenaLayout() {
        var arena: [Seat] = []
        var id: Int64 = 1
        for y in 0..<100 {
            for x in 0..<210 where x % 21 != 20 {
                arena.append(Seat(id: id, theaterID: 9, label: "R\(y)S\(x)", row: "R\(y)", number: x, x: x, y: y,
                                  section: y < 50 ? "Lower" : "Upper", priceBand: "A", priceCents: 5000))
                id += 1
            }
        }
        #expect(arena.count == 20_000)
        let big = MapLayout(seats: arena)
        var seat = big.startSeat!
        var viewport = Viewport()
        for _ in 0..<150 {
            seat = big.move(seat, .right)
            seat = big.move(seat, .down)
            viewport = viewport.showing(seat: seat, in: big, lines: 30, columns: 100)
            #expect(big.line[seat] >= viewport.top && big.line[seat] < viewport.top + 30)
            #expect(big.column[seat] >= viewport.left && big.column[seat] < viewport.left + 100)
        }
        #expect(big.jump(seat, by: 1000) != seat || big.seatLines.last == big.line[seat])
    }
}
