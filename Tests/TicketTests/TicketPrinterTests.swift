import Booking
import Foundation
@testable import Tickets
import XCTest

/// The picker's `p`: a real booking in a real SQLite file (and Redis, as `make test` gives), its tickets rendered by
/// cairo and read back by pdftoppm + zbarimg; every print counted in the audit log, the second as a reprint.
final class TicketPrinterTests: XCTestCase {
    private var folder: URL!
    override func setUpWithError() throws { folder = try Decoders.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// A two-row house with one performance, and a booking of two seats in it.
    private func booking() throws -> (box: BoxOffice, order: Order) {
        guard let url = ProcessInfo.processInfo.environment["REDIS_URL"], !url.isEmpty else {
            throw XCTSkip("REDIS_URL is not set: run these tests with `make test`, which starts a throwaway Redis.")
        }
        let settings = Settings(databasePath: folder.appendingPathComponent("db/boxoffice.sqlite").path,
                                redis: try RedisEndpoint(url: url), reservationTimeoutMs: 300_000,
                                redisNamespace: "t\(UInt32.random(in: 0...UInt32.max))")
        let clerk = Clerk(name: "alice", unixUser: "tester", session: "alice-\(UUID().uuidString.prefix(6))")
        let box = try BoxOffice.initialize(settings: settings, clerk: clerk)
        var seats: [VenuePlan.SeatPlan] = []
        for n in 1...6 { seats.append(.init(label: "A\(n)", row: "A", number: n, x: n, y: 0, section: "Stalls", band: "S")) }
        let venue = try box.addVenue(VenuePlan(name: "Print House", bands: [.init(code: "S", name: "Standard", priceCents: 3000)],
                                               seats: seats))
        let theater = try box.resolveTheater(String(venue.id))
        let performance = try box.addPerformance(theater: theater, title: "Hamlet", startsAt: Date().addingTimeInterval(86_400))
        let order = try box.book(performanceID: performance.id, labels: ["A2", "A3"], customerName: "Ann Lee").order
        return (box, order)
    }

    private func prints(_ box: BoxOffice, _ reference: String) throws -> [AuditEntry] {
        try box.auditLog(since: nil, includingHolds: false).entries.filter { $0.action == "print tickets" && $0.reference == reference }
    }

    func testWithNoPrinterTheTicketsAreAPDFInTheClerksOwnFolderAndReprintsAreCounted() throws {
        let (box, order) = try booking()
        let destination = TicketPrinter.destination(environment: ["XDG_STATE_HOME": folder.path + "/state", "HOME": "/nonexistent"])
        XCTAssertEqual(destination, .folder(folder.path + "/state/boxoffice/tickets"))

        let first = try TicketPrinter.print(box, reference: order.reference, to: destination)
        let path = folder.path + "/state/boxoffice/tickets/\(order.reference).pdf"
        XCTAssertEqual(first.place, path)
        XCTAssertEqual(first.number, 1)
        XCTAssertEqual(first.message(home: "/nonexistent"),
                       "Saved 2 tickets of \(order.reference) as \(path): no printer is set (BOXOFFICE_PRINTER).")
        XCTAssertEqual(first.message(home: folder.path), "Saved 2 tickets of \(order.reference) as ~/state/boxoffice/tickets/\(order.reference).pdf: no printer is set (BOXOFFICE_PRINTER).")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600, "tickets name customers: the clerk's alone")

        // The PDF holds one page per ticket, each with its ticket's code as a QR code.
        let pdf = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let pages = try Decoders.qrCodes(inPDF: pdf, in: folder.appendingPathComponent("pages", isDirectory: true).creatingFolder())
        XCTAssertEqual(pages, order.tickets.map { [$0.code ?? "?"] })

        // Printing again is allowed, and counted: the audit log has both, the second a reprint.
        let again = try TicketPrinter.print(box, reference: order.reference, to: destination)
        XCTAssertEqual(again.number, 2)
        XCTAssertTrue(again.message(home: "/").hasSuffix("(reprint 1): no printer is set (BOXOFFICE_PRINTER)."), again.message(home: "/"))
        let logged = try prints(box, order.reference)
        XCTAssertEqual(logged.count, 2)
        XCTAssertEqual(logged.compactMap(\.detail).sorted(), ["print of 2 tickets, pdf", "reprint 1 of 2 tickets, pdf"])
        XCTAssertEqual(Set(logged.map(\.clerk)), ["alice"])
    }

