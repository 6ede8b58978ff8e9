import ArgumentParser
import Booking

struct BlockCommand: ParsableCommand, OnePerformance {
    static let configuration = CommandConfiguration(commandName: "block", abstract: "Take seats out of sale for a performance (broken seat, house seat).")

    @Option(help: ClerkOptions.help) var clerk: String?
    @Argument(help: PerformanceHelp.theater) var theater: String
    @Option(help: PerformanceHelp.performance) var performance: Int64?
    @Argument(help: "Seat labels.") var seats: [String] = []
    @Option(help: "Why (shown to clerks).") var reason: String

    func run() throws {
        let box = try open()
        let (performance, _) = try resolve(box, purpose: .sell)
        let blocked = try box.block(performanceID: performance.id, labels: seats, reason: reason)
        print("Blocked \(blocked.map(\.label).joined(separator: ", ")) for performance \(performance.id): \(reason).")
    }
}
