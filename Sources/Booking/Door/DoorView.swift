import Foundation

/// The door's count as a steward or front-of-house manager reads it: admitted, sold, still to come, and each door.
public enum DoorView {
    public static func lines(_ performance: Performance, _ count: DoorCount, now: Date = Date()) -> [String] {
        let share = count.sold == 0 ? 0 : count.admitted * 100 / count.sold
        var out = [
            "\(SafeText.display(performance.title, limit: 50)) · \(SafeText.display(performance.theaterName, limit: 30)) · \(Format.startTime(performance.startsAt))",
            "",
            "  Admitted      \(pad(count.admitted))   (\(share)%)",
            "  Sold          \(pad(count.sold))",
            "  Still to come \(pad(count.toCome))",
        ]
        if !count.doors.isEmpty {
            out.append("")
            for door in count.doors {
                out.append("  \(SafeText.display(door.name, limit: 20).padding(toLength: 14, withPad: " ", startingAt: 0))\(pad(door.admitted))   last at \(Admission.clock(door.lastAt, now: now))")
            }
        }
        return out
    }

    private static func pad(_ n: Int) -> String {
        let s = "\(n)"
        return String(repeating: " ", count: max(0, 6 - s.count)) + s
    }
}
