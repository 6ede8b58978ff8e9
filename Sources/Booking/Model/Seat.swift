/// One physical seat of a theater. `x`/`y` place it on the map in character cells (y = row line, x = column),
/// so aisles and gaps are simply missing columns.
public struct Seat: Sendable, Hashable, Codable {
    public var id: Int64
    public var theaterID: Int64
    public var label: String
    public var row: String
    public var number: Int
    public var x: Int
    public var y: Int
    public var section: String
    public var priceBand: String
    public var priceCents: Int
    public var accessible: Bool
    /// Blocked for every performance (e.g. removed for a sound desk); per-performance blocks live in the seat map.
    public var blocked: Bool
    /// Sold at its band's price but with a view partly blocked (a pillar, an overhang): best available leaves it out.
    public var restrictedView: Bool
    /// The reason shown for a seat blocked for every performance, on the map and when a hold or booking is refused.
    /// (A plan's `!` seat: "blocked in every performance, reason \"plan\"", issue 10.)
    public static let notInUse = "plan"

    public init(id: Int64, theaterID: Int64, label: String, row: String, number: Int, x: Int, y: Int,
                section: String, priceBand: String, priceCents: Int, accessible: Bool = false, blocked: Bool = false,
                restrictedView: Bool = false) {
        self.id = id
        self.theaterID = theaterID
        self.label = label
        self.row = row
        self.number = number
        self.x = x
        self.y = y
        self.section = section
        self.priceBand = priceBand
        self.priceCents = priceCents
        self.accessible = accessible
        self.blocked = blocked
        self.restrictedView = restrictedView
    }
}
