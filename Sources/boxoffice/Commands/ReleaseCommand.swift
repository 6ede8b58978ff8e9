import ArgumentParser
import Booking

struct ReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "release", abstract: "Release seats you hold (all or none).")

    @OptionGroup var target: PerformanceOptions
    @Argument(help: "Seat labels, such as C12.") var seats: [String] = []

    func run() throws {
        let box = try target.open()
        let (performance, _) = try target.resolve(box, purpose: .sell)
        let released = try box.release(performanceID: performance.id, labels: seats)
        print("Released \(released.joined(separator: ", ")).")
    }
}
