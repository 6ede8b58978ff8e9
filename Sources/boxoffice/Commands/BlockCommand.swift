import ArgumentParser
import Booking

struct BlockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "block", abstract: "Take seats out of sale for a performance (broken seat, house seat).")

    @OptionGroup var target: PerformanceOptions
    @Argument(help: "Seat labels.") var seats: [String] = []
    @Option(help: "Why (shown to clerks).") var reason: String

    func run() throws {
        let box = try target.open()
        let (performance, _) = try target.resolve(box, purpose: .sell)
        let blocked = try box.block(performanceID: performance.id, labels: seats, reason: reason)
        print("Blocked \(blocked.map(\.label).joined(separator: ", ")) for performance \(performance.id): \(reason).")
    }
}
