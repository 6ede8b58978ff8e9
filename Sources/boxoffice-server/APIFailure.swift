import Booking
import Foundation
import HTTPTypes
import Hummingbird

/// An error answered over HTTP. The old API's shape is `{"message": …}`; /v1's is `{"error": {"kind": …, "message": …}}`.
/// The status comes from the kind of BookingError: the HTTP face of the exit codes, never the exit codes themselves.
struct APIFailure: HTTPResponseError {
    enum Style: Sendable { case old, v1 }

    var status: HTTPResponse.Status
    var kind: String
    var message: String
    var style: Style
    var headers: HTTPFields = [:]

    init(status: HTTPResponse.Status, kind: String, message: String, style: Style, headers: HTTPFields = [:]) {
        self.status = status
        self.kind = kind
        self.message = message
        self.style = style
        self.headers = headers
    }

    init(_ error: BookingError, style: Style) {
        let (status, kind) = Self.classify(error)
        self.init(status: status, kind: kind, message: error.description, style: style)
    }

    static func unauthorized(_ message: String, style: Style) -> APIFailure {
        APIFailure(status: .unauthorized, kind: "unauthorized", message: message, style: style,
                   headers: [.wwwAuthenticate: "Bearer realm=\"boxoffice\""])
    }

    static func badBody(_ message: String, style: Style) -> APIFailure {
        APIFailure(status: .unprocessableContent, kind: "invalid_body", message: message, style: style)
    }

    /// The one table from a booking failure to an HTTP status and a kind a program can switch on.
    static func classify(_ error: BookingError) -> (HTTPResponse.Status, String) {
        switch error {
        case .unknownTheater: (.notFound, "unknown_theater")
        case .unknownPerformance: (.notFound, "unknown_performance")
        case .unknownBooking: (.notFound, "unknown_booking")
        case .ambiguousTheater: (.unprocessableContent, "ambiguous_theater")
        case .unknownSeats: (.unprocessableContent, "unknown_seats")
        case .duplicateSeats: (.unprocessableContent, "duplicate_seats")
        case .noSeats: (.unprocessableContent, "no_seats")
        case .idempotencyKeyReused: (.unprocessableContent, "idempotency_key_reused")
        case .notHolder: (.unprocessableContent, "not_holder")
        case .invalidInput: (.unprocessableContent, "invalid_input")
        case .malformedFile: (.unprocessableContent, "malformed_file")
        case .performanceNotOnSale: (.conflict, "not_on_sale")
        case .choosePerformance: (.conflict, "several_performances")
        case .seatBlocked: (.conflict, "seat_blocked")
        case .notEnoughTogether: (.conflict, "not_enough_together")
        case .alreadyBooked: (.conflict, "already_booked")
        case .heldByOther: (.conflict, "held_by_other")
        case .holdLapsed: (.conflict, "hold_lapsed")
        case .holdsUnavailable: (.serviceUnavailable, "holds_unavailable")
        case .databaseUnavailable: (.serviceUnavailable, "database_unavailable")
        case .databaseBusy: (.serviceUnavailable, "database_busy")
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body: [String: Any] = switch style {
        case .old: ["message": message]
        case .v1: ["error": ["kind": kind, "message": message]]
        }
        var fields = headers
        fields[.contentType] = "application/json"
        if status == .serviceUnavailable { fields[.retryAfter] = "1" }
        let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Runs a route's body, answering a BookingError in the route's style.
func answering(_ style: APIFailure.Style, _ body: () async throws -> Response) async throws -> Response {
    do {
        return try await body()
    } catch let error as BookingError {
        throw APIFailure(error, style: style)
    }
}
