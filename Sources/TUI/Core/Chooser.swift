import Booking

/// The performance chooser: a filtered list, refreshed every few seconds while it is shown.
public struct ChooserState: Sendable {
    public var performances: [PerformanceSummary] = []
    public var filter = TextField()
    public var selected = 0
    public var loading = true
    public var error: String?
    var lastRefresh: Int64 = 0

    static let refreshMs: Int64 = 5_000

    /// Performances matching the filter (any word of theater or title, any case).
    public var visible: [PerformanceSummary] {
        let words = filter.text.lowercased().split(separator: " ")
        guard !words.isEmpty else { return performances }
        return performances.filter { p in
            let haystack = "\(p.performance.theaterName) \(p.performance.title) \(p.performance.id)".lowercased()
            return words.allSatisfy { haystack.contains($0) }
        }
    }

    mutating func loaded(_ result: Result<[PerformanceSummary], Failure>) -> Reply {
        switch result {
        case .success(let list):
            performances = list
            error = nil
            selected = min(selected, max(0, visible.count - 1))
        case .failure(let failure):
            error = failure.message
        }
        loading = false
        return Reply()
    }

    mutating func handleKey(_ key: Key, _ context: Context) -> Reply {
        let visible = self.visible
        let page = ChooserGeometry.visibleRows(height: context.height)
        switch key {
        case .up: selected = max(0, selected - 1)
        case .down: selected = min(max(0, visible.count - 1), selected + 1)
        case .pageUp: selected = max(0, selected - page)
        case .pageDown: selected = min(max(0, visible.count - 1), selected + page)
        case .enter:
            guard selected < visible.count else {
                return .saying(visible.isEmpty ? "No performance matches the filter; Esc clears it." : "Choose a performance.", .warning)
            }
            let chosen = visible[selected].performance
            return .request(.openPerformance(id: chosen.id, title: "\(chosen.theaterName) · \(chosen.title)"))
        case .escape:
            filter = TextField()
            selected = 0
        case .char("q") where filter.text.isEmpty:
            return .request(.quit)
        case .char("?") where filter.text.isEmpty:
            return .opening(.help(Help(for: .chooser)))
        case .char("$") where filter.text.isEmpty:
            return ShiftOverlay.open()
        case .control("r"):
            loading = true
            return Reply([.loadPerformances])
        default:
            // Everything else edits the filter: typing a few letters of a title is the quickest way there.
            if filter.apply(key) == .edited { selected = 0 }
        }
        return Reply()
    }

    mutating func click(y: Int, _ context: Context) {
        let row = y - ChooserGeometry.linesAbove
        let top = max(0, selected - ChooserGeometry.visibleRows(height: context.height) + 1)
        if row >= 0, row + top < visible.count { selected = row + top }
    }

    /// The list is read again every few seconds (other clerks sell), but not while an overlay covers it.
    mutating func tick(_ context: Context, covered: Bool) -> Reply {
        guard !loading, !covered, context.now - lastRefresh >= Self.refreshMs else { return Reply() }
        lastRefresh = context.now
        return Reply([.loadPerformances])
    }
}
