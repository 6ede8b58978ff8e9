import Foundation

/// Everything printed on one ticket, as plain data: the renderers (text, PDF) read nothing else.
public struct PrintableTicket: Sendable, Equatable {
    public var bookingReference: String
    public var title: String
    public var venue: String
    public var startsAt: Date?
    public var seat: String
    public var section: String?
    public var type: String
    public var priceCents: Int
    /// The price as the customer reads it, in the box office's currency.
    public var price: String
    public var code: TicketCode
    public var customerName: String?
    /// A line the customer must see, e.g. that the booking is not paid yet.
    public var note: String?

    public init(bookingReference: String, title: String, venue: String, startsAt: Date?, seat: String,
                section: String? = nil, type: String, priceCents: Int, price: String? = nil, code: TicketCode, customerName: String? = nil, note: String? = nil) {
        self.note = note
        self.bookingReference = bookingReference
        self.title = title
        self.venue = venue
        self.startsAt = startsAt
        self.seat = seat
        self.section = section
        self.type = type
        self.priceCents = priceCents
        self.price = price ?? Money.format(priceCents)
        self.code = code
        self.customerName = customerName
    }

    /// The lines under the header, label and value, in the order both renderers print them.
    public var details: [(label: String, value: String)] {
        var rows: [(String, String)] = [("Seat", section.map { "\(seat) · \($0)" } ?? seat), ("Type", type),
                                        ("Price", price), ("Booking", bookingReference)]
        if let customerName, !customerName.isEmpty { rows.append(("Name", customerName)) }
        if let note { rows.append(("Note", note)) }
        return rows
    }
}
