import ArgumentParser
import Booking
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create the database (or upgrade it); --demo adds a demo venue and an evening in progress.")

    @OptionGroup var clerk: ClerkOptions
    @Flag(help: "Add the demo data where missing (never deletes anything).") var demo = false

    func run() throws {
        let settings = try Settings.fromEnvironment()
        let currency = try Config.currentEnvironment["BOXOFFICE_CURRENCY"].flatMap { $0.isEmpty ? nil : $0 }
            .map(Currency.init(parsing:))
        let box = try BoxOffice.initialize(settings: settings, clerk: try Clerk.current(named: clerk.clerk), currency: currency)
        if let copy = box.upgradeBackup { print("Copied the database to \(copy) before upgrading its schema.") }
        print("Database ready: \(settings.databasePath) (schema version \(box.schemaVersion), money in \(box.currency.code)).")
        if demo { try box.installDemo().forEach { print($0) } }
    }
}
