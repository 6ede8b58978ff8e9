import ArgumentParser
import Booking
import Foundation

struct CancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel a booking, freeing its seats.")

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "The booking reference.") var reference: String

    func run() throws {
        let outcome = try clerk.open().cancel(reference: reference)
        let o = outcome.order
        if outcome.alreadyCancelled {
            print("Booking \(o.reference) was already cancelled (\(Format.timestamp(o.cancelledAt!))); nothing changed.")
        } else {
            print("Cancelled booking \(o.reference): \(o.seats.map(\.label).joined(separator: ", ")) are free again.")
        }
    }
}
