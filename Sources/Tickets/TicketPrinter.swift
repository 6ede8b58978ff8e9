import Booking
import Foundation

/// Printing a booking's tickets from the seat picker (`p`): the PDF goes to the printer named by `BOXOFFICE_PRINTER`
/// through `lp`, or, with no printer set, to a file in the clerk's own folder. Either way the print is counted in the
/// audit log (the second and later are reprints), as `boxoffice ticket` counts its prints.
public enum TicketPrinter {
    /// Where tickets go.
    public enum Destination: Equatable, Sendable {
        /// A CUPS printer (or class), by name.
        case printer(String)
        /// A folder: `<folder>/<reference>.pdf`, written again on a reprint.
        case folder(String)
    }

    /// `BOXOFFICE_PRINTER` (from the configuration files or the environment) when set; else the clerk's own
    /// `$XDG_STATE_HOME/boxoffice/tickets` (by default `~/.local/state/boxoffice/tickets`), beside the picker's log:
    /// each clerk's own, never a folder shared with other clerks, since tickets name customers.
    public static func destination(environment: [String: String]) -> Destination {
        if let printer = environment["BOXOFFICE_PRINTER"]?.trimmingCharacters(in: .whitespaces), !printer.isEmpty {
            return .printer(printer)
        }
        var state = environment["XDG_STATE_HOME"] ?? ""
        if !state.hasPrefix("/") {  // a relative XDG_STATE_HOME is ignored, as the XDG spec says
            let home = environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? NSHomeDirectory()
            state = home + "/.local/state"
        }
        return .folder(state + "/boxoffice/tickets")
    }

    /// What was printed and where, for the message line.
    public struct Printed: Equatable, Sendable {
        public var reference: String
        public var tickets: Int
        /// "printer box1 (request box1-42)" or the file's path.
        public var place: String
        public var toPrinter: Bool
        /// 1 for the first print, 2 for the first reprint, …
        public var number: Int

        public var message: String { message(home: NSHomeDirectory()) }

        /// The message with the home folder written `~`, as the picker names its log.
        public func message(home: String) -> String {
            let home = home.hasSuffix("/") ? String(home.dropLast()) : home
            let place = !toPrinter && !home.isEmpty && self.place.hasPrefix(home + "/") ? "~" + self.place.dropFirst(home.count) : self.place
            let what = "\(tickets) ticket\(tickets == 1 ? "" : "s") of \(reference)"
            let reprint = number > 1 ? " (reprint \(number - 1))" : ""
            return toPrinter ? "Sent \(what) to \(place)\(reprint)." : "Saved \(what) as \(place)\(reprint): no printer is set (BOXOFFICE_PRINTER)."
        }
    }

    /// Renders the booking's active tickets as one PDF and sends it on. `lp`: the program to run (a path, or a name
    /// looked up in PATH). Throws `BookingError` with the words a clerk reads; nothing is counted unless it went.
    public static func print(_ box: BoxOffice, reference: String, to destination: Destination, lp: String = "lp") throws -> Printed {
        let (order, tickets) = try box.printableTickets(reference: reference)
        guard !tickets.isEmpty else { throw BookingError.invalidInput("Booking \(order.reference) has no active tickets to print.") }
        let pdf: [UInt8]
        do {
            pdf = try PDFTicket.render(tickets, title: "Booking \(order.reference)")
        } catch let error as CairoError {
            throw BookingError.invalidInput("The tickets could not be drawn: \(error)")
        }
        let place: String
        switch destination {
        case .folder(let folder):
            let path = folder + "/" + fileName(order.reference)
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
                try Data(pdf).write(to: URL(fileURLWithPath: path), options: .atomic)
                _ = chmod(path, 0o600)
            } catch {
                throw BookingError.invalidInput("The tickets could not be saved in \(SafeText.display(folder, limit: 80)): \(error.localizedDescription)")
            }
            place = path
        case .printer(let printer):
            place = "printer \(SafeText.display(printer, limit: 40))" + (try send(pdf, to: printer, title: "Booking \(order.reference)", lp: lp)
                .map { " (request \(SafeText.display($0, limit: 40)))" } ?? "")
        }
        let number = try box.recordPrint(order, format: "pdf")
        return Printed(reference: order.reference, tickets: tickets.count, place: place,
                       toPrinter: { if case .printer = destination { true } else { false } }(), number: number)
    }

    /// A booking reference as a file name (references are letters and digits; anything else is replaced).
    static func fileName(_ reference: String) -> String {
        String(reference.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" }) + ".pdf"
    }

    /// `lp -d <printer> -t <title> <file>` with the PDF in a private temporary file; returns lp's request id when it
    /// names one. lp's own words (stderr) are the error: "The printer or class does not exist." and the like.
    static func send(_ pdf: [UInt8], to printer: String, title: String, lp: String) throws -> String? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("boxoffice-tickets-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            try Data(pdf).write(to: file, options: .atomic)
            _ = chmod(file.path, 0o600)
        } catch {
            throw BookingError.invalidInput("The tickets could not be prepared for printing: \(error.localizedDescription)")
        }
        let process = Process()
        if lp.contains("/") {
            process.executableURL = URL(fileURLWithPath: lp)
            process.arguments = ["-d", printer, "-t", title, file.path]
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [lp, "-d", printer, "-t", title, file.path]
        }
        // Never the terminal: while the picker runs it is the picker's alone.
        let out = Pipe(), err = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            throw BookingError.invalidInput("lp could not be started (\(error.localizedDescription)); is CUPS installed (cups-client)?")
        }
        let said = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let complaint = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let words = complaint.trimmingCharacters(in: .whitespacesAndNewlines)
            let why = process.terminationStatus == 127 ? "lp is not installed (Debian: cups-client)" : (words.isEmpty ? "lp exited with \(process.terminationStatus)" : words)
            throw BookingError.invalidInput("Printer \(SafeText.display(printer, limit: 40)) did not take the tickets: \(SafeText.display(why, limit: 160))")
        }
        // "request id is box1-42 (1 file(s))"
        return said.range(of: #"request id is (\S+)"#, options: .regularExpression).map {
            String(said[$0].split(separator: " ")[3])
        }
    }
}
