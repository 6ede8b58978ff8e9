import Booking
import Foundation
import HTTPTypes
import Hummingbird

/// The whole router: middleware, then the old API, /v1 and the service's own pages.
enum Routes {
    static func router(_ services: Services, corsOrigin: String?) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: MetricsMiddleware())
        if let corsOrigin {
            router.add(middleware: CORSMiddleware(
                allowOrigin: .custom(corsOrigin),
                allowHeaders: [.accept, .authorization, .contentType, .origin, Caller.holdTokenHeader, .idempotencyKey, EventRoutes.lastEventID],
                allowMethods: [.get, .post, .delete, .head, .options],
                exposedHeaders: ["Idempotent-Replayed", "WWW-Authenticate"],
                maxAge: .seconds(600)))
        }
        OldAPI.register(router, services)
        V1Routes.register(router, services)
        ServicePages.register(router, services)
        return router
    }
}

/// `/`, `/openapi.json`, `/healthz`, `/metrics`: what an operator and a client developer look at first.
enum ServicePages {
    static func register(_ router: Router<BasicRequestContext>, _ services: Services) {
        let openAPI: ByteBuffer = {
            guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources"),
                  let data = try? Data(contentsOf: url) else { return ByteBuffer(string: "{}") }
            return ByteBuffer(bytes: data)
        }()

        router.get("/") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: homePage)))
        }

        router.get("/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: openAPI))
        }

        router.get("/healthz") { _, _ in
            let (database, holds) = try await services.blocking { services.box.health() }
            let body = Health(status: database != nil ? "down" : holds != nil ? "degraded" : "ok",
                              database: database ?? "ok", redis: holds ?? "ok")
            return try JSONResponse.make(body, status: database == nil ? .ok : .serviceUnavailable)
        }

        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: services.registry.emitToBuffer())))
        }
    }

    /// The database is needed to sell (503 without it); Redis only for holds ("degraded": bookings still go through).
    struct Health: Encodable { var status: String, database: String, redis: String }

    static let homePage = """
    <!doctype html>
    <html lang="en"><head><meta charset="utf-8"><title>boxoffice</title></head>
    <body>
    <h1>boxoffice</h1>
    <p>The box office's HTTP API: the old service's <code>/theaters</code> endpoints and <code>/v1</code>.</p>
    <ul>
    <li><a href="/openapi.json">/openapi.json</a> — the OpenAPI 3.1 description of every endpoint</li>
    <li><a href="/v1/performances">/v1/performances</a> — what is on sale</li>
    <li><a href="/healthz">/healthz</a> — database and Redis state</li>
    <li><a href="/metrics">/metrics</a> — Prometheus metrics</li>
    </ul>
    </body></html>

    """
}
