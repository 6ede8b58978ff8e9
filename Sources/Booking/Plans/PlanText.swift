import Foundation

/// The limits and the text decoding every plan reader shares: a plan is UTF-8 (a byte-order mark is accepted, as
/// spreadsheets write one), at most 32 MiB, at most 100,000 seats.
public enum PlanLimits {
    public static let maxFileBytes = 32 * 1024 * 1024
    public static let maxSeats = 100_000
    public static let maxRowLabel = 6
    public static let maxSeatNumber = 9_999
    public static let maxName = 80
    public static let maxBandCode = 40
    /// A price above this (in minor units) is a typing mistake, not a ticket: £10,000,000.00.
    public static let maxPriceCents = 1_000_000_000
}

enum PlanText {
    /// The file's text without a byte-order mark, or the problem: too big, or not UTF-8 (naming the line of the
    /// first bad byte).
    static func decode(_ data: Data, file: String) -> Result<String, PlanError> {
        if data.count > PlanLimits.maxFileBytes {
            return .failure(PlanError([PlanProblem(file: file, place: .none, message:
                "the file is \(data.count / 1_048_576) MiB, more than the \(PlanLimits.maxFileBytes / 1_048_576) MiB a plan can be")]))
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let bad = firstInvalidByte(bytes)
            let hex = String(bytes[bad.index], radix: 16, uppercase: true)
            return .failure(PlanError([PlanProblem(file: file, place: .csvLine(bad.line), message:
                "the file is not UTF-8 text (byte 0x\(hex) at byte \(bad.index - bad.lineBegin + 1) of the line); save it as UTF-8")]))
        }
        return .success(text)
    }

    /// The first byte that breaks UTF-8: its index, its line (from 1) and where that line begins.
    static func firstInvalidByte(_ bytes: [UInt8]) -> (index: Int, line: Int, lineBegin: Int) {
        var line = 1, lineBegin = 0, i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (i, line, lineBegin)
            }
            if length > 1, i + length > bytes.count || String(validating: bytes[i..<(i + length)], as: UTF8.self) == nil {
                return (i, line, lineBegin)
            }
            if b == 0x0A { line += 1; lineBegin = i + 1 }
            i += length
        }
        return (max(0, bytes.count - 1), line, lineBegin)
    }
}

/// Amounts as a plan writes them: digits, optionally a `.` and exactly two decimals (`45`, `45.00`, `0.50`).
public enum PlanAmount {
    public static func parse(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.count <= 8,
              whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var cents = Int(whole)! * 100
        if parts.count == 2 {
            let fraction = parts[1]
            guard fraction.count == 2, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            cents += Int(fraction)!
        }
        return cents <= PlanLimits.maxPriceCents ? cents : nil
    }

    /// `45.00`: always two decimals, so that a written plan reads back the same.
    public static func text(_ cents: Int) -> String {
        let pence = cents % 100
        return "\(cents / 100).\(pence < 10 ? "0" : "")\(pence)"
    }
}
