import ArgumentParser
import Booking
import Foundation

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: "Copy the live database consistently while clerks keep selling.")

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "The new backup file.") var file: String

    func run() throws {
        let box = try clerk.open()
        try box.backup(to: file)
        print("Backed up \(box.settings.databasePath) to \(file).")
    }
}
