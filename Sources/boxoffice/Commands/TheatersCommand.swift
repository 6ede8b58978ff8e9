import ArgumentParser
import Booking

struct TheatersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "theaters", abstract: "List the theaters.")

    @OptionGroup var clerk: ClerkOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        // Kept until the exit (UntilExit): its teardown started two Dispatch threads that the exit then stopped.
        let box = try clerk.open()
        UntilExit.keep(box)
        let theaters = try box.theaters()
        if json { return JSONOutput.print(.array(theaters.map(TheaterJSON.json))) }
        var table = TextTable("ID", "THEATER", "SEATS", rightAligned: [0, 2])
        for t in theaters { table.add("\(t.id)", t.name, "\(t.seatCount)") }
        print(table.text)
    }
}
