import ArgumentParser
import Booking

struct UnblockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unblock", abstract: "Put blocked seats back on sale.")

    @OptionGroup var target: PerformanceOptions
    @Argument(help: "Seat labels.") var seats: [String] = []

    func run() throws {
        let box = try target.open()
        let (performance, _) = try target.resolve(box, purpose: .sell)
        let freed = try box.unblock(performanceID: performance.id, labels: seats)
        print("Unblocked \(freed.map(\.label).joined(separator: ", ")) for performance \(performance.id).")
    }
}
