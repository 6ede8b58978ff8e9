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

    static func tooLarge(style: Style) -> APIFailure {
        APIFailure(status: .contentTooLarge, kind: "body_too_large",
                   message: "The body is larger than 64 KB (\(Limits.bodyBytes) bytes).", style: style)
    }

    static func badBody(_ message: String, style: Style) -> APIFailure {
        APIFailure(status: .unprocessableContent, kind: "invalid_body", message: message, style: style)
    }

    /// From a booking failure to an HTTP status, by its kind (not found 404, bad input 422, conflict 409, unavailable
    /// 503), and a name a program can switch on. Bad input that is about the state of the house, not the request —
    /// several performances on sale, a blocked seat, no seats together, a performance no longer on sale — is 409:
    /// the same request may succeed another time.
    static func classify(_ error: BookingError) -> (HTTPResponse.Status, String) {
        let status: HTTPResponse.Status = switch error {
        case .choosePerformance, .seatBlocked, .notEnoughTogether, .performanceNotOnSale: .conflict
        default:
            switch error.kind {
            case .notFound: .notFound
            case .badInput: .unprocessableContent
            case .conflict: .conflict
            case .unavailable: .serviceUnavailable
            }
        }
        return (status, name(of: error))
    }

    /// The case's name in snake_case: `heldByOther` → `held_by_other`.
    static func name(of error: BookingError) -> String {
        let full: String = switch error {
        case .noSeats: "noSeats"
        case .databaseBusy: "databaseBusy"
        default: Mirror(reflecting: error).children.first?.label ?? "failure"  // every other case has a payload
        }
        var out = ""
        for ch in full {
            if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
        }
        return out
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        if status == .serviceUnavailable { fields[.retryAfter] = "1" }
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// The body, compact, keys in order: `{"message":…}` or `{"error":{"kind":…,"message":…}}`. Written with
    /// JSONText's strings, not JSONSerialization, whose dictionaries of Any were a tenth of the CPU of a request
    /// answered 404 (perf, 64 wrk connections) — the price of every conflict on a busy on-sale.
    var body: String {
        let message = JSONText.string(message).rendered()
        return switch style {
        case .old: "{\"message\":" + message + "}"
        case .v1: "{\"error\":{\"kind\":" + JSONText.string(kind).rendered() + ",\"message\":" + message + "}}"
        }
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
