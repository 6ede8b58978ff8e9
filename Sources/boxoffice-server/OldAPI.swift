import Booking
import Foundation
import HTTPTypes
import Hummingbird

/// The old web service's four endpoints, with its exact strings and statuses, sold from the theater's one performance
/// on sale. Its flaws are not kept: a reservation is a hold that expires, its holder can book it, and booking with an
/// `Idempotency-Key` replays the same 201.
enum OldAPI {
    static func register(_ router: Router<BasicRequestContext>, _ services: Services) {
        router.get("/theaters") { _, _ in
            try await answering(.old) {
                let theaters = try await services.blocking { try services.box.theaters() }
                return try JSONResponse.make(theaters.map { OldTheater(id: $0.id, name: $0.name) })
            }
        }

        router.get("/theaters/:theater/seats") { _, context in
            try await answering(.old) {
                let id = try await services.shownPerformances.performanceID(theater: context.parameters.get("theater"), services: services)
                return try await services.seatLists.response(performanceID: id, shape: .old, services: services)
            }
        }

        router.post("/theaters/:theater/reserve") { request, context in
            let caller = try await Caller.identify(request, need: .write, services: services, style: .old)
            let body = try await Body.decode(SeatNumberBody.self, from: request, services: services, style: .old, expected: "such as {\"seat_number\": \"A1\"}")
            return try await sell(context, services) { theater, performance in
                let outcome = try await services.blocking {
                    try caller.box.hold(performanceID: performance.id, labels: [body.seatNumber], maxHeld: caller.maxHeld)
                }
                services.seatLists.invalidate(performance.id)
                Telemetry.held(outcome)
                return OldMessage(message: "The \(outcome.labels[0]) is reserved in theater_id:\(theater.id).",
                                  expiresAt: Date().addingTimeInterval(Double(outcome.expiresInMs) / 1000)).response(status: .created)
            }
        }

        router.post("/theaters/:theater/book") { request, context in
            let caller = try await Caller.identify(request, need: .write, services: services, style: .old)
            let body = try await Body.decode(SeatNumberBody.self, from: request, services: services, style: .old, expected: "such as {\"seat_number\": \"A1\"}")
            let key = request.headers[.idempotencyKey]
            return try await sell(context, services) { theater, performance in
                // Awaited, as /v1's: the booking waits for its group commit's batch without holding a pool thread.
                let outcome = try await caller.box.book(performanceID: performance.id, labels: [body.seatNumber], idempotencyKey: key)
                services.seatLists.invalidate(performance.id)
                Telemetry.booked(outcome)
                return OldMessage(message: "The \(outcome.order.seats.map(\.label).joined(separator: ", ")) is booked in theater_id:\(theater.id).",
                                  bookingReference: outcome.order.reference)
                    .response(status: .created, headers: outcome.replay ? [.idempotentReplay: "true"] : [:])
            }
        }
    }

    /// Resolves the theater and its one performance on sale (on the pool: SQLite reads block), runs the sale, and answers
    /// failures as the old service did (a wrong seat is 400 with the seats still available, in its list format).
    private static func sell(_ context: BasicRequestContext, _ services: Services,
                             _ body: (Theater, Performance) async throws -> Response) async throws -> Response {
        do {
            let (theater, performance) = try await services.blocking { () throws -> (Theater, Performance) in
                let theater = try Self.theater(context.parameters.get("theater"), services)
                return (theater, try services.box.resolvePerformance(theater: theater, id: nil, purpose: .sell).performance)
            }
            do {
                return try await body(theater, performance)
            } catch BookingError.unknownSeats(_, let available, let total) {
                throw APIFailure(status: .badRequest, kind: "unknown_seats",
                                 message: wrongSeatMessage(available: available, total: total, theaterID: theater.id), style: .old)
            }
        } catch let error as BookingError {
            Telemetry.refused(error)
            throw APIFailure(error, style: .old)
        }
    }

    /// The old service's text, its list in Python's format: the first 20 seats and how many more.
    static func wrongSeatMessage(available: [String], total: Int, theaterID: Int64) -> String {
        let list = "[" + available.map { "'\($0)'" }.joined(separator: ", ") + "]"
        let more = total > available.count ? " and \(total - available.count) more" : ""
        return "Wrong seat number provided. Try these available seats:\(list)\(more) in theater id: \(theaterID)."
    }

    /// The theater of a path id; anything else (not a number, no such theater) is the old service's 404.
    static func theater(_ id: String?, _ services: Services) throws -> Theater {
        let all = try services.box.theaters()
        if let id = id.flatMap(Int64.init), let theater = all.first(where: { $0.id == id }) { return theater }
        let ids = all.map { String($0.id) }.joined(separator: ", ")
        throw APIFailure(status: .notFound, kind: "unknown_theater",
                         message: "Theater not found. Please use one of the ids from the list: [\(ids)].", style: .old)
    }

    struct OldTheater: Encodable { var id: Int64, name: String }

    /// The old service's `{"message": …}`, the message first as it wrote it, then what this service adds.
    struct OldMessage {
        var message: String
        var expiresAt: Date?
        var bookingReference: String?

        var text: String {
            var out = "{\"message\":" + JSONText.string(message).rendered()
            if let bookingReference { out += ",\"booking_reference\":" + JSONText.string(bookingReference).rendered() }
            if let expiresAt { out += ",\"expires_at\":" + JSONText.date(expiresAt).rendered() }
            return out + "}"
        }

        func response(status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
            JSONResponse.bytes(Array(text.utf8), status: status, headers: headers)
        }
    }

    struct SeatNumberBody: Decodable {
        var seatNumber: String
        enum CodingKeys: String, CodingKey { case seatNumber = "seat_number" }
    }
}

extension HTTPField.Name {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    /// Set on a 201 that replays an earlier booking with the same Idempotency-Key (nothing new was booked).
    static let idempotentReplay = HTTPField.Name("Idempotent-Replayed")!
}
