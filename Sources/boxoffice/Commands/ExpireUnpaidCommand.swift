import ArgumentParser
import Booking
import Foundation

struct ExpireUnpaidCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expire-unpaid", abstract: "Release every unpaid reservation whose collection deadline has passed.")

    @OptionGroup var clerk: ClerkOptions

    func run() throws {
        let results = try clerk.open().expireUnpaid()
        if results.isEmpty { return print("No unpaid reservation is past its deadline.") }
        for r in results {
            print("Released \(r.order.reference) (\(r.order.customerName ?? "no name")): \(r.freed.joined(separator: ", ")) are free again.")
        }
    }
}
