import ArgumentParser
import Booking

struct ClosePerformance: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Stop a performance's sales (bookings stay); `reopen` starts them again.")

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "Performance id.") var id: Int64
    @Option(help: "Why (for the audit log).") var reason: String?

    func run() throws {
        let p = try clerk.open().closePerformance(id: id, reason: reason)
        print("Performance \(p.id) (\(p.title), \(Format.startTime(p.startsAt))) is closed: no more sales; its bookings stay.")
    }
}

struct ReopenPerformance: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Start a closed performance's sales again.")

    @OptionGroup var clerk: ClerkOptions
    @Argument(help: "Performance id.") var id: Int64

    func run() throws {
        let p = try clerk.open().reopenPerformance(id: id)
        print("Performance \(p.id) (\(p.title), \(Format.startTime(p.startsAt))) is \(p.status()).")
    }
}
