/// The checks every plan passes whatever its format, each problem at its place: labels unique in the venue, every
/// band defined, bands defined once, at least one seat.
enum PlanChecks {
    static func problems(in model: VenueModel, file: String) -> [PlanProblem] {
        var problems: [PlanProblem] = []
        func add(_ place: PlanPlace, _ message: String) { problems.append(PlanProblem(file: file, place: place, message: message)) }

        var bandPlaces: [String: PlanPlace] = [:]
        for band in model.bands {
            if let first = bandPlaces[band.code] {
                add(band.place, "band \(PlanRules.quoted(band.code)) is defined twice (first at \(PlanProblem.shortPlace(first)))")
            } else {
                bandPlaces[band.code] = band.place
            }
        }
        var sectionPlaces: [String: PlanPlace] = [:]
        var firstSeat: [String: (place: PlanPlace, section: String)] = [:]
        for section in model.sections {
            if let first = sectionPlaces[section.name] {
                add(section.place, "section \(PlanRules.quoted(section.name)) appears twice (first at \(PlanProblem.shortPlace(first)))")
            } else {
                sectionPlaces[section.name] = section.place
            }
            for row in section.rows {
                let rowBandKnown = bandPlaces[row.band] != nil
                if !rowBandKnown && row.bandPlace != .none {
                    add(row.bandPlace, "unknown band \(PlanRules.quoted(row.band)) (bands: \(bandList(model)))")
                }
                for seat in row.cells.compactMap({ $0 }) {
                    if bandPlaces[seat.band] == nil && (seat.band != row.band || row.bandPlace == .none) {
                        add(seat.place, "unknown band \(PlanRules.quoted(seat.band)) (bands: \(bandList(model)))")
                    }
                    let label = VenueModel.label(prefix: section.prefix, row: row.label, number: seat.number)
                    if let first = firstSeat[label] {
                        var message = "seat \(PlanRules.quoted(label)) appears twice (first at \(PlanProblem.shortPlace(first.place)))"
                        if first.section != section.name {
                            message += "; sections \(PlanRules.quoted(first.section)) and \(PlanRules.quoted(section.name)) need different prefixes"
                        }
                        add(seat.place, message)
                    } else {
                        firstSeat[label] = (seat.place, section.name)
                    }
                }
            }
        }
        if firstSeat.isEmpty && model.seatCount == 0 { add(.none, "the plan has no seats") }
        return problems
    }

    static func bandList(_ model: VenueModel) -> String {
        model.bands.isEmpty ? "none defined" : model.bands.map(\.code).joined(separator: ", ")
    }
}
