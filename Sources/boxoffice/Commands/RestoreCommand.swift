import ArgumentParser
import Booking
import Foundation

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore", abstract: "Replace the database with a backup (refused while anyone has it open).")

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "A backup made by `boxoffice backup`.") var file: String

    func run() throws {
        let settings = try Settings.fromEnvironment()
        try Restore.run(backup: file, over: settings.databasePath, clerk: try Clerk.current(named: clerk.clerk))
        print("Restored \(settings.databasePath) from \(file).")
    }
}
