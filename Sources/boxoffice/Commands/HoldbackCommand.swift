import ArgumentParser
import Booking
import Foundation

struct HoldbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holdback", abstract: "Hold seats back from sale for a code (house seats, press, production holds).",
        discussion: """
        Kept in the database (they last for weeks). Held-back seats show as held_back in `seats`; best available skips \
        them; they sell only with `book … --holdback-code <code>`. With --until they return to sale by themselves.
        """)

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "Theater id or name.") var theater: String
    @Argument(help: "Seat labels, such as C12.") var seats: [String] = []
    @Option(help: "Performance id.") var performance: Int64
    @Option(help: "The code the seats are held for, such as HOUSE or PRESS.") var code: String
    @Option(help: ArgumentHelp("When the seats return to sale by themselves.", valueName: "YYYY-MM-DD HH:MM")) var until: String?

    func run() throws {
        let box = try clerk.open()
        let untilDate = try until.map { text -> Date in
            guard let date = Format.parseStart(text) else {
                throw BookingError.invalidInput("--until must be \"YYYY-MM-DD HH:MM\" (it is \"\(SafeText.display(text, limit: 30))\").")
            }
            return date
        }
        let found = try box.resolveTheater(theater)
        let (p, _) = try box.resolvePerformance(theater: found, id: performance, purpose: .view)
        let held = try box.holdBack(performanceID: p.id, labels: seats, code: code, until: untilDate)
        let when = untilDate.map { " until \(Format.timestamp($0))" } ?? ""
        print("Held back \(held.map(\.label).joined(separator: ", ")) for \(code.trimmingCharacters(in: .whitespaces)) in performance \(p.id)\(when).")
    }
}
