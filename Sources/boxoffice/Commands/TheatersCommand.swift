import ArgumentParser
import Booking

struct TheatersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "theaters", abstract: "List the theaters.")

    /// ClerkOptions' own option, declared here rather than as its group, as the seat commands do (PerformanceHelp):
    /// each group type's first checks through reflection (conformance scans) were ~6 % of this command.
    @Option(help: ClerkOptions.help) var clerk: String?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        // Kept until the exit (UntilExit): its teardown started two Dispatch threads that the exit then stopped.
        let box = try ClerkOptions.open(clerk: clerk)
        UntilExit.keep(box)
        let theaters = try box.theaters()
        if json { return JSONOutput.print(.array(theaters.map(TheaterJSON.json))) }
        var table = TextTable("ID", "THEATER", "SEATS", rightAligned: [0, 2])
        for t in theaters { table.add("\(t.id)", t.name, "\(t.seatCount)") }
        print(table.text)
    }
}

/// The parser's view of `theaters`' arguments without reflection (see ArgumentMirror): a property added above needs its line here.
extension TheatersCommand: CustomReflectable {
    var customMirror: Mirror { ArgumentMirror.of(self, [("_clerk", _clerk), ("_json", _json)]) }
}
