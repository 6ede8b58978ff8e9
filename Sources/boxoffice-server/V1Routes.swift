import Booking
import Foundation
import HTTPTypes
import Hummingbird

/// `/v1`: performances, multi-seat holds, best available, bookings. JSON field names as the CLI's `--json`;
/// errors `{"error": {"kind": …, "message": …}}` with 404, 409, 422 or 503.
enum V1Routes {
    static func register(_ router: Router<BasicRequestContext>, _ services: Services) {
        let v1 = router.group("v1")

        v1.get("performances") { _, _ in
            try await answering(.v1) {
                let list = try await services.blocking { try services.box.performances() }
                return JSONResponse.text(.array(list.map(PerformanceJSON.json)))
            }
        }

        v1.get("performances/:performance/seats") { _, context in
            try await answering(.v1) {
                // An unknown performance is found out on the cache's miss (the snapshot throws): no read of its own.
                let id = try performanceID(context)
                return try await services.seatLists.response(performanceID: id, shape: .v1, services: services)
            }
        }

        v1.post("performances/:performance/holds") { request, context in
            let id = try performanceID(context)
            let caller = try await Caller.identify(request, need: .write, services: services, style: .v1)
            let body = try await Body.decode(SeatsBody.self, from: request, services: services, style: .v1, expected: "such as {\"seats\": [\"A1\", \"A2\"]}")
            return try await run(services) {
                let outcome = try caller.box.hold(performanceID: id, labels: body.seats, maxHeld: caller.maxHeld)
                services.seatLists.invalidate(id)
                Telemetry.held(outcome)
                return try JSONResponse.make(HeldJSON(outcome), status: .created)
            }
        }

        v1.delete("performances/:performance/holds") { request, context in
            let id = try performanceID(context)
            let caller = try await Caller.identify(request, need: .write, services: services, style: .v1)
            let body = try await Body.decode(SeatsBody.self, from: request, services: services, style: .v1, expected: "such as {\"seats\": [\"A1\", \"A2\"]}")
            return try await run(services) {
                try caller.box.release(performanceID: id, labels: body.seats)
                services.seatLists.invalidate(id)
                return Response(status: .noContent)
            }
        }

        v1.post("performances/:performance/best-available") { request, context in
            let id = try performanceID(context)
            let caller = try await Caller.identify(request, need: .write, services: services, style: .v1)
            let body = try await Body.decode(CountBody.self, from: request, services: services, style: .v1, expected: "such as {\"count\": 3}")
            return try await run(services) {
                let outcome = try caller.box.holdBestAvailable(performanceID: id, count: body.count, maxHeld: caller.maxHeld)
                services.seatLists.invalidate(id)
                Telemetry.held(outcome)
                return try JSONResponse.make(HeldJSON(outcome), status: .created)
            }
        }

        v1.post("performances/:performance/bookings") { request, context in
            let id = try performanceID(context)
            let caller = try await Caller.identify(request, need: .write, services: services, style: .v1)
            let body = try await Body.decode(BookingBody.self, from: request, services: services, style: .v1,
                                             expected: "such as {\"seats\": [\"A1\"], \"customer_name\": \"Ada Lovelace\"}")
            let key = request.headers[.idempotencyKey]
            // Awaited, not run on the thread pool: the booking is done whole on the group commit's writer thread.
            return try await counted {
                let outcome = try await caller.box.book(performanceID: id, labels: body.seats, customerName: body.customerName,
                                                        customerContact: body.customerContact, idempotencyKey: key,
                                                        terms: try body.saleTerms())
                services.seatLists.invalidate(id)
                Telemetry.booked(outcome)
                // JSONText, not JSONEncoder: the encoder was about 7 % of a booking's CPU (the same text, OrderJSONTests).
                return JSONResponse.text(OrderJSON(outcome.order, replay: nil).json, status: .created,
                                         headers: outcome.replay ? [.idempotentReplay: "true"] : [:])
            }
        }

        // Bookings carry customers' names and contacts: a caller needs a key (or an --anonymous-writes server).
        v1.get("bookings") { request, _ in
            let caller = try await Caller.identify(request, need: .write, services: services, style: .v1)
            guard let text = request.uri.queryParameters.get("q") else {
                throw APIFailure.badBody("Say what to find: /v1/bookings?q=<reference or customer name>.", style: .v1)
            }
            return try await run(services) {
                try JSONResponse.make(try caller.box.find(text).map { OrderJSON($0, replay: nil) })
            }
        }

        v1.get("bookings/:reference") { request, context in
            let caller = try await Caller.identify(request, need: .write, services: services, style: .v1)
            let reference = context.parameters.get("reference") ?? ""
            return try await run(services) {
                try JSONResponse.make(OrderJSON(try caller.box.order(reference: reference), replay: nil))
            }
        }

        v1.delete("bookings/:reference") { request, context in
            let caller = try await Caller.identify(request, need: .write, services: services, style: .v1)
            let reference = context.parameters.get("reference") ?? ""
            return try await run(services) {
                let outcome = try caller.box.cancel(reference: reference)
                // A mixed booking (tickets of several performances after an exchange) frees seats on each one's list.
                for id in Set(outcome.order.performanceIDs + [outcome.order.performanceID]) { services.seatLists.invalidate(id) }
                if !outcome.alreadyCancelled { Telemetry.cancellations.increment() }
                return try JSONResponse.make(OrderJSON(outcome.order, replay: nil))
            }
        }

        EventRoutes.register(v1, services)
    }

