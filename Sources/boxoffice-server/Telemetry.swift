import Booking
import Metrics

/// The box office's own counters for /metrics, beside the HTTP ones (requests and latencies by route and status)
/// that Hummingbird's MetricsMiddleware records.
enum Telemetry {
    static let bookings = Counter(label: "boxoffice_bookings_total")
    static let bookedSeats = Counter(label: "boxoffice_booked_seats_total")
    static let replays = Counter(label: "boxoffice_booking_replays_total")
    static let holds = Counter(label: "boxoffice_holds_total")
    static let cancellations = Counter(label: "boxoffice_cancellations_total")

    static func booked(_ outcome: BoxOffice.BookingOutcome) {
        if outcome.replay { replays.increment(); return }
        bookings.increment()
        bookedSeats.increment(by: outcome.order.seats.count)
    }

    static func held(_ outcome: BoxOffice.HoldOutcome) { holds.increment(by: outcome.labels.count) }

    /// Conflicts (409) and unavailability (503) by kind: what a dashboard watches on a busy night.
    static func refused(_ error: BookingError) {
        let (status, kind) = APIFailure.classify(error)
        guard status == .conflict || status == .serviceUnavailable else { return }
        Counter(label: status == .conflict ? "boxoffice_conflicts_total" : "boxoffice_unavailable_total",
                dimensions: [("kind", kind)]).increment()
    }
}
