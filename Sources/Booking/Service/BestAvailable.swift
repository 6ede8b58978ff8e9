/// Best available N seats together: pure, over a seat map.
/// Together means adjacent in one row with no aisle between (consecutive `x` on the same `y`). A choice never
/// leaves a single empty seat between others (nobody buys it later); among the rest, the one nearest the centre
/// of the house, in a row about a third of the way back, wins. Wheelchair spaces are left for those who need them.
public enum BestAvailable {
    public static func choose(_ count: Int, in map: SeatMap) -> [Int]? {
        guard count > 0, !map.seats.isEmpty else { return nil }
        let xs = map.seats.map(\.x), ys = map.seats.map(\.y)
        let centreX = Double(xs.min()! + xs.max()!) / 2
        let idealY = Double(ys.min()!) + Double(ys.max()! - ys.min()!) / 3
        var best: (score: Double, seats: [Int])?

        for run in runs(in: map) where run.count >= count {
            let free = run.map { map.states[$0] == .free && !map.seats[$0].accessible }
            for start in 0...(run.count - count) {
                let window = start..<(start + count)
                guard window.allSatisfy({ free[$0] }) else { continue }
                if leavesSingle(before: start, in: free) || leavesSingle(after: start + count - 1, in: free) { continue }
                let seats = window.map { run[$0] }
                let mid = Double(map.seats[seats.first!].x + map.seats[seats.last!].x) / 2
                let score = abs(mid - centreX) + abs(Double(map.seats[seats[0]].y) - idealY) * 1.5
                if best == nil || score < best!.score { best = (score, seats) }
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
