import ArgumentParser
import Booking
import Foundation

/// `boxoffice config`: the settings in force and where each came from, so an operator can see why a clerk's
/// boxoffice opens the database it opens.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the settings in force and where each came from (configuration files, the environment, the default).",
        discussion: """
        Read in order, each overriding the one before: \(Config.systemFile), ~/.config/boxoffice/boxoffice.conf, \
        the environment. BOXOFFICE_CONFIG=<file> reads that file instead of the two; BOXOFFICE_CONFIG=none reads none.
        """)

    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let config = try Config.current()
        let settings = try Settings.fromEnvironment(config.environment)
        let report = ConfigReport(config, settings: settings)
        if json { return try JSONOutput.print(report) }
        var files = TextTable("CONFIGURATION FILE", "READ")
        if report.files.isEmpty { files.add("none (\(Config.selector)=none)", "-") }
        for f in report.files { files.add(f.path, f.read ? "yes" : "not present") }
        print(files.text)
        print("")
        var table = TextTable("SETTING", "VALUE", "FROM")
        for v in report.settings { table.add(v.name, v.inEffect ?? v.value, v.source) }
        print(table.text)
        for v in report.unknown { print("note: \(v.name) (\(v.source)) is not a setting of boxoffice; a typo?") }
    }
}
