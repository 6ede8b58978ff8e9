/// Best available N seats together: pure, over a seat map.
/// Together means adjacent in one row with no aisle between (consecutive `x` on the same `y`). Only free seats are
/// chosen: never a held-back seat (it is not free), never a wheelchair space (sold only by choosing it, to those who need
/// it), and a restricted-view seat only when asked (`B` in the picker). Among the choices, one that leaves no single
/// empty seat between sold or held ones (the orphan rule, as seats.io names it: nobody buys that seat later) beats any
/// that does; a sale is never refused only to keep that rule. Then the one nearest the centre of the house, in a row
/// about a third of the way back, wins.
public enum BestAvailable {
    public static func choose(_ count: Int, in map: SeatMap, includeRestricted: Bool = false) -> [Int]? {
        guard count > 0, !map.seats.isEmpty else { return nil }
        let xs = map.seats.map(\.x), ys = map.seats.map(\.y)
        let centreX = Double(xs.min()! + xs.max()!) / 2
        let idealY = Double(ys.min()!) + Double(ys.max()! - ys.min()!) / 3
        var best: (orphans: Bool, score: Double, seats: [Int])?

        for run in runs(in: map) where run.count >= count {
            let free = run.map { i in
                map.states[i] == .free && !map.seats[i].accessible && (includeRestricted || !map.seats[i].restrictedView)
            }
            for start in 0...(run.count - count) {
                let window = start..<(start + count)
                guard window.allSatisfy({ free[$0] }) else { continue }
                let orphans = leavesSingle(before: start, in: free) || leavesSingle(after: start + count - 1, in: free)
                let seats = window.map { run[$0] }
                let mid = Double(map.seats[seats.first!].x + map.seats[seats.last!].x) / 2
                let score = abs(mid - centreX) + abs(Double(map.seats[seats[0]].y) - idealY) * 1.5
                if let current = best, (current.orphans ? 1 : 0, current.score) <= (orphans ? 1 : 0, score) { continue }
                best = (orphans, score, seats)
            }
        }
        return best?.seats
    }

    /// Runs of adjacent seats (consecutive x, same y), as indexes into the map, left to right.
    static func runs(in map: SeatMap) -> [[Int]] {
        let order = map.seats.indices.sorted { (map.seats[$0].y, map.seats[$0].x) < (map.seats[$1].y, map.seats[$1].x) }
        var runs: [[Int]] = []
        for i in order {
            if let last = runs.last?.last, map.seats[last].y == map.seats[i].y, map.seats[last].x + 1 == map.seats[i].x {
                runs[runs.count - 1].append(i)
            } else {
                runs.append([i])
            }
        }
        return runs
    }

    private static func leavesSingle(before start: Int, in free: [Bool]) -> Bool {
        start >= 1 && free[start - 1] && (start == 1 || !free[start - 2])
    }

    private static func leavesSingle(after end: Int, in free: [Bool]) -> Bool {
        end + 1 < free.count && free[end + 1] && (end + 2 == free.count || !free[end + 2])
    }
}
