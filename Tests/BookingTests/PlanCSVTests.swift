@testable import Booking
import Foundation
import XCTest

/// The spreadsheet plan: reading, every problem with its line and field, writing back. No files, no database.
final class PlanCSVTests: XCTestCase {
    static let example = """
        # comment lines and blank lines are ignored
        venue,Little Theatre
        band,P,Premium,45.00
        band,S,Standard,30.00
        section,Stalls
        row,A,P,,1,2,3,4,,5,6,7,8
        row,B,P,1+,2,3,4,,5,6,7,8+
        section,Circle,C
        row,A,S,1~,2,3!,,4:P,5,6~

        """

    private func read(_ text: String, name: String? = nil) -> Result<VenueModel, PlanError> {
        PlanCSVReader.read(text: text, file: "plan.csv", name: name)
    }

    private func problems(_ text: String) -> [String] {
        switch read(text) {
        case .success: XCTFail("expected problems"); return []
        case .failure(let error): return error.problems.map(\.description)
        }
    }

    private func model(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> VenueModel {
        switch read(text) {
        case .success(let m): return m
        case .failure(let e): XCTFail(e.description, file: file, line: line); throw e
        }
    }

    func testReadsTheIssuesExample() throws {
        let m = try model(Self.example)
        XCTAssertEqual(m.name, "Little Theatre")
        XCTAssertEqual(m.bands.map(\.code), ["P", "S"])
        XCTAssertEqual(m.bands.map(\.priceCents), [4500, 3000])
        XCTAssertEqual(m.sections.map(\.name), ["Stalls", "Circle"])
        XCTAssertEqual(m.seatCount, 22)
        let seats = m.placedSeats
        let a1 = try XCTUnwrap(seats.first { $0.label == "A1" })
        XCTAssertEqual(a1.column, 1, "a leading empty cell is a gap")
        XCTAssertEqual(a1.line, 0)
        let a5 = try XCTUnwrap(seats.first { $0.label == "A5" })
        XCTAssertEqual(a5.column, 6, "the aisle after seat 4 is one seat wide")
        let b8 = try XCTUnwrap(seats.first { $0.label == "B8" })
        XCTAssertTrue(b8.seat.wheelchair)
        let circle = seats.filter { $0.section == "Circle" }
        XCTAssertEqual(circle.map(\.label), ["CA1", "CA2", "CA3", "CA4", "CA5", "CA6"], "the prefix goes before the row label")
        XCTAssertEqual(circle[0].line, 3, "one blank line between sections")
        XCTAssertTrue(circle[0].seat.restrictedView)
        XCTAssertTrue(circle[2].seat.notForSale)
        XCTAssertEqual(circle[3].seat.band, "P", "a cell's own band")
        XCTAssertEqual(circle[4].seat.band, "S")
        XCTAssertEqual(circle[3].column, 4)
    }

    func testSpreadsheetHabitsAreAccepted() throws {
        let crlf = "\u{FEFF}" + Self.example.replacingOccurrences(of: "\n", with: "\r\n")
            .replacingOccurrences(of: "band,S,Standard,30.00", with: "band,S,Standard,30.00,,,")
            .replacingOccurrences(of: "section,Stalls", with: ",,,,\r\nsection,Stalls,,")
        let plain = try model(Self.example)
        guard case .success(let habits) = PlanCSVReader.read(Data(crlf.utf8), file: "plan.csv") else {
            return XCTFail("BOM, CRLF, trailing empty fields and lines of empty fields must be accepted")
        }
        XCTAssertEqual(habits.placedSeats.map(\.label), plain.placedSeats.map(\.label))
        XCTAssertEqual(habits.bands.map(\.priceCents), plain.bands.map(\.priceCents))
    }

    func testQuotedFieldsFollowRFC4180() throws {
        let m = try model("venue,\"The \"\"Old\"\" Vic, London\"\nband,P,\"Premium, front\",12\nsection,Stalls\nrow,A,P,1,2\n")
        XCTAssertEqual(m.name, "The \"Old\" Vic, London")
        XCTAssertEqual(m.bands[0].name, "Premium, front")
        XCTAssertEqual(m.bands[0].priceCents, 1200)
    }

    func testDuplicateSeatNamesBothPlaces() {
        let text = "venue,V\nband,P,Premium,1.00\nsection,S\nrow,A,P,1,2,3,4\nrow,A,P,,,,,,4\n"
        XCTAssertEqual(problems(text), ["plan.csv:5:9: seat \"A4\" appears twice (first at 4:7)"])
    }

    func testSameRowInTwoSectionsNeedsAPrefix() {
        let text = "venue,V\nband,P,Premium,1.00\nsection,Stalls\nrow,A,P,1\nsection,Circle\nrow,A,P,1\n"
        XCTAssertEqual(problems(text), ["plan.csv:6:4: seat \"A1\" appears twice (first at 4:4); sections \"Stalls\" and \"Circle\" need different prefixes"])
    }

    func testUnknownBandOfARowAndOfACell() {
        let text = "venue,V\nband,P,Premium,1.00\nsection,S\nrow,A,X,1,2\nrow,B,P,1,2:Q\n"
        XCTAssertEqual(problems(text), ["plan.csv:4:3: unknown band \"X\" (bands: P)", "plan.csv:5:5: unknown band \"Q\" (bands: P)"])
    }

    func testPriceMustBeAnAmount() {
        for bad in ["45.5", "45.000", "-3.00", "£45", "4,50", "", "1e3", "45."] {
            let text = "venue,V\nband,P,Premium,\(CSVRecords.escape(bad))\nsection,S\nrow,A,P,1\n"
            let found = problems(text)
            XCTAssertTrue(found.contains { $0.hasPrefix("plan.csv:2:4: the price") && $0.contains("is not an amount") }, "\(bad): \(found)")
        }
        XCTAssertEqual(PlanAmount.parse("45"), 4500)
        XCTAssertEqual(PlanAmount.parse("0.50"), 50)
        XCTAssertEqual(PlanAmount.text(4505), "45.05")
    }

    func testRowOutsideASection() {
        let text = "venue,V\nband,P,Premium,1.00\nrow,A,P,1\nsection,S\nrow,B,P,1\n"
        XCTAssertEqual(problems(text), ["plan.csv:3:1: a row outside a section: put a section,<name> line above it"])
    }

    func testEmptyPlan() {
        XCTAssertEqual(problems("# nothing yet\n"), [
            "plan.csv: the plan names no venue: add a line venue,<name> (or give --name)",
            "plan.csv: the plan has no seats",
        ])
        XCTAssertEqual(problems("venue,V\nband,P,Premium,1.00\nsection,S\n"), ["plan.csv: the plan has no seats"])
    }

    func testCellThatIsNotASeatNumber() {
        let text = "venue,V\nband,P,Premium,1.00\nsection,S\nrow,A,P,1,two,3,0,4++,5?,12345\n"
        let found = problems(text)
        XCTAssertEqual(found.count, 5, "\(found)")
        XCTAssertTrue(found[0].hasPrefix("plan.csv:4:5: \"two\" is not a seat number"), found[0])
        XCTAssertTrue(found[1].hasPrefix("plan.csv:4:7: \"0\" is not a seat number"), found[1])
        XCTAssertEqual(found[2], "plan.csv:4:8: \"4++\" has the mark + twice")
        XCTAssertTrue(found[3].hasPrefix("plan.csv:4:9: \"5?\" is not a seat number"), found[3])
        XCTAssertTrue(found[4].hasPrefix("plan.csv:4:10: \"12345\" is not a seat number"), found[4])
    }

    func testFileThatIsNotUTF8() {
        var data = Data("venue,V\nband,P,Premium,1.00\nsection,Caf".utf8)
        data.append(0xE9)  // Latin-1 é
        data.append(contentsOf: Array("\nrow,A,P,1\n".utf8))
        guard case .failure(let error) = PlanCSVReader.read(data, file: "plan.csv") else { return XCTFail("not UTF-8 must be refused") }
        XCTAssertEqual(error.problems.map(\.description), ["plan.csv:3: the file is not UTF-8 text (byte 0xE9 at byte 12 of the line); save it as UTF-8"])
    }

    func testFileOver32MiB() {
        let data = Data(repeating: UInt8(ascii: "#"), count: PlanLimits.maxFileBytes + 1)
        guard case .failure(let error) = PlanCSVReader.read(data, file: "plan.csv") else { return XCTFail("an oversized file must be refused") }
        XCTAssertEqual(error.problems.map(\.description), ["plan.csv: the file is 32 MiB, more than the 32 MiB a plan can be"])
    }

    func testMoreThan100000Seats() {
        // 101 rows of 1,000 seats: the 100,001st seat is row 101's first (line 104, field 4).
        var lines = ["venue,V", "band,P,Premium,1.00", "section,S"]
        let cells = (1...1000).map(String.init).joined(separator: ",")
        for r in 0..<101 { lines.append("row,R\(r),P,\(cells)") }
        let found = problems(lines.joined(separator: "\n"))
        XCTAssertEqual(found, ["plan.csv:104:4: more than 100,000 seats: a plan holds at most 100,000"])
    }

    func testEveryProblemIsListedInFileOrder() {
        let text = "venue,V\nband,P,Premium,ten\nsection,S\nrow,A,P,1,x\nsurprise,1\nrow,B,Z,1\n"
        let found = problems(text)
        XCTAssertEqual(found.map { $0.split(separator: " ")[0] }, ["plan.csv:2:4:", "plan.csv:4:5:", "plan.csv:5:1:", "plan.csv:6:3:"], "\(found)")
    }

    func testUnclosedQuoteNamesWhereItOpened() {
        XCTAssertEqual(problems("venue,V\nband,P,\"Premium,1.00\nsection,S\n"), ["plan.csv:2:3: a quoted field is never closed (a \" is missing)"])
    }

    func testLabelsAndNamesAreChecked() {
        let text = "venue,V\nband,P+,Premium,1.00\nsection,S,c-1\nrow,a b,P,1\n"
        let found = problems(text)
        XCTAssertTrue(found.contains { $0.hasPrefix("plan.csv:2:2: the band code \"P+\" holds \"+\"") }, "\(found)")
        XCTAssertTrue(found.contains { $0.hasPrefix("plan.csv:3:3: the section prefix \"c-1\" must be letters") }, "\(found)")
        XCTAssertTrue(found.contains { $0.hasPrefix("plan.csv:4:2: the row label \"a b\" must be letters") }, "\(found)")
        let control = problems("venue,V\u{1B}[2J\nband,P,Premium,1.00\nsection,S\nrow,A,P,1\n")
        XCTAssertTrue(control[0].hasPrefix("plan.csv:1:2: the venue name contains a control"), "\(control)")
    }

    func testNumericRowLabelsKeepNumbersApart() throws {
        let m = try model("venue,V\nband,P,Premium,1.00\nsection,S\nrow,1,P,12\nrow,11,P,2\n")
        XCTAssertEqual(m.placedSeats.map(\.label), ["1-12", "11-2"])
    }

    func testNameOverride() throws {
        guard case .success(let m) = read("band,P,Premium,1.00\nsection,S\nrow,A,P,1\n", name: "Other House") else { return XCTFail() }
        XCTAssertEqual(m.name, "Other House")
    }

    func testWriterRoundTrip() throws {
        let m = try model(Self.example)
        let text = PlanCSVWriter.write(m)
        let again = try model(text)
        XCTAssertEqual(again.placedSeats.map(\.label), m.placedSeats.map(\.label))
        XCTAssertEqual(again.placedSeats.map(\.column), m.placedSeats.map(\.column))
        XCTAssertEqual(again.placedSeats.map(\.line), m.placedSeats.map(\.line))
        XCTAssertEqual(again.placedSeats.map(\.seat.band), m.placedSeats.map(\.seat.band))
        XCTAssertEqual(again.placedSeats.map(\.seat.restrictedView), m.placedSeats.map(\.seat.restrictedView))
        XCTAssertEqual(PlanCSVWriter.write(again), text, "writing what was read back gives the same text")
        XCTAssertTrue(text.contains("row,A,S,1~,2,3!,,4:P,5,6~"), text)
    }

    func testTheDemoVenueIsAPlanFile() throws {
        let m = try BoxOffice.readPlan(path: BoxOffice.demoPlanPath)
        XCTAssertEqual(m.name, "Grand Theatre")
        XCTAssertEqual(m.seatCount, 744, "bench figures and end-to-end tests refer to the demo's 744 seats")
        XCTAssertEqual(m.sections.map(\.name), ["Stalls", "Circle"])
        let seats = m.placedSeats
        XCTAssertEqual(seats.filter(\.seat.wheelchair).map(\.label), ["T1", "T8", "T29", "T36"])
        XCTAssertEqual(seats.filter(\.seat.notForSale).map(\.label), ["R15", "R16", "R17", "R18"])
        XCTAssertEqual(m.bands.map(\.priceCents), [5500, 3800, 2200])
    }
}
