@testable import Booking
import Foundation
import XCTest

/// pretix's seating-plan JSON: zones → sections, row_number → row label, category → band, columns from x.
final class PretixPlanTests: XCTestCase {
    /// Two zones; the stalls' row A has an aisle (a gap of 3 spacings) after its second seat.
    static let plan = """
        {"name": "Hall", "categories": [{"name": "Front", "color": "#f00"}, {"name": "Back"}],
         "size": {"width": 400, "height": 300},
         "zones": [
          {"name": "Balcony", "position": {"x": 0, "y": 200}, "rows": [
            {"row_number": "C", "row_label": "Row C", "position": {"x": 5, "y": 0}, "seats": [
              {"seat_guid": "g-c1", "seat_number": "1", "position": {"x": 0, "y": 0}, "category": "Back"},
              {"seat_guid": "g-c2", "seat_number": "2", "position": {"x": 20, "y": 0}, "category": "Back"}]}]},
          {"name": "Stalls", "position": {"x": 0, "y": 0}, "rows": [
            {"row_number": "B", "position": {"x": 0, "y": 40}, "seats": [
              {"seat_guid": "g-b1", "seat_number": "1", "position": {"x": 0, "y": 0}, "category": "Back"}]},
            {"row_number": "A", "position": {"x": 0, "y": 10}, "seats": [
              {"seat_guid": "g-a2", "seat_number": "2", "position": {"x": 20, "y": 0}, "category": "Front"},
              {"seat_guid": "g-a1", "seat_number": "1", "position": {"x": 0, "y": 0}, "category": "Front"},
              {"seat_guid": "g-a3", "seat_number": "3", "position": {"x": 80, "y": 0}, "category": "Front"},
              {"seat_guid": "g-a4", "seat_number": "4", "position": {"x": 100, "y": 0}, "category": "Front"}]}]}]}
        """

    static let prices = ["Front": "45.00", "Back": "30"]

    private func read(_ json: String, _ options: PretixPlanReader.Options = .init(prices: prices)) -> Result<VenueModel, PlanError> {
        PretixPlanReader.read(Data(json.utf8), file: "plan.json", options: options)
    }

    private func problems(_ json: String, _ options: PretixPlanReader.Options = .init(prices: prices)) -> [String] {
        switch read(json, options) {
        case .success: XCTFail("expected problems"); return []
        case .failure(let e): return e.problems.map(\.description)
        }
    }

    func testZonesRowsSeatsAndGeometry() throws {
        let m = try read(Self.plan).get()
        XCTAssertEqual(m.name, "Hall")
        XCTAssertEqual(m.sections.map(\.name), ["Stalls", "Balcony"], "zones in order of y, the stage at the top")
        XCTAssertEqual(m.sections[0].rows.map(\.label), ["A", "B"], "rows ordered by y")
        XCTAssertEqual(m.bands.map(\.code), ["Front", "Back"])
        XCTAssertEqual(m.bands.map(\.priceCents), [4500, 3000])
        let seats = m.placedSeats
        let byLabel = Dictionary(uniqueKeysWithValues: seats.map { ($0.label, $0) })
        XCTAssertEqual(byLabel["A1"]?.column, 0)
        XCTAssertEqual(byLabel["A2"]?.column, 1)
        XCTAssertEqual(byLabel["A3"]?.column, 4, "a gap of three spacings is an aisle two seats wide")
        XCTAssertEqual(byLabel["A4"]?.column, 5)
        XCTAssertEqual(byLabel["C1"]?.column, 0, "x 5 of 20 per seat rounds to column 0")
        XCTAssertEqual(byLabel["A1"]?.seat.guid, "g-a1")
        XCTAssertEqual(byLabel["C2"]?.seat.band, "Back")
        XCTAssertEqual(byLabel["C1"]?.line, 3)
    }

    func testPricesAreRequiredForEveryCategory() {
        XCTAssertEqual(problems(Self.plan, .init(prices: ["Front": "45.00"])),
                       ["plan.json: pretix plans carry no prices: give --price \"Back=<amount>\""])
        XCTAssertEqual(problems(Self.plan, .init(prices: ["Front": "45.0", "Back": "1", "Gallery": "2"])), [
            "plan.json: --price \"Front=45.0\": \"45.0\" is not an amount (digits, then optionally . and two decimals, such as 45.00)",
            "plan.json: --price names \"Gallery\", which is not a category of this plan (categories: Front, Back)",
        ])
    }

