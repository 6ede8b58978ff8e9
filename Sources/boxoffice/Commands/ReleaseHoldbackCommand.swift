import ArgumentParser
import Booking

struct ReleaseHoldbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release-holdback", abstract: "Return held-back seats to sale (all or none).")

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "Theater id or name.") var theater: String
    @Argument(help: "Seat labels, such as C12.") var seats: [String] = []
    @Option(help: "Performance id.") var performance: Int64

    func run() throws {
        let box = try clerk.open()
        let (p, _) = try box.resolvePerformance(theater: try box.resolveTheater(theater), id: performance, purpose: .view)
        let released = try box.releaseHoldback(performanceID: p.id, labels: seats)
        print("Returned \(released.map(\.label).joined(separator: ", ")) to sale in performance \(p.id).")
    }
}
