import ArgumentParser
import Booking
import Foundation

struct TuiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui", abstract: "Open the seat picker (the default): the performance chooser, or a theater's seat map.")

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "Theater id or name: open its seat map directly.") var theater: String?
    @Option(help: "Performance id.") var performance: Int64?
    @Flag(help: "ASCII glyphs only (for terminals without good Unicode fonts).") var ascii = false

    func run() throws {
        let box = try clerk.open()
        // The seat picker lands with issue 4; until then, show the theater's seats.
        let name = try theater ?? box.theaters().last.map { String($0.id) } ?? ""
        var seats = try SeatsCommand.parse([name] + (performance.map { ["--performance", String($0)] } ?? []))
        try seats.run()
    }
}
