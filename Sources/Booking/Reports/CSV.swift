import Foundation

/// Comma-separated values as RFC 4180 has them: CRLF after every record, a field quoted when it holds a comma, a
/// double quote, CR or LF, and a double quote inside a quoted field doubled. Spreadsheets read this; so does Python's
/// csv module, which the tests use.
public enum CSV {
    public static func document(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map(record).joined()
    }

    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    public static func field(_ value: String) -> String {
        let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
