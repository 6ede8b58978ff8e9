import Foundation

/// A ticket as the door sees it: enough to say yes or no and to tell the steward which seat.
public struct DoorTicket: Sendable, Equatable {
    public enum Status: String, Sendable { case active, cancelled, exchanged }

    public var ticketID: Int64
    public var code: TicketCode
    public var reference: String
    public var performanceID: Int64
    public var title: String
    public var startsAt: Date?
    public var seat: String
    public var type: String
    public var status: Status
    /// Whether the booking is paid (money's rule: a payment was recorded and it covers the active tickets).
    public var isPaid: Bool
    /// What the booking still owes, as the steward reads it out.
    public var due: String
    /// Set when the ticket was admitted before.
    public var admittedAt: Date?
    public var admittedBy: String?

    public init(ticketID: Int64, code: TicketCode, reference: String, performanceID: Int64, title: String, startsAt: Date?,
                seat: String, type: String, status: Status, isPaid: Bool, due: String, admittedAt: Date? = nil,
                admittedBy: String? = nil) {
        self.ticketID = ticketID
        self.code = code
        self.reference = reference
        self.performanceID = performanceID
        self.title = title
        self.startsAt = startsAt
        self.seat = seat
        self.type = type
        self.status = status
        self.isPaid = isPaid
        self.due = due
        self.admittedAt = admittedAt
        self.admittedBy = admittedBy
    }
}

/// What the door says to one scan. The rules live in `Admission.decide`; the store only records an admission the
/// rules allowed, and its unique key on the ticket settles two doors scanning one code at the same moment.
public enum CheckinOutcome: Sendable, Equatable {
    case admitted(DoorTicket)
    case alreadyAdmitted(DoorTicket, at: Date, by: String)
    case refused(CheckinRefusal)

    /// What sort of answer this is, for exit codes: a refusal is bad input, a second scan a conflict.
    public var kind: BookingError.Kind? {
        switch self {
        case .admitted: nil
        case .alreadyAdmitted: .conflict
        case .refused: .badInput
        }
    }

    /// One line for the steward, starting with the code as read (so a list of scans reads down the page).
    public func line(now: Date = Date()) -> String {
        switch self {
        case .admitted(let t):
            return "\(t.code.grouped): admitted — seat \(t.seat), \(t.type), \(Admission.show(t))"
        case .alreadyAdmitted(let t, let at, let by):
            return "\(t.code.grouped): already admitted at \(Admission.clock(at, now: now)) by \(SafeText.display(by, limit: 40)) — seat \(t.seat), \(t.type)"
        case .refused(let refusal):
            return refusal.line
        }
    }
}

public enum CheckinRefusal: Sendable, Equatable {
    case badCode(text: String, problem: TicketCodeProblem)
    case unknownCode(TicketCode)
    case cancelled(DoorTicket)
    case exchanged(DoorTicket)
    case otherPerformance(DoorTicket, expected: Int64)
    case unpaid(DoorTicket)

    public var line: String {
        switch self {
        case .badCode(let text, let problem):
            return "\(SafeText.display(text.trimmingCharacters(in: .whitespacesAndNewlines), limit: 24)): \(problem)"
        case .unknownCode(let code):
            return "\(code.grouped): no ticket has this code — not admitted"
        case .cancelled(let t):
            return "\(t.code.grouped): cancelled — seat \(t.seat) of booking \(t.reference) was cancelled; not admitted"
        case .exchanged(let t):
            return "\(t.code.grouped): exchanged — booking \(t.reference) exchanged this ticket for another with its own code; not admitted"
        case .otherPerformance(let t, let expected):
            return "\(t.code.grouped): for another performance — \(Admission.show(t)), not performance \(expected); not admitted"
        case .unpaid(let t):
            return "\(t.code.grouped): collect payment first — booking \(t.reference) owes \(t.due); not admitted"
        }
    }
}

public enum Admission {
    /// The door's rules, in the order a steward needs them: a ticket that no longer exists as such (cancelled,
    /// exchanged) first, then the wrong performance, then money, then a second scan. `nil` means admit.
    public static func decide(_ ticket: DoorTicket, performance expected: Int64?) -> CheckinOutcome? {
        switch ticket.status {
        case .cancelled: return .refused(.cancelled(ticket))
        case .exchanged: return .refused(.exchanged(ticket))
        case .active: break
        }
        if let expected, expected != ticket.performanceID { return .refused(.otherPerformance(ticket, expected: expected)) }
        if !ticket.isPaid { return .refused(.unpaid(ticket)) }
        if let at = ticket.admittedAt { return .alreadyAdmitted(ticket, at: at, by: ticket.admittedBy ?? "?") }
        return nil
    }

    static func show(_ t: DoorTicket) -> String {
        "\(SafeText.display(t.title, limit: 40)), \(Format.startTime(t.startsAt)) (performance \(t.performanceID))"
    }

    /// "19:31" for a time today, the date too otherwise.
    static func clock(_ date: Date, now: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB_POSIX")
        f.timeZone = TimeZone.current
        f.dateFormat = Calendar.current.isDate(date, inSameDayAs: now) ? "HH:mm" : "yyyy-MM-dd HH:mm"
        return f.string(from: date)
    }
}
