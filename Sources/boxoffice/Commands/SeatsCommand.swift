import ArgumentParser
import Booking
import Foundation

struct SeatsCommand: ParsableCommand, OnePerformance {
    static let configuration = CommandConfiguration(commandName: "seats", abstract: "List a performance's seats and their states.")

    @Option(help: ClerkOptions.help) var clerk: String?
    @Argument(help: PerformanceHelp.theater) var theater: String
    @Option(help: PerformanceHelp.performance) var performance: Int64?
    @Flag(help: "Only the seats still free.") var available = false
    @Flag(help: "Print JSON (the old service's fields plus state, held_by, expires_in_ms, booking_ref).") var json = false

    func run() throws {
        let box = try open()
        let (performance, note) = try resolve(box, purpose: .view)
        let map = try box.snapshot(performanceID: performance.id)
        var rows = zip(map.seats, map.states).enumerated().map { ($1.0, $1.1, map.holdbacks[$0]) }
        if available { rows = rows.filter { $0.1 == .free } }
        if let note { FileHandle.standardError.write(Data((note + "\n").utf8)) }
        if !map.holdsOnline { FileHandle.standardError.write(Data("Holds are offline (Redis cannot be reached): held seats show as free.\n".utf8)) }
        if json {
            JSONOutput.printObjects(count: rows.count) { i, object in
                SeatJSON.add(seat: rows[i].0, state: rows[i].1, performanceID: performance.id, holdback: rows[i].2, to: &object)
            }
            return UntilExit.keep(map, rows)
        }
        print("\(performance.theaterName) · \(performance.title) · \(Format.startTime(performance.startsAt)) (performance \(performance.id))")
        var table = TextTable("SEAT", "SECTION", "PRICE", "STATE", "DETAIL", rightAligned: [2])
        for (seat, state, holdback) in rows {
            let detail: String = switch state {
            case .free: [seat.accessible ? "wheelchair space" : "", seat.restrictedView ? "restricted view" : ""]
                .filter { !$0.isEmpty }.joined(separator: ", ")
            case .held(let clerk, _, let ms): "\(clerk), \(Format.duration(ms: ms)) left" + (holdback.map { ", held back for \($0.code)" } ?? "")
            case .booked(let ref): "booking \(ref)"
            case .blocked(let reason): reason
            case .heldBack(let code, let until): "code \(code)" + (until.map { " until \(Format.timestamp($0))" } ?? "")
            }
            table.add(seat.label, seat.section, Format.money(cents: seat.priceCents), state.name, detail)
        }
        print(table.text)
        let c = map.counts
        print("\(c.free) free, \(c.held) held, \(c.booked) booked, \(c.blocked) blocked")
    }
}

/// The parser's view of `seats`' arguments without reflection (see ArgumentMirror): a property added above needs its line here.
extension SeatsCommand: CustomReflectable {
    var customMirror: Mirror {
        ArgumentMirror.of(self, [
            ("_clerk", _clerk), ("_theater", _theater), ("_performance", _performance), ("_available", _available), ("_json", _json),
        ])
    }
}
