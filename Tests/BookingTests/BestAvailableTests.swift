import Booking
import XCTest

/// Best available's rules, pure: restricted view only with `B`, wheelchair spaces and held-back seats never, the
/// orphan rule preferred but never a reason to refuse a sale.
final class BestAvailableTests: XCTestCase {
    /// "." free, "r" free with a restricted view, "w" a free wheelchair space, "x" sold, "h" held by a clerk,
    /// "k" held back, " " an aisle.
    private func map(_ rows: [String]) -> SeatMap {
        var seats: [Seat] = [], states: [SeatState] = []
        for (y, row) in rows.enumerated() {
            for (x, ch) in row.enumerated() where ch != " " {
                seats.append(Seat(id: Int64(seats.count + 1), theaterID: 1, label: "R\(y)-\(x)", row: "R\(y)", number: x + 1, x: x, y: y,
                                  section: "S", priceBand: "A", priceCents: 100, accessible: ch == "w", restrictedView: ch == "r"))
                switch ch {
                case "x": states.append(.booked(reference: "ABCDEF"))
                case "h": states.append(.held(clerk: "bob", session: "s", expiresInMs: 1000))
                case "k": states.append(.heldBack(code: "HOUSE", until: nil))
                default: states.append(.free)
                }
            }
        }
        return SeatMap(performance: Performance(id: 1, theaterID: 1, theaterName: "T", title: "t", startsAt: nil),
                       seats: seats, states: states, version: 0, holdsOnline: true)
    }

    private func xs(_ count: Int, _ rows: [String], restricted: Bool = false) -> [Int]? {
        let m = map(rows)
        return BestAvailable.choose(count, in: m, includeRestricted: restricted)?.map { m.seats[$0].x }
    }

    func testRestrictedViewSeatsOnlyWhenAsked() {
        XCTAssertNil(xs(2, ["rr.rr"]), "b: no two free seats together with a clear view")
        XCTAssertEqual(xs(2, ["rr.rr"], restricted: true).map { Set($0).count }, 2, "B: restricted-view seats count")
        XCTAssertEqual(xs(1, ["r.r"]), [1])
    }

    func testWheelchairSpacesAndHeldBackSeatsAreNeverChosen() {
        XCTAssertNil(xs(2, ["w.w"]))
        XCTAssertNil(xs(2, ["w.w"], restricted: true))
        XCTAssertNil(xs(2, [".k."]))
        XCTAssertEqual(xs(2, ["kk..kk"]), [2, 3])
    }

    func testOrphanRulePreferredNeverARefusal() {
        // x . . . x . . x: two together fit exactly in the second gap; the first would strand one.
        XCTAssertEqual(xs(2, ["x...x..x"]), [5, 6])
        // Only stranding choices: sold anyway.
        XCTAssertNotNil(xs(2, ["x...x"]))
        XCTAssertNotNil(xs(3, ["x....x"]))
        // Held seats count as taken for the rule.
        XCTAssertEqual(xs(2, ["h...h..h"]), [5, 6])
    }

    func testTheCentreWinsAmongEqualChoices() {
        XCTAssertEqual(xs(2, ["..........", "..........", ".........."]), [4, 5])
    }
}