    /// A path id that is not a positive number is no performance at all: 404, as for an id that does not exist.
    static func performanceID(_ context: BasicRequestContext) throws -> Int64 {
        guard let text = context.parameters.get("performance"), let id = Int64(text), id > 0 else {
            throw APIFailure(status: .notFound, kind: "unknown_performance",
                             message: "There is no such performance. GET /v1/performances lists them.", style: .v1)
        }
        return id
    }

    private static func run(_ services: Services, _ body: @escaping @Sendable () throws -> Response) async throws -> Response {
        try await counted { try await services.blocking(body) }
    }

    /// A refusal counted for /metrics and answered in /v1's error shape.
    private static func counted(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let error as BookingError {
            Telemetry.refused(error)
            throw APIFailure(error, style: .v1)
        }
    }

    struct SeatsBody: Decodable { var seats: [String] }
    struct CountBody: Decodable { var count: Int }

    /// A booking: its seats and customer; each seat's ticket type where it is not Adult (`tickets`, named as in the
    /// CLI's `--json`); and, for a sale paid elsewhere (a web shop's payment provider), the `external` payment of the
    /// exact total in minor units with the provider's reference. Without `payment` the booking is unpaid, as `book`.
    struct BookingBody: Decodable {
        var seats: [String]
        var customerName: String?
        var customerContact: String?
        var tickets: [TicketBody]?
        var payment: PaymentBody?
        enum CodingKeys: String, CodingKey {
            case seats, tickets, payment, customerName = "customer_name", customerContact = "customer_contact"
        }

        struct TicketBody: Decodable {
            var seatNumber: String
            var type: String
            enum CodingKeys: String, CodingKey { case type, seatNumber = "seat_number" }
        }

        struct PaymentBody: Decodable {
            var method: String
            var amountCents: Int?
            var reference: String?
            enum CodingKeys: String, CodingKey { case method, reference, amountCents = "amount_cents" }
        }

        /// The sale's terms for the booking layer, which prices the tickets and checks that the payment is exact.
        func saleTerms() throws -> SaleTerms {
            var terms = SaleTerms(typeBySeat: (tickets ?? []).map { ($0.seatNumber.trimmingCharacters(in: .whitespaces).uppercased(), $0.type) })
            guard let payment else { return terms }
            guard (try? PaymentMethod.named(payment.method)) == .external else {
                throw BookingError.invalidInput("payment.method must be \"external\" (a payment taken by the web shop's provider); \"\(SafeText.display(payment.method, limit: 20))\" is taken at the box office.")
            }
            guard let amount = payment.amountCents else {
                throw BookingError.invalidInput("payment.amount_cents is needed: the exact amount paid, in minor units (pence, cents).")
            }
            guard (0...Money.maxCents).contains(amount) else {
                throw BookingError.invalidInput("payment.amount_cents must be 0 to \(Money.maxCents) minor units (it is \(amount)).")
            }
            guard let reference = try PaymentDetails.text(payment.reference, field: "payment reference") else {
                throw BookingError.invalidInput("payment.reference is needed: the payment provider's reference for this payment.")
            }
            terms.payments = [PaymentRequest(method: .external, amountCents: amount)]
            terms.details = PaymentDetails(reference: reference)
            return terms
        }
    }

    struct HeldJSON: Encodable {
        var seats: [String], expiresAt: Date, version: Int64
        init(_ outcome: BoxOffice.HoldOutcome) {
            seats = outcome.labels
            expiresAt = Date().addingTimeInterval(Double(outcome.expiresInMs) / 1000)
            version = outcome.version
        }
    }
}
