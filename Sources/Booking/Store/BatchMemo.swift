/// What a group commit's bookings share within one batch: read (or done) once per batch rather than once per booking,
/// since nothing a batch's bookings write changes it (a performance, its price list, the currency). Lives for one
/// batch, on the writer thread only.
final class BatchMemo {
    enum Key: Hashable {
        case performance(Int64)
        case priceList(theaterID: Int64, performanceID: Int64?)
        case currency
        case adultType
        /// How references and ticket codes are issued (`IssuedCodes`).
        case issuedCodes
        /// Unpaid reservations past their deadline have been given back (once per batch, before its bookings).
        case unpaidExpired(Int64)
    }

    private var values: [Key: Any] = [:]
    /// The id each table's next row is written under (`IssuedCodes.nextIssued`), counted on from one read per batch:
    /// the batch holds the write lock, so only its own bookings insert. An id whose booking rolled back stays unused.
    var nextIDs: [String: Int64] = [:]

    func value<T>(_ key: Key, _ read: () throws -> T) rethrows -> T {
        if let known = values[key] as? T { return known }
        let value = try read()
        values[key] = value
        return value
    }
}
