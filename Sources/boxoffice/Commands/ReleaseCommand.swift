import ArgumentParser
import Booking

struct ReleaseCommand: ParsableCommand, OnePerformance {
    static let configuration = CommandConfiguration(commandName: "release", abstract: "Release seats you hold (all or none).")

    @Option(help: ClerkOptions.help) var clerk: String?
    @Argument(help: PerformanceHelp.theater) var theater: String
    @Option(help: PerformanceHelp.performance) var performance: Int64?
    @Argument(help: "Seat labels, such as C12.") var seats: [String] = []

    func run() throws {
        let box = try open()
        let (performance, _) = try resolve(box, purpose: .sell)
        let released = try box.release(performanceID: performance.id, labels: seats)
        print("Released \(released.joined(separator: ", ")).")
    }
}
