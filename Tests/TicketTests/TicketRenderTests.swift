import Booking
import Foundation
@testable import Tickets
import XCTest

final class TicketRenderTests: XCTestCase {
    private func ticket(_ code: TicketCode = TicketCode.random(), seat: String = "C12", type: String = "Adult",
                        title: String = "Hamlet", customer: String? = "Ann O'Neil") -> PrintableTicket {
        PrintableTicket(bookingReference: "K7M2QX", title: title, venue: "Grand Theatre",
                        startsAt: Date(timeIntervalSince1970: 1_796_000_000), seat: seat, section: "Stalls", type: type,
                        priceCents: 3_250, code: code, customerName: customer)
    }

    private var folder: URL!
    override func setUpWithError() throws { folder = try Decoders.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    // MARK: - Pure

    func testHalfBlocksPairTwoModuleRowsPerLine() {
        // 3 × 3: row 0 dark light dark, row 1 dark dark light, row 2 light dark light; no quiet zone.
        let qr = QRCode(size: 3, modules: [true, false, true, true, true, false, false, true, false])
        XCTAssertEqual(HalfBlockQR.lines(qr, quietZone: 0), ["█▄▀", " ▀ "])
        let framed = HalfBlockQR.lines(qr, quietZone: 1)
        // A quiet zone of one shifts the pairing: (blank, row 0), (row 1, row 2), (row 3 blank, row 4 blank).
        XCTAssertEqual(framed, [" ▄ ▄ ", " ▀█  ", "     "])
    }

    func testQuietZoneIsFourModulesOnEverySide() throws {
        let qr = try QRCode.encode(TicketCode.random().value)
        XCTAssertEqual(qr.size, 21, "ten alphanumerics at level Q fit version 1")
        let lines = HalfBlockQR.lines(qr)
        XCTAssertEqual(lines.count, (21 + 8 + 1) / 2)
        XCTAssertTrue(lines.allSatisfy { $0.count == 29 })
        XCTAssertEqual(lines[0], String(repeating: " ", count: 29))
        XCTAssertEqual(lines[1], String(repeating: " ", count: 29))
        XCTAssertTrue(lines.allSatisfy { $0.prefix(4).allSatisfy { $0 == " " } && $0.suffix(4).allSatisfy { $0 == " " } })
    }

    func testTextTicketIs42ColumnsAndNamesEverything() throws {
        let t = ticket()
        let text = try TextTicket.render([t], charset: .unicode)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 42 }, lines.filter { $0.count > 42 }.joined(separator: "\n"))
        XCTAssertEqual(lines.first?.count, 42)
        for expected in ["Grand Theatre", "Hamlet", "C12 · Stalls", "Adult", "£32.50", "K7M2QX", "Ann O'Neil", t.code.grouped] {
            XCTAssertTrue(text.contains(expected), "missing \(expected):\n\(text)")
        }
        XCTAssertTrue(text.contains("█"), "the QR code is drawn")
    }

    /// A Chinese or emoji customer name takes two columns a character: the ticket is cut by display width, so no
    /// line runs past the 42 columns of a receipt printer (by characters, "山田太郎" × 6 is 24 but prints 48 wide).
    func testWideNamesAreCutByDisplayWidthNotCharacters() throws {
        let name = String(repeating: "山田太郎", count: 6) + "🎭🎭"
        let t = ticket(title: String(repeating: "歌舞伎", count: 10), customer: name)
        let text = try TextTicket.render([t], charset: .unicode)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let tooWide = lines.filter { TextWidth.of($0) > 42 }
        XCTAssertEqual(tooWide, [], "lines wider than 42 columns")
        let nameLine = try XCTUnwrap(lines.first { $0.hasPrefix("  Name") })
        XCTAssertTrue(nameLine.hasSuffix("…"), nameLine)
        XCTAssertTrue(nameLine.contains("山田太郎山田太郎"), "as much of the name as fits is kept: \(nameLine)")
        XCTAssertGreaterThanOrEqual(TextWidth.of(nameLine), 41, "cut at the width, not far short of it: \(nameLine)")
        // The title is centred by its width: cut to 42 columns, it starts at the left edge.
        let titleLine = try XCTUnwrap(lines.first { $0.contains("歌舞伎") })
        XCTAssertTrue(titleLine.hasPrefix("歌舞伎"), titleLine)
        XCTAssertLessThanOrEqual(TextWidth.of(titleLine), 42)
        // A short wide title is centred by its width too: 6 columns, 18 spaces before it.
        let short = TextTicket.lines(ticket(title: "歌舞伎"), qr: nil, charset: .unicode)
        XCTAssertTrue(short.contains(String(repeating: " ", count: 18) + "歌舞伎"), short.joined(separator: "\n"))
    }

    func testTextTicketQRCodeDecodesToTheCode() throws {
        let t = ticket()
        let lines = TextTicket.lines(t, qr: try QRCode.encode(t.code.value), charset: .unicode)
        let qrLines = lines.filter { $0.contains { "▀▄█".contains($0) } }
        XCTAssertEqual(qrLines.count, 11, "21 modules, two per line")
        let image = folder.appendingPathComponent("text-ticket.pgm")
        try Decoders.image(ofHalfBlocks: lines, scale: 6, to: image)
        XCTAssertEqual(try Decoders.qrCodes(inImage: image.path), [t.code.value])
    }

    func testASCIITicketShowsTheCodeLargeAndNoBlocks() throws {
        let t = ticket(title: "Zoë's Café — night", customer: "山田")
        let text = try TextTicket.render([t], charset: .ascii)
        XCTAssertTrue(text.unicodeScalars.allSatisfy(\.isASCII), text)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 42 })
        XCTAssertTrue(text.contains("GBP 32.50"))
        XCTAssertTrue(text.contains("Zo?'s Caf? ? night"))
        XCTAssertTrue(text.contains(t.code.grouped))
        // The big code: 14 lines of '#' art, and reading the glyphs back gives the code.
        let big = BigText.lines(String(t.code.value.prefix(5))) + BigText.lines(String(t.code.value.suffix(5)))
        for row in big { XCTAssertTrue(lines.contains(TextTicket.centred(row).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)), row) }
    }

    func testBigTextHasEveryCodeCharacterAndTellsThemApart() {
        XCTAssertEqual(Set(BigText.font.keys), Set(TicketCode.alphabet))
        XCTAssertTrue(BigText.font.values.allSatisfy { $0.count == 7 && $0.allSatisfy { $0.count == 5 } })
        XCTAssertEqual(Set(BigText.font.values).count, 32, "no two characters look the same")
        XCTAssertEqual(BigText.lines("AB", gap: 2)[0], " ###   #### ")
    }

    func testLongAndUnsafeTextIsCutAndCleaned() throws {
        let t = ticket(title: String(repeating: "Long title ", count: 10), customer: "Eve\u{1B}[2J")
        let text = try TextTicket.render([t], charset: .unicode)
        XCTAssertFalse(text.unicodeScalars.contains("\u{1B}"))
        XCTAssertTrue(text.contains("Eve?[2J"))
        XCTAssertTrue(text.split(separator: "\n").contains { $0.hasSuffix("…") && $0.count == 42 })
    }

    func testSeveralTicketsAreSeparatedByATearLine() throws {
        let text = try TextTicket.render([ticket(seat: "C12"), ticket(seat: "C13")], charset: .unicode)
        XCTAssertEqual(text.components(separatedBy: String(repeating: "┄", count: 42)).count, 2)
        XCTAssertTrue(text.contains("C12") && text.contains("C13"))
    }

    // MARK: - PDF, read back by real decoders

    func testPDFHasOneA6PagePerTicketAndEachQRCodeScans() throws {
        let tickets = [ticket(seat: "C12"), ticket(seat: "C13", type: "Concession"), ticket(seat: "C14", type: "Child")]
        let pdf = try PDFTicket.render(tickets, title: "Booking K7M2QX")
        XCTAssertEqual(Array(pdf.prefix(5)), Array("%PDF-".utf8))
        XCTAssertEqual(try Decoders.pageCount(ofPDF: pdf, in: folder), 3)
        let info = try Decoders.run("pdfinfo", [folder.appendingPathComponent("count.pdf").path])
        XCTAssertTrue(info.contains("297.638 x 419.528 pts"), info)  // A6
        XCTAssertEqual(try Decoders.qrCodes(inPDF: pdf, in: folder), tickets.map { [$0.code.value] })
    }

    func testPDFTextNamesTheSeatAndTheCode() throws {
        let t = ticket(seat: "AA7", title: "Much Ado About Nothing, a very long evening at the theatre")
        let pdf = try PDFTicket.render([t], title: "Booking K7M2QX")
        let file = folder.appendingPathComponent("t.pdf")
        try Data(pdf).write(to: file)
        let text = try Decoders.run("pdftotext", ["-layout", file.path, "-"])
        for expected in ["Seat AA7", "Stalls", "Adult", "£32.50", "K7M2QX", t.code.grouped, "Grand Theatre"] {
            XCTAssertTrue(text.contains(expected), "missing \(expected) in:\n\(text)")
        }
    }
}
