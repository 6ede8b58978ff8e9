/// RFC 4180 records with the line each begins on, so that every problem in a plan can name its line and field.
/// (SwiftCSV and CSV.swift, in the local package copy, give rows but not the lines they came from.) Accepts what
/// spreadsheets write: CRLF or LF line ends, a last line without one, quoted fields holding commas, quotes (`""`)
/// and line breaks.
struct CSVRecord: Equatable {
    /// The line the record begins on, from 1.
    var line: Int
    var fields: [String]
}

enum CSVRecords {
    struct Failure: Error, Equatable {
        var line: Int
        var field: Int
        var message: String
    }

    static func parse(_ text: String) -> Result<[CSVRecord], Failure> {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, recordLine = 1
        var inQuotes = false, wasQuoted = false, afterQuote = false
        var quoteLine = 1
        let bytes = Array(text.utf8)
        var i = 0

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
            afterQuote = false
        }
        func endRecord() {
            endField()
            records.append(CSVRecord(line: recordLine, fields: fields))
            fields.removeAll(keepingCapacity: true)
        }

        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(b)
                        i += 2
                        continue
                    }
                    inQuotes = false
                    afterQuote = true
                } else {
                    if b == 0x0A { line += 1 }
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case UInt8(ascii: ","):
                endField()
            case 0x0D where i + 1 < bytes.count && bytes[i + 1] == 0x0A:
                break  // the LF that follows ends the record
            case 0x0A:
                endRecord()
                line += 1
                recordLine = line
            case UInt8(ascii: "\""):
                if afterQuote || wasQuoted || !field.isEmpty {
                    return .failure(Failure(line: line, field: fields.count + 1,
                                            message: "a quote (\") inside a field that is not quoted as a whole; write the field in quotes and double the quote (\"\")"))
                }
                inQuotes = true
                wasQuoted = true
                quoteLine = line
            default:
                if afterQuote {
                    return .failure(Failure(line: line, field: fields.count + 1,
                                            message: "text after a field's closing quote; put the whole field in quotes"))
                }
                field.append(b)
            }
            i += 1
        }
        if inQuotes {
            return .failure(Failure(line: quoteLine, field: fields.count + 1, message: "a quoted field is never closed (a \" is missing)"))
        }
        if !field.isEmpty || !fields.isEmpty || wasQuoted { endRecord() }
        return .success(records)
    }

    /// A field as RFC 4180 writes it: quoted when it holds a comma, a quote, a line break or spaces at its ends.
    static func escape(_ field: String) -> String {
        let needsQuotes = field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            || field.first == " " || field.last == " "
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func line(_ fields: [String]) -> String { fields.map(escape).joined(separator: ",") }
}
