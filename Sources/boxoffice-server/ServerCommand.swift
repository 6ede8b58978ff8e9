import ArgumentParser
import Booking
import Foundation
import Hummingbird
import Logging
import Metrics
import NIOCore
import NIOPosix
import Prometheus

/// boxoffice-server: the old web service's API and /v1 over HTTP, on the same BoxOffice façade as the CLI.
@main
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boxoffice-server",
        abstract: "Serve the old web service's API (and /v1) over HTTP from the box office's database and Redis.",
        discussion: """
        Reads the same environment as `boxoffice` (BOXOFFICE_DB, REDIS_URL, REDIS_PASSWORD_FILE, RESERVATION_TIMEOUT,
        BOXOFFICE_REDIS_PREFIX, BOXOFFICE_LOG_LEVEL). Callers present `Authorization: Bearer <key>` (keys from
        `boxoffice apikey add <name>`); without a key, reads are allowed and writes refused unless --anonymous-writes.
        SIGTERM stops accepting connections, finishes the requests in flight and exits 0.
        """)

    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on (0: any free port, printed at start).") var port = 8000
    @Flag(help: "Let callers without an API key hold and book (the old service's behaviour), as one anonymous clerk or their X-Hold-Token.")
    var anonymousWrites = false
    @Option(help: "The most seats one X-Hold-Token may hold at a time, across all performances.") var maxHoldsPerToken = 10
    @Option(help: "Connections to Redis for holds, used at once by the requests in flight.") var redisConnections = 8
    @Option(help: "Seconds a connection may stay silent, and a request body may take to arrive, before the server gives up on it.")
    var requestTimeout = 10
    @Option(help: "Allow browsers on this origin (e.g. https://shop.example) to call the API (CORS); off when not given.")
    var corsOrigin: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535 (it is \(port)).") }
        guard (1...3600).contains(requestTimeout) else { throw ValidationError("--request-timeout must be 1 to 3600 seconds.") }
        guard (1...64).contains(redisConnections) else { throw ValidationError("--redis-connections must be 1 to 64.") }
        guard maxHoldsPerToken >= 1 else { throw ValidationError("--max-holds-per-token must be at least 1.") }
        if let corsOrigin, corsOrigin.isEmpty || corsOrigin.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 32 } ?? false }) {
            throw ValidationError("--cors-origin must be one origin such as https://shop.example.")
        }
    }

    func run() async throws {
        let level = ProcessInfo.processInfo.environment["BOXOFFICE_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in ServerLogHandler(label: label, level: level) }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = Logger(label: "boxoffice-server")

        let box: BoxOffice
        do {
            let settings = try Settings.fromEnvironment()
            box = try BoxOffice(settings: settings, clerk: Clerk(name: "boxoffice-server", unixUser: Clerk.unixUserName(),
                                                                session: "http:\(getpid())"),
                                groupCommit: true, redisConnections: redisConnections, logger: logger)
        } catch let error as BookingError {
            FileHandle.standardError.write(Data("boxoffice-server: \(error.description)\n".utf8))
            throw ExitCode(error.kind == .unavailable ? 3 : 1)
        }
        // Every façade call blocks (SQLite, hiredis): it runs here, never on the event loops. A booking (`/v1` and the
        // old API's) awaits its group commit's batch without a thread of its own, so these threads no longer bound how
        // many bookings share a batch.
        let threads = NIOThreadPool(numberOfThreads: 64)
        threads.start()
        let services = Services(box: box, threads: threads, anonymousWrites: anonymousWrites, requestTimeout: requestTimeout,
                                maxHoldsPerToken: maxHoldsPerToken, registry: registry, logger: logger)
        let app = Application(
            router: Routes.router(services, corsOrigin: corsOrigin),
            server: .http1(configuration: .init(additionalChannelHandlers: [BodyDeadline(seconds: requestTimeout)],
                                                idleTimeout: .seconds(Int64(requestTimeout)),
                                                httpDecoderConfiguration: .init(maxHeaderFieldSize: 8 * 1024, maxHeaderListSize: 32 * 1024,
                                                                                maxHeaderFieldCount: 100))),
            configuration: .init(address: .hostname(host, port: port), serverName: "boxoffice"),
            services: [services.events],
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                FileHandle.standardError.write(Data("boxoffice-server: listening on http://\(host):\(bound)\n".utf8))
            },
            logger: logger
        )
        try await app.runService()
        try await threads.shutdownGracefully()
        FileHandle.standardError.write(Data("boxoffice-server: stopped\n".utf8))
    }
}

/// Limits that keep bad input from hurting the server.
enum Limits {
    /// The largest request body read (a seat list of a full house fits many times over); larger is 413.
    static let bodyBytes = 64 * 1024
}
