/// Writes a venue as a spreadsheet plan that `PlanCSVReader` reads back to the same venue.
public enum PlanCSVWriter {
    public static func write(_ model: VenueModel) -> String {
        var lines = ["# \(SafeText.display(model.name)): a boxoffice seating plan. Cells: number[:band][+ wheelchair][~ restricted view][! not for sale]; an empty cell is a gap."]
        lines.append(CSVRecords.line(["venue", model.name]))
        for band in model.bands {
            lines.append(CSVRecords.line(["band", band.code, band.name, PlanAmount.text(band.priceCents)]))
        }
        for section in model.sections {
            lines.append(CSVRecords.line(section.prefix.isEmpty ? ["section", section.name] : ["section", section.name, section.prefix]))
            for row in section.rows {
                lines.append(CSVRecords.line(["row", row.label, row.band] + row.cells.map { cell($0, rowBand: row.band) }))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func cell(_ seat: VenueModel.Seat?, rowBand: String) -> String {
        guard let seat else { return "" }
        var text = String(seat.number)
        if seat.band != rowBand { text += ":" + seat.band }
        if seat.wheelchair { text += "+" }
        if seat.restrictedView { text += "~" }
        if seat.notForSale { text += "!" }
        return text
    }

    /// The band most of a row's seats have (the first seat's on a tie), written once as the row's band.
    public static func usualBand(_ seats: [VenueModel.Seat]) -> String {
        var counts: [String: Int] = [:]
        for seat in seats { counts[seat.band, default: 0] += 1 }
        var best: String?
        for seat in seats where best == nil || counts[seat.band]! > counts[best!]! { best = seat.band }
        return best ?? ""
    }
}
