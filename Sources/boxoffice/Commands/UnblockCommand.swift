import ArgumentParser
import Booking

struct UnblockCommand: ParsableCommand, OnePerformance {
    static let configuration = CommandConfiguration(commandName: "unblock", abstract: "Put blocked seats back on sale.")

    @Option(help: ClerkOptions.help) var clerk: String?
    @Argument(help: PerformanceHelp.theater) var theater: String
    @Option(help: PerformanceHelp.performance) var performance: Int64?
    @Argument(help: "Seat labels.") var seats: [String] = []

    func run() throws {
        let box = try open()
        let (performance, _) = try resolve(box, purpose: .sell)
        let freed = try box.unblock(performanceID: performance.id, labels: seats)
        print("Unblocked \(freed.map(\.label).joined(separator: ", ")) for performance \(performance.id).")
    }
}
