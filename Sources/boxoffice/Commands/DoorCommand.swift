import ArgumentParser
import Booking
import Foundation

struct DoorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "door", abstract: "The door's count for a performance: admitted, sold, still to come; live in a terminal.",
        discussion: "In a terminal it refreshes twice a second until Ctrl-C; otherwise (or with --once) it prints the count once.")

    @OptionGroup var clerk: ClerkOptions
    @Option(help: "The performance.") var performance: Int64
    @Flag(help: "Print the count once and exit.") var once = false
    @Flag(help: "Print JSON (once).") var json = false

    func run() throws {
        let box = try clerk.open()
        if json {
            let (_, count) = try box.doorCount(performanceID: performance)
            return try JSONOutput.print(count)
        }
        let live = !once && isatty(STDOUT_FILENO) == 1
        var shown: [String] = []
        repeat {
            let (p, count) = try box.doorCount(performanceID: performance)
            let lines = DoorView.lines(p, count)
            if !live { return print(lines.joined(separator: "\n")) }
            if lines != shown {
                // Home, clear to the end of the screen, redraw: a few hundred bytes, only when a number changed.
                let footer = ["", "  live · Ctrl-C to stop"]
                FileHandle.standardOutput.write(Data(("\u{1B}[H\u{1B}[J" + (lines + footer).joined(separator: "\n") + "\n").utf8))
                shown = lines
            }
            usleep(500_000)
        } while true
    }
}