    func testMissingFieldsNameTheirPath() {
        let json = """
            {"name": "Hall", "categories": [{"name": "Front"}], "zones": [{"name": "Z", "position": {"x": 0, "y": 0}, "rows": [
              {"row_number": "A", "seats": [
                {"seat_guid": "a", "position": {"x": 0, "y": 0}, "category": "Front"},
                {"seat_guid": "b", "seat_number": "x2", "position": {"x": 0, "y": 0}, "category": "Front"},
                {"seat_guid": "c", "seat_number": "3", "position": {"x": 0, "y": 0}, "category": "Rear"},
                {"seat_number": "4", "position": {"x": 0, "y": 0}, "category": "Front"}]},
              {"seats": []}]}]}
            """
        XCTAssertEqual(problems(json, .init(prices: ["Front": "1.00"])), [
            "plan.json: zones[0].rows[0].seats[0]: no seat_number",
            "plan.json: zones[0].rows[0].seats[1].seat_number: \"x2\" is not a seat number (a number from 1 to 9999)",
            "plan.json: zones[0].rows[0].seats[2].category: unknown category \"Rear\" (categories: Front)",
            "plan.json: zones[0].rows[0].seats[3]: no seat_guid",
            "plan.json: zones[0].rows[1]: no row_number",
            "plan.json: the plan has no seats",
        ])
    }

    func testCollidingLabelsSuggestAPrefix() throws {
        let json = """
            {"name": "Hall", "categories": [{"name": "P"}], "zones": [
              {"name": "Stalls", "position": {"x": 0, "y": 0}, "rows": [{"row_number": "A", "seats": [
                {"seat_guid": "s1", "seat_number": "1", "position": {"x": 0, "y": 0}, "category": "P"}]}]},
              {"name": "Balcony", "position": {"x": 0, "y": 100}, "rows": [{"row_number": "A", "seats": [
                {"seat_guid": "b1", "seat_number": "1", "position": {"x": 0, "y": 0}, "category": "P"}]}]}]}
            """
        XCTAssertEqual(problems(json, .init(prices: ["P": "1.00"])), [
            "plan.json: zones[1].rows[0].seats[0]: seat \"A1\" appears twice (first at zones[0].rows[0].seats[0]); sections \"Stalls\" and \"Balcony\" need different prefixes: give --prefix \"Balcony=B\"",
        ])
        let m = try read(json, .init(prices: ["P": "1.00"], prefixes: ["Balcony": "B"])).get()
        XCTAssertEqual(m.placedSeats.map(\.label), ["A1", "BA1"])
    }

    func testNotJSONNotUTF8AndTooBig() {
        XCTAssertEqual(problems("{\"name\": "), ["plan.json: not valid JSON (\(problemText("{\"name\": ")))"])
        var bad = Data("{\"name\": \"Caf".utf8); bad.append(0xE9); bad.append(contentsOf: Array("\"}".utf8))
        guard case .failure(let e) = PretixPlanReader.read(bad, file: "plan.json") else { return XCTFail() }
        XCTAssertTrue(e.description.hasPrefix("plan.json:1: the file is not UTF-8 text"), e.description)
        let big = Data(repeating: 0x20, count: PlanLimits.maxFileBytes + 1)
        guard case .failure(let e2) = PretixPlanReader.read(big, file: "plan.json") else { return XCTFail() }
        XCTAssertTrue(e2.description.contains("more than the 32 MiB"), e2.description)
    }

    private func problemText(_ json: String) -> String {
        do { _ = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)); return "" } catch { return SeedFile.jsonProblem(error) }
    }

    func testWriterKeepsGeometryLabelsAndCategories() throws {
        let m = try read(Self.plan).get()
        let data = try PretixPlanWriter.write(m)
        let again = try PretixPlanReader.read(data, file: "export.json", options: .init(prices: Self.prices)).get()
        XCTAssertEqual(again.placedSeats.map(\.label), m.placedSeats.map(\.label))
        XCTAssertEqual(again.placedSeats.map(\.column), m.placedSeats.map(\.column))
        XCTAssertEqual(again.placedSeats.map(\.line), m.placedSeats.map(\.line))
        XCTAssertEqual(again.placedSeats.map(\.seat.band), m.placedSeats.map(\.seat.band))
        XCTAssertEqual(again.placedSeats.map(\.seat.guid), m.placedSeats.map(\.seat.guid))
    }

    func testCSVVenueExportedToPretixKeepsLabelsOfPrefixedSections() throws {
        let csv = try PlanCSVReader.read(text: PlanCSVTests.example, file: "plan.csv").get()
        let data = try PretixPlanWriter.write(csv)
        let back = try PretixPlanReader.read(data, file: "export.json", options: .init(prices: ["P": "45.00", "S": "30.00"])).get()
        XCTAssertEqual(back.placedSeats.map(\.label), csv.placedSeats.map(\.label))
        XCTAssertEqual(back.placedSeats.map(\.column), csv.placedSeats.map(\.column))
    }
}
