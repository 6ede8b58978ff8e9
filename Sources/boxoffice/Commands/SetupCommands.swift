import ArgumentParser
import Booking
import Foundation

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import the old service's theaters.json and seats.json (all or nothing).",
        discussion: "Theaters match by id, seats by theater and seat_number. Importing again renames and adds, never deletes or un-books.")

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "theaters.json") var theaters: String
    @Argument(help: "seats.json") var seats: String

    func run() throws {
        let box = try clerk.open()
        let s = try box.importSeed(theatersPath: theaters, seatsPath: seats)
        print("Imported: \(s.theatersAdded) theaters added, \(s.theatersRenamed) renamed, \(s.seatsAdded) seats added, \(s.seatsBooked) seats booked, \(s.performancesAdded) open-ended performances added.")
    }
}

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create the database (or upgrade it); --demo adds a demo venue and an evening in progress.")

    @OptionGroup var clerk: ClerkOptions
    @Flag(help: "Add the demo data where missing (never deletes anything).") var demo = false

    func run() throws {
        let settings = try Settings.fromEnvironment()
        let box = try BoxOffice.initialize(settings: settings, clerk: try Clerk.current(named: clerk.clerk))
        print("Database ready: \(settings.databasePath) (schema version \(box.store.schemaVersion)).")
        if demo { try box.installDemo().forEach { print($0) } }
    }
}

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: "Copy the live database consistently while clerks keep selling.")

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "The new backup file.") var file: String

    func run() throws {
        let box = try clerk.open()
        try box.store.backup(to: file)
        print("Backed up \(box.settings.databasePath) to \(file).")
    }
}

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
