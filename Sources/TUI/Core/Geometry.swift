import Booking

/// Where the parts of each screen go for a terminal size. Shared by update (scrolling, mouse clicks) and render,
/// so both agree on what is visible.
public struct MapGeometry: Equatable, Sendable {
    public static let minimumWidth = 64
    public static let minimumHeight = 14
    /// Header, stage marker above the map; legend, status bar and message line below.
    static let linesAbove = 2
    static let linesBelow = 3

    public var width: Int
    public var height: Int
    /// Columns for a row label on each side of the map (the label and a space of margin).
    public var labelColumns: Int
    public var mapTop: Int { Self.linesAbove }
    public var visibleLines: Int { max(0, height - Self.linesAbove - Self.linesBelow) }
    public var visibleColumns: Int { max(0, width - 2 * labelColumns) }
    public var legendLine: Int { height - 3 }

    public init(width: Int, height: Int, layout: MapLayout?) {
        self.width = width
        self.height = height
        var longest = 1
        if let layout {
            for kind in layout.lines {
                if case .seats(let row, _) = kind { longest = max(longest, TextWidth.of(row)) }
            }
        }
        labelColumns = min(longest, 4) + 2
    }

    /// The screen column where map column 0 is drawn: centred when the map fits, else scrolled.
    public func mapLeft(layout: MapLayout, viewport: Viewport) -> Int {
        if layout.width <= visibleColumns { return labelColumns + (visibleColumns - layout.width) / 2 }
        return labelColumns - viewport.left
    }

    /// The map position under a screen position, or nil outside the map area.
    public func mapPosition(x: Int, y: Int, layout: MapLayout, viewport: Viewport) -> (line: Int, column: Int)? {
        guard y >= mapTop, y < mapTop + visibleLines, x >= labelColumns, x < labelColumns + visibleColumns else { return nil }
        let top = layout.height <= visibleLines ? 0 : viewport.top
        return (y - mapTop + top, x - mapLeft(layout: layout, viewport: viewport))
    }
}

public enum ChooserGeometry {
    public static let minimumWidth = 64
    public static let minimumHeight = 10
    /// Title, filter, column headings above the list; status and message lines below.
    static let linesAbove = 4
    static let linesBelow = 2
    public static func visibleRows(height: Int) -> Int { max(1, height - linesAbove - linesBelow) }
}
