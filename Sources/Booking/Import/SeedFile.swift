import Foundation

/// The old service's `theaters.json` and `seats.json`, parsed and checked before anything touches the database.
/// Every problem names the file, the entry and what is wrong.
public struct SeedFile: Sendable, Equatable {
    public struct TheaterEntry: Sendable, Equatable {
        public var id: Int64
        public var name: String
    }

    public struct SeatEntry: Sendable, Equatable {
        public var id: Int64
        public var label: String
        public var row: String
        public var number: Int
        public var isBooked: Bool
        public var theaterID: Int64
    }

    public static let maxFileBytes = 16 * 1024 * 1024
    public static let maxEntries = 200_000

    public var theaters: [TheaterEntry]
    public var seats: [SeatEntry]

    /// Reads both files. `knownTheaterIDs` are the theaters already in the database, which seats may also name.
    public static func load(theatersPath: String, seatsPath: String, knownTheaterIDs: Set<Int64>) throws -> SeedFile {
        let theatersName = (theatersPath as NSString).lastPathComponent
        let seatsName = (seatsPath as NSString).lastPathComponent
        let theaters = try parseTheaters(try read(theatersPath, name: theatersName), file: theatersName)
        let ids = knownTheaterIDs.union(theaters.map(\.id))
        let seats = try parseSeats(try read(seatsPath, name: seatsName), file: seatsName, theaterIDs: ids)
        return SeedFile(theaters: theaters, seats: seats)
    }

    static func read(_ path: String, name: String) throws -> Data {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw BookingError.malformedFile(file: name, entry: nil, problem: "the file \(path) cannot be read")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        if size > maxFileBytes {
            throw BookingError.malformedFile(file: name, entry: nil,
                                             problem: "the file is \(size / 1_048_576) MiB, more than the \(maxFileBytes / 1_048_576) MiB a seat file can be")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BookingError.malformedFile(file: name, entry: nil, problem: "the file \(path) cannot be read")
        }
        return data
    }

    static func topLevelArray(_ data: Data, file: String) throws -> [JSONValue] {
        guard String(data: data, encoding: .utf8) != nil else {
            throw BookingError.malformedFile(file: file, entry: nil, problem: "the file is not UTF-8 text")
        }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw BookingError.malformedFile(file: file, entry: nil, problem: "it is not valid JSON (\(jsonProblem(error)))")
        }
        guard case .array(let entries) = value else {
            throw BookingError.malformedFile(file: file, entry: nil, problem: "it must be a list ([...]), but it is \(value.typeName)")
        }
        if entries.count > maxEntries {
            throw BookingError.malformedFile(file: file, entry: nil, problem: "it has \(entries.count) entries, more than \(maxEntries)")
        }
        return entries
    }

    static func jsonProblem(_ error: Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return underlying ?? context.debugDescription
        }
        return "\(error)"
    }

    static func parseTheaters(_ data: Data, file: String) throws -> [TheaterEntry] {
        var result: [TheaterEntry] = []
        var seenIDs: [Int64: Int] = [:], seenNames: [String: Int] = [:]
        for (i, value) in try topLevelArray(data, file: file).enumerated() {
            let entry = EntryReader(file: file, index: i, value: value)
            let id = try entry.positiveInteger("id")
            let name = try entry.text("name", maxLength: 100)
            if let first = seenIDs[id] { throw entry.problem("the id \(id) is also used by entry \(first + 1)") }
            if let first = seenNames[name.lowercased()] { throw entry.problem("the name \"\(name)\" is also used by entry \(first + 1)") }
            seenIDs[id] = i
            seenNames[name.lowercased()] = i
            result.append(TheaterEntry(id: id, name: name))
        }
        return result
    }

    static func parseSeats(_ data: Data, file: String, theaterIDs: Set<Int64>) throws -> [SeatEntry] {
        var result: [SeatEntry] = []
        var seenIDs: [Int64: Int] = [:]
        var seenLabels: [String: Int] = [:]
        for (i, value) in try topLevelArray(data, file: file).enumerated() {
            let entry = EntryReader(file: file, index: i, value: value)
            let id = try entry.positiveInteger("id")
            let label = try entry.text("seat_number", maxLength: SafeText.maxLabel).uppercased()
            guard let (row, number) = SeatLabel.parse(label) else {
                throw entry.problem("seat_number \"\(label)\" is not a row letter (or up to 3) and a number from 1 to 9999, such as C12")
            }
            let booked = try entry.bool("is_booked")
            let theaterID = try entry.positiveInteger("theater_id")
            guard theaterIDs.contains(theaterID) else {
                throw entry.problem("theater_id \(theaterID) is neither in the theaters file nor in the database")
            }
            if let first = seenIDs[id] { throw entry.problem("the id \(id) is also used by entry \(first + 1)") }
            let key = "\(theaterID)/\(label)"
            if let first = seenLabels[key] {
                throw entry.problem("seat \(label) of theater \(theaterID) is also entry \(first + 1)")
            }
            seenIDs[id] = i
            seenLabels[key] = i
            result.append(SeatEntry(id: id, label: label, row: row, number: number, isBooked: booked, theaterID: theaterID))
        }
        return result
    }
}

/// Reads one entry's fields, with errors that say where.
private struct EntryReader {
    let file: String
    let index: Int
    let value: JSONValue

    func problem(_ text: String) -> BookingError {
        var where_ = "entry \(index + 1)"
        if case .object(let fields) = value, case .integer(let id)? = fields["id"] { where_ += " (id \(id))" }
        return .malformedFile(file: file, entry: where_, problem: text)
    }

    func field(_ name: String) throws -> JSONValue {
        guard case .object(let fields) = value else { throw problem("it must be an object ({...}), but it is \(value.typeName)") }
        guard let field = fields[name], field != .null else { throw problem("\"\(name)\" is missing") }
        return field
    }

    func positiveInteger(_ name: String) throws -> Int64 {
        let v = try field(name)
        guard case .integer(let i) = v else { throw problem("\"\(name)\" must be a whole number, but it is \(v.typeName)") }
        guard i > 0 else { throw problem("\"\(name)\" must be 1 or more (it is \(i))") }
        return i
    }

    func bool(_ name: String) throws -> Bool {
        let v = try field(name)
        guard case .bool(let b) = v else { throw problem("\"\(name)\" must be true or false, but it is \(v.typeName)") }
        return b
    }

    func text(_ name: String, maxLength: Int) throws -> String {
        let v = try field(name)
        guard case .string(let s) = v else { throw problem("\"\(name)\" must be text, but it is \(v.typeName)") }
        let trimmed = s.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw problem("\"\(name)\" is empty") }
        if let why = SafeText.problem(in: trimmed, field: "\"\(name)\"", maxLength: maxLength) { throw problem(why) }
        return trimmed
    }
}

/// Seat labels as the old service wrote them: row letters then a number.
public enum SeatLabel {
    public static func parse(_ label: String) -> (row: String, number: Int)? {
        let letters = label.prefix { $0.isASCII && $0.isUppercase }
        let digits = label.dropFirst(letters.count)
        guard (1...3).contains(letters.count), (1...4).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              digits.first != "0", let number = Int(digits) else { return nil }
        return (String(letters), number)
    }

    /// A, B, … Z, AA, AB, …: the map line of a row (A is nearest the stage).
    public static func rowIndex(_ row: String) -> Int {
        row.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
    }
}
