import Booking
import Foundation
import Testing
@testable import TUI

/// A small venue with everything a map must show: an aisle, a short row, a gap, two sections, wheelchair spaces,
/// and (in `everyState`) a seat in each state.
enum Fixtures {
    static let me = "alice"
    static let mySession = "host:1:me"
    static let performance = Performance(id: 7, theaterID: 1, theaterName: "Grand Theatre", title: "Hamlet", startsAt: nil)

    static func seats() -> [Seat] {
        var seats: [Seat] = []
        var id: Int64 = 1
        func add(_ row: String, _ number: Int, x: Int, y: Int, section: String, price: Int, accessible: Bool = false) {
            seats.append(Seat(id: id, theaterID: 1, label: "\(row)\(number)", row: row, number: number, x: x, y: y,
                              section: section, priceBand: section, priceCents: price, accessible: accessible))
            id += 1
        }
        for (y, row) in ["A", "B", "C"].enumerated() {
            // Stalls: four seats, an aisle at x 4, four more.
            for (n, x) in [0, 1, 2, 3, 5, 6, 7, 8].enumerated() {
                add(row, n + 1, x: x, y: y, section: "Stalls", price: 3200, accessible: row == "A" && (n == 0 || n == 7))
            }
        }
        // A short row, centred.
        for n in 1...5 { add("D", n, x: n + 1, y: 3, section: "Stalls", price: 3200) }
        // The circle, after a gap.
        for (y, row) in [(5, "E"), (6, "F")] {
            for n in 1...9 { add(row, n, x: n - 1, y: y, section: "Circle", price: 2000) }
        }
        return seats.sorted { ($0.y, $0.x) < ($1.y, $1.x) }
    }

    /// Every state at least once: mine, held by another clerk, booked, blocked, a wheelchair space booked.
    static func everyState() -> SeatMap {
        let seats = seats()
        var states = Array(repeating: SeatState.free, count: seats.count)
        func set(_ label: String, _ state: SeatState) { states[seats.firstIndex { $0.label == label }!] = state }
        set("A2", .held(clerk: me, session: mySession, expiresInMs: 240_000))
        set("A3", .held(clerk: "bob", session: "host:2:bob", expiresInMs: 60_000))
        set("B4", .booked(reference: "BK7Q2M"))
        set("B5", .booked(reference: "BK7Q2M"))
        set("A8", .booked(reference: "ZZ12AB"))
        set("C1", .blocked(reason: "sound desk"))
        return SeatMap(performance: performance, seats: seats, states: states, version: 10, holdsOnline: true)
    }

    static func freeMap() -> SeatMap {
        let seats = seats()
        return SeatMap(performance: performance, seats: seats, states: Array(repeating: .free, count: seats.count),
                       version: 10, holdsOnline: true)
    }

    /// A model with the map open and loaded, as after `openPerformance` and the first snapshot.
    static func mapModel(_ seatMap: SeatMap = everyState(), width: Int = 72, height: Int = 20, theme: Theme = Theme(),
                         link: HoldsLink = .live) -> Model {
        var model = Model(clerk: me, session: mySession, holdTTLms: 300_000, width: width, height: height, theme: theme)
        model.now = 1_000
        _ = model.openPerformance(seatMap.performance.id, title: "")
        model.holdsLink = link
        (model, _) = update(model, .snapshotLoaded(.success(seatMap), reason: .open))
        return model
    }

    static func summaries() -> [PerformanceSummary] {
        let date = Date(timeIntervalSince1970: 1_764_358_200)  // a Friday evening
        return [
            PerformanceSummary(performance: performance, capacity: 41, sold: 3, held: 2, blocked: 1),
            PerformanceSummary(performance: Performance(id: 8, theaterID: 1, theaterName: "Grand Theatre", title: "Macbeth",
                                                        startsAt: date), capacity: 41, sold: 20, held: 0, blocked: 0),
            PerformanceSummary(performance: Performance(id: 9, theaterID: 2, theaterName: "Studio", title: "Waiting for Godot",
                                                        startsAt: nil), capacity: 120, sold: 120, held: 0, blocked: 0),
        ]
    }

    static func chooserModel(width: Int = 100, height: Int = 12, theme: Theme = Theme()) -> Model {
        var model = Model(clerk: me, session: mySession, holdTTLms: 300_000, width: width, height: height, theme: theme)
        (model, _) = update(model, .performancesLoaded(.success(summaries())))
        return model
    }

    static func label(_ model: Model, _ index: Int) -> String { model.map!.seatMap!.seats[index].label }
    static func index(_ model: Model, _ label: String) -> Int { model.map!.labelIndex[label]! }

    static func press(_ model: Model, _ keys: Key...) -> (Model, [Command]) {
        var model = model
        var all: [Command] = []
        for key in keys {
            let (next, commands) = update(model, .key(key))
            model = next
            all += commands
        }
        return (model, all)
    }

    static func type(_ model: Model, _ text: String) -> (Model, [Command]) {
        var model = model
        var all: [Command] = []
        for c in text {
            let (next, commands) = update(model, .key(.char(c)))
            model = next
            all += commands
        }
        return (model, all)
    }
}

/// Compares rendered text with a file under Tests/TUITests/Snapshots; `TUI_RECORD=1` writes the files instead.
func assertSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let file = folder.appendingPathComponent("\(name).txt")
    if ProcessInfo.processInfo.environment["TUI_RECORD"] == "1" {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try (actual + "\n").write(to: file, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    let trimmed = expected.hasSuffix("\n") ? String(expected.dropLast()) : expected
    #expect(actual == trimmed, "snapshot \(name) differs; got:\n\(actual)", sourceLocation: sourceLocation)
}
