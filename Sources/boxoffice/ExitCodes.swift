import Booking

/// The command line's exit codes (README, "Exit codes"): the one place a failure's kind becomes a number.
extension BookingError.Kind {
    var exitCode: Int32 {
        switch self {
        case .badInput, .notFound: 1
        case .conflict: 2
        case .unavailable: 3
        }
    }
}
