import ArgumentParser
import Booking
import Foundation

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor", abstract: "Check the database and Redis, and say what to fix (exit 1 when something needs fixing).")

    @OptionGroup var clerk: ClerkOptions

    func run() throws {
        let configuration = try Config.current()
        let settings = try Settings.fromEnvironment(configuration.environment)
        let findings = Doctor.check(settings: settings, configuration: configuration)
        for f in findings { print("\(f.ok ? "ok  " : "FIX ") \(f.text)") }
        if findings.contains(where: { !$0.ok }) { throw ExitCode(1) }
    }
}
