import Foundation

extension ShiftReport {
    /// The cash-up as a clerk reads it: one block per clerk.
    public static func table(_ shifts: [ClerkShift], since: Date, until: Date, money: (Int) -> String) -> String {
        let window = "\(Format.timestamp(since)) to \(Format.timestamp(until))"
        guard !shifts.isEmpty else { return "No bookings, payments or refunds from \(window).\n" }
        let methods = methods(in: shifts)
        return shifts.map { s in
            var rows: [(String, String, String)] = [
                ("Bookings", "\(s.bookings)", ""),
                ("Tickets", s.tickets.isEmpty ? "none" : s.tickets.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                    .joined(separator: ", "), ""),
                ("", "Taken", "Refunded"),
            ]
            rows += methods.map { ($0, money(s.takingsCents[$0, default: 0]), money(s.refundsCents[$0, default: 0])) }
            rows += [("Net", money(s.netCents), ""), ("Float", money(s.floatCents), ""),
                     ("Expected cash", money(s.expectedCashCents), "")]
            if let counted = s.countedCents, let diff = s.overShortCents {
                rows.append(("Counted", money(counted), ""))
                rows.append((diff == 0 ? "Balanced" : diff > 0 ? "Over" : "Short", money(abs(diff)), ""))
            }
            let w0 = rows.map(\.0.count).max()!, w1 = max(rows.map(\.1.count).max()!, 8), w2 = rows.map(\.2.count).max()!
            let body = rows.map { label, a, b -> String in
                // Words left, amounts right: "Tickets" is the one row whose value is words.
                let first = label == "Tickets" ? a : String(repeating: " ", count: w1 - a.count) + a
                let line = "  " + label.padding(toLength: w0, withPad: " ", startingAt: 0) + "  " + first
                    + (b.isEmpty ? "" : "  " + String(repeating: " ", count: w2 - b.count) + b)
                return line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
            }
            return (["\(SafeText.display(s.clerk, limit: 40)) · \(window)"] + body).joined(separator: "\n") + "\n"
        }.joined(separator: "\n")
    }

    /// One record per clerk; a column per ticket type seen and per method, amounts in minor units.
    public static func csv(_ shifts: [ClerkShift]) -> String {
        let types = Set(shifts.flatMap { $0.tickets.keys }).sorted()
        let methods = methods(in: shifts)
        let counted = shifts.contains { $0.countedCents != nil }
        var header = ["clerk", "bookings"] + types.map { "tickets_\($0)" }
        header += methods.map { "takings_\($0)_cents" } + methods.map { "refunds_\($0)_cents" }
        header += ["net_cents", "float_cents", "expected_cash_cents"] + (counted ? ["counted_cents", "over_short_cents"] : [])
        let rows = shifts.map { s -> [String] in
            var row = [s.clerk, "\(s.bookings)"] + types.map { "\(s.tickets[$0, default: 0])" }
            row += methods.map { "\(s.takingsCents[$0, default: 0])" } + methods.map { "\(s.refundsCents[$0, default: 0])" }
            row += ["\(s.netCents)", "\(s.floatCents)", "\(s.expectedCashCents)"]
            if counted { row += ["\(s.countedCents ?? 0)", "\(s.overShortCents ?? 0)"] }
            return row
        }
        return CSV.document(header: header, rows: rows)
    }
}
