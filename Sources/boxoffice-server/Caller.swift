import Booking
import Foundation
import HTTPTypes
import Hummingbird

/// Who is calling: `Authorization: Bearer <key>` acts as the clerk the key names; without one, reads are allowed and
/// writes refused (401) unless the server runs with --anonymous-writes. `X-Hold-Token` narrows whose holds are whose.
struct Caller: Sendable {
    let box: BoxOffice
    /// The most seats this caller may hold at once (only a hold token is limited).
    let maxHeld: Int?

    static let holdTokenHeader = HTTPField.Name("X-Hold-Token")!

    enum Need { case read, write }

    static func identify(_ request: Request, need: Need, services: Services, style: APIFailure.Style) async throws -> Caller {
        var name: String?
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                throw APIFailure.unauthorized("Authorization must be \"Bearer <API key>\".", style: style)
            }
            let key = String(parts[1]).trimmingCharacters(in: .whitespaces)
            // On this thread: one indexed read on the store's watcher connection, no hop to the blocking pool (which
            // cost a keyed request about 0.15 ms of CPU more than an anonymous one).
            name = try services.box.apiKeyName(forKey: key)
            if name == nil { throw APIFailure.unauthorized("The API key is unknown or revoked.", style: style) }
        } else if need == .write && !services.anonymousWrites {
            throw APIFailure.unauthorized("This needs an API key: send \"Authorization: Bearer <key>\" (`boxoffice apikey add <name>` makes one).",
                                          style: style)
        }
        let token = request.headers[holdTokenHeader]
        do {
            let clerk = try Clerk.webCaller(name: name ?? Clerk.anonymousName, holdToken: token)
            return Caller(box: services.box.acting(as: clerk), maxHeld: token == nil ? nil : services.maxHoldsPerToken)
        } catch let error as BookingError {
            throw APIFailure(error, style: style)
        }
    }
}
