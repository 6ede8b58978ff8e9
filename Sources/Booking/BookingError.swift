import Foundation

/// Every way a booking operation can fail, each with a message in plain words for a clerk and a `kind` that says
/// what sort of failure it is. Callers decide by the kind (the command line maps it to an exit code, a server would
/// map it to a status), never by the message.
public enum BookingError: Error, Sendable, Equatable {
    // Not found
    case unknownTheater(String)
    case unknownPerformance(Int64)
    case unknownBooking(String)
    // Bad input
    case ambiguousTheater(String, matches: [Theater])
    case performanceNotOnSale(Performance)
    case choosePerformance(theater: String, candidates: [Performance])
    case unknownSeats([String], available: [String], availableTotal: Int)
    case duplicateSeats([String])
    case noSeats
    case idempotencyKeyReused(key: String, reference: String)
    case notHolder(labels: [String])
    case invalidInput(String)
    case malformedFile(file: String, entry: String?, problem: String)
    case seatBlocked(label: String, reason: String)
    case notEnoughTogether(count: Int, performance: Int64)
    /// A plan file with problems, each at its place (file:line:field, or a JSON path).
    case invalidPlan(PlanError)
    // Conflict
    case alreadyBooked(label: String, reference: String, at: Date)
    case heldByOther(label: String, clerk: String, expiresInMs: Int)
    case holdLapsed(labels: [String])
    /// A plan would remove seats that bookings of performances not yet ended still have.
    case planRemovesBookedSeats([BookedSeatInTheWay])
    /// The seat is held back for a code, and the booking did not name it.
    case heldBack(label: String, code: String)
    // Service unavailable
    case holdsUnavailable(String)
    case databaseUnavailable(String)
    case databaseBusy
    /// This Unix user may not use the database (not in its group): one sentence saying who can fix it.
    case accessDenied(String)

    public enum Kind: String, Sendable, Hashable {
        /// The request itself is wrong (a malformed value, a seat named twice, a key reused): asking again the same
        /// way fails again.
        case badInput
        /// The theater, performance or booking named does not exist.
        case notFound
        /// Another clerk got there first (the seat is booked or held) or a hold ran out: the state changed under us.
        case conflict
        /// Redis or the database cannot be used right now; nothing was changed.
        case unavailable
    }

    public var kind: Kind {
        switch self {
        case .unknownTheater, .unknownPerformance, .unknownBooking:
            .notFound
        case .ambiguousTheater, .performanceNotOnSale, .choosePerformance, .unknownSeats, .duplicateSeats, .noSeats,
             .idempotencyKeyReused, .notHolder, .invalidInput, .malformedFile, .invalidPlan, .seatBlocked, .notEnoughTogether:
            .badInput
        case .alreadyBooked, .heldByOther, .holdLapsed, .planRemovesBookedSeats, .heldBack:
            .conflict
        case .holdsUnavailable, .databaseUnavailable, .databaseBusy, .accessDenied:
            .unavailable
        }
    }
}

extension BookingError: LocalizedError, CustomStringConvertible {
    public var errorDescription: String? { description }

    public var description: String {
        switch self {
        case .unknownTheater(let name):
            return "No theater is called \(quoted(name)). `boxoffice theaters` lists them."
        case .ambiguousTheater(let name, let matches):
            let list = matches.map { "\($0.id) \($0.name)" }.joined(separator: ", ")
            return "\(quoted(name)) matches several theaters: \(list). Give the number or the full name."
        case .unknownPerformance(let id):
            return "There is no performance \(id). `boxoffice performances` lists them."
        case .performanceNotOnSale(let p):
            return "Performance \(p.id) (\(p.title)) is no longer on sale."
        case .choosePerformance(let theater, let candidates):
            let list = candidates.map { "  --performance \($0.id)  \($0.title)  \(Format.startTime($0.startsAt))" }
                .joined(separator: "\n")
            return "\(theater) has several performances on sale; say which one:\n\(list)"
        case .unknownSeats(let labels, let available, let total):
            let which = labels.map(quoted).joined(separator: ", ")
            let seatWord = labels.count == 1 ? "There is no seat" : "There are no seats"
            if total == 0 { return "\(seatWord) \(which) here, and no seats are still available." }
            let more = total > available.count ? " and \(total - available.count) more" : ""
            return "\(seatWord) \(which) here. Seats still available: \(available.joined(separator: ", "))\(more)."
        case .duplicateSeats(let labels):
            return "Seat \(labels.joined(separator: ", ")) is named more than once."
        case .noSeats:
            return "Name at least one seat."
        case .unknownBooking(let ref):
            return "No booking has the reference \(quoted(ref))."
        case .idempotencyKeyReused(let key, let ref):
            return "The key \(quoted(key)) was already used for booking \(ref) for other seats or ticket types; use a new key for a new booking."
        case .notHolder(let labels):
            return "You do not hold \(labels.joined(separator: ", ")), so there is nothing to release."
        case .invalidInput(let why):
            return why
        case .malformedFile(let file, let entry, let problem):
            let at = entry.map { ", \($0)" } ?? ""
            return "\(file)\(at): \(Self.sentence(problem)) Nothing was imported."
        case .seatBlocked(let label, let reason):
            return "Seat \(label) is blocked (\(reason)) and cannot be sold."
        case .notEnoughTogether(let count, _):
            return "There are no \(count) free seats together in one row."
        case .invalidPlan(let error):
            return "\(error.description)\n\(error.problems.count == 1 ? "1 problem" : "\(error.problems.count) problems"); nothing was changed."
        case .heldBack(let label, let code):
            return "Seat \(label) is held back for \(quoted(code)); sell it only by naming that code (--holdback-code \(quoted(code)))."
        case .planRemovesBookedSeats(let seats):
            let list = seats.prefix(20).map { "  seat \($0.label): booking \($0.reference), performance \($0.performanceID) (\(SafeText.display($0.title, limit: 40)), \(Format.startTime($0.startsAt)))" }
            let more = seats.count > 20 ? "\n  and \(seats.count - 20) more" : ""
            return "The plan removes seats that bookings still have; nothing was changed. Cancel or move these bookings first, or keep the seats:\n\(list.joined(separator: "\n"))\(more)"
        case .alreadyBooked(let label, let ref, let at):
            return "Seat \(label) is already booked (booking \(ref), \(Format.timestamp(at)))."
        case .heldByOther(let label, let clerk, let ms):
            return "Seat \(label) is held by \(clerk) for another \(Format.duration(ms: ms))."
        case .holdLapsed(let labels):
            return "The hold on \(labels.joined(separator: ", ")) ran out before the booking was saved; nothing was booked. Try again."
        case .holdsUnavailable(let why):
            return "Holds are offline: Redis cannot be reached (\(why)). Seats can still be booked, but not held."
        case .databaseUnavailable(let why):
            return "The booking database cannot be used: \(why)"
        case .databaseBusy:
            return "The booking database stayed busy for too long; nothing was changed. Try again in a moment."
        case .accessDenied(let sentence):
            return sentence
        }
    }

    private func quoted(_ s: String) -> String { "\"\(SafeText.display(s, limit: 40))\"" }

    /// A clause as a sentence: one full stop at its end, whether or not it came with one ("..", seen, no more).
    static func sentence(_ clause: String) -> String {
        let trimmed = clause.trimmingCharacters(in: .whitespaces)
        guard let last = trimmed.last else { return "" }
        return ".!?".contains(last) ? trimmed : trimmed + "."
    }

}
