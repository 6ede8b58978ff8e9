/// What each ticket type costs in each band of a theater, for one performance: the performance's own price if set,
/// else the theater's, else Adult is the band's price and Complimentary is free. A type with none of these is not for
/// sale in that band.
public struct PriceList: Sendable, Hashable {
    public struct Key: Sendable, Hashable {
        public var band: String
        public var typeID: Int64
        public init(band: String, typeID: Int64) {
            self.band = band
            self.typeID = typeID
        }
    }

    public var types: [TicketType]
    /// Band code → the band's price (the Adult price unless set).
    public var bandPrices: [String: Int]
    public var theaterPrices: [Key: Int]
    public var performancePrices: [Key: Int]

    public init(types: [TicketType], bandPrices: [String: Int], theaterPrices: [Key: Int] = [:], performancePrices: [Key: Int] = [:]) {
        self.types = types
        self.bandPrices = bandPrices
        self.theaterPrices = theaterPrices
        self.performancePrices = performancePrices
    }

    /// Where a price came from, for `prices show`.
    public enum Source: String, Sendable { case performance, theater, band, complimentary }

    public func price(band: String, type: TicketType) -> (cents: Int, source: Source)? {
        let key = Key(band: band, typeID: type.id)
        if let p = performancePrices[key] { return (p, .performance) }
        if let p = theaterPrices[key] { return (p, .theater) }
        if type.isComplimentary { return (0, .complimentary) }
        if type.isAdult, let p = bandPrices[band] { return (p, .band) }
        return nil
    }

    /// The types on sale in a band, in the types' order.
    public func forSale(band: String) -> [TicketType] { types.filter { price(band: band, type: $0) != nil } }

    /// The price of a seat of this band as this type, or the error a clerk sees, listing what is on sale there.
    public func require(band: String, type: TicketType, seat: String, currency: Currency) throws -> Int {
        if let p = price(band: band, type: type) { return p.cents }
        let list = forSale(band: band).map { "\($0.name) \(Money.format(price(band: band, type: $0)!.cents, currency))" }
        throw BookingError.invalidInput("\(type.name) tickets are not sold for seat \(seat) (band \(band)). On sale there: \(list.joined(separator: ", ")).")
    }
}
