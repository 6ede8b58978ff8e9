import Booking
import Foundation
import HTTPTypes
import Hummingbird
import ServiceLifecycle

/// `GET /v1/performances/{id}/events`: Server-Sent Events — `hold`, `release`, `expire`, `book`, `cancel` (and `block`,
/// `unblock`), each with its seats and the performance's version as its `id:`. A client reconnecting with
/// `Last-Event-ID` gets a `resync` event when it missed anything (then it re-reads the seats).
enum EventRoutes {
    static let lastEventID = HTTPField.Name("Last-Event-ID")!

    static func register(_ v1: RouterGroup<BasicRequestContext>, _ services: Services) {
        v1.get("performances/:performance/events") { request, context in
            let id = try V1Routes.performanceID(context)
            _ = try await answering(.v1) {
                _ = try await services.blocking { try services.box.performance(id: id) }
                return Response(status: .ok)
            }
            // An id this server never sent (not a version number) cannot say what the client has seen: -1 matches no
            // version, so it gets a resync rather than nothing.
            let since = request.headers[lastEventID].map { Int64($0.trimmingCharacters(in: .whitespaces)) ?? -1 }
            let (listenerID, listener) = services.events.listen(performanceID: id)
            var headers: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-cache"]
            headers[HTTPField.Name("X-Accel-Buffering")!] = "no"
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: ": boxoffice events of performance \(id)\nretry: 1000\n\n"))
                // SIGTERM: the server waits for requests in flight, and a stream is one until it ends: end it.
                try await withGracefulShutdownHandler {
                    // Each ring: everything waiting, in one write. A client too slow for its backlog finds a resync
                    // in place of what it missed (the listener's backlog drops it rather than growing without bound).
                    for await _ in listener.doorbell {
                        let text = listener.take().compactMap { frame($0, since: since) }.joined()
                        if !text.isEmpty { try await writer.write(ByteBuffer(string: text)) }
                    }
                } onGracefulShutdown: {
                    services.events.end(listener: listenerID, performanceID: id)
                }
                try await writer.finish(nil)
            })
        }
    }

    /// One message as SSE text (nil: nothing to send).
    static func frame(_ message: HubMessage, since: Int64?) -> String? {
        switch message {
        case .ready(let version):
            // A comment (clients ignore it) saying the stream is live from this version on; a resync when the
            // client's Last-Event-ID says it missed something.
            let ready = ": ready at version \(version)\n\n"
            guard let since, since != version else { return ready }
            return ready + "event: resync\nid: \(version)\ndata: {\"version\":\(version)}\n\n"
        case .resync(let version):
            return "event: resync\nid: \(version)\ndata: {\"version\":\(version)}\n\n"
        case .event(let name, let version, let json):
            return "event: \(name)\nid: \(version)\ndata: \(json)\n\n"
        case .heartbeat:
            return ": keep-alive\n\n"
        }
    }
}