    func testThePrinterIsTheConfiguredOneAndARelativeStateFolderIsIgnored() {
        XCTAssertEqual(TicketPrinter.destination(environment: ["BOXOFFICE_PRINTER": " box1 ", "XDG_STATE_HOME": "/x"]), .printer("box1"))
        XCTAssertEqual(TicketPrinter.destination(environment: ["BOXOFFICE_PRINTER": "", "XDG_STATE_HOME": "rel", "HOME": "/home/ann"]),
                       .folder("/home/ann/.local/state/boxoffice/tickets"))
        XCTAssertEqual(TicketPrinter.fileName("QX4K9P"), "QX4K9P.pdf")
        XCTAssertEqual(TicketPrinter.fileName("../x"), "___x.pdf")
    }

    /// `lp` needs a CUPS server, which a test machine does not run: a stand-in script in its place records how it was
    /// called and answers as lp does. (The PDF it is given is checked with the real decoders.)
    func testAPrinterGetsThePDFThroughLpAndItsRefusalIsSaidInPlainWords() throws {
        let (box, order) = try booking()
        let record = folder.appendingPathComponent("lp-called")
        let copy = folder.appendingPathComponent("lp-got.pdf")
        let lp = folder.appendingPathComponent("lp")
        try """
            #!/bin/sh
            printf '%s\\n' "$@" > '\(record.path)'
            for last; do :; done
            cp "$last" '\(copy.path)'
            echo "request id is box1-42 (1 file(s))"
            """.write(to: lp, atomically: true, encoding: .utf8)
        XCTAssertEqual(chmod(lp.path, 0o755), 0)
        let printed = try TicketPrinter.print(box, reference: order.reference, to: .printer("box1"), lp: lp.path)
        XCTAssertEqual(printed.message, "Sent 2 tickets of \(order.reference) to printer box1 (request box1-42).")
        let arguments = try String(contentsOf: record, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(Array(arguments.prefix(4)), ["-d", "box1", "-t", "Booking \(order.reference)"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: arguments[4]), "the temporary PDF is removed afterwards")
        let pages = try Decoders.qrCodes(inPDF: try [UInt8](Data(contentsOf: copy)),
                                         in: folder.appendingPathComponent("lp-pages", isDirectory: true).creatingFolder())
        XCTAssertEqual(pages.flatMap { $0 }.sorted(), order.tickets.compactMap(\.code).sorted())
        XCTAssertEqual(try prints(box, order.reference).count, 1)

        // lp refuses (no such printer): its words reach the clerk, and nothing is counted.
        try """
            #!/bin/sh
            echo "lp: The printer or class does not exist." >&2
            exit 1
            """.write(to: lp, atomically: true, encoding: .utf8)
        XCTAssertEqual(chmod(lp.path, 0o755), 0)
        XCTAssertThrowsError(try TicketPrinter.print(box, reference: order.reference, to: .printer("nosuch"), lp: lp.path)) { error in
            XCTAssertEqual("\(error)", "Printer nosuch did not take the tickets: lp: The printer or class does not exist.")
        }
        XCTAssertThrowsError(try TicketPrinter.print(box, reference: order.reference, to: .printer("box1"),
                                                     lp: folder.appendingPathComponent("no-lp-here").path)) { error in
            XCTAssertTrue("\(error)".contains("lp could not be started"), "\(error)")
        }
        XCTAssertEqual(try prints(box, order.reference).count, 1, "a print that did not go is not counted")
    }

    func testACancelledBookingHasNothingToPrint() throws {
        let (box, order) = try booking()
        _ = try box.cancel(reference: order.reference)
        XCTAssertThrowsError(try TicketPrinter.print(box, reference: order.reference, to: .folder(folder.path + "/t"))) { error in
            XCTAssertTrue("\(error)".contains("is cancelled"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path + "/t/\(order.reference).pdf"))
    }
}

private extension URL {
    func creatingFolder() throws -> URL {
        try FileManager.default.createDirectory(at: self, withIntermediateDirectories: true)
        return self
    }
}
