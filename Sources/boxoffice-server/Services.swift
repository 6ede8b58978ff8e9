import Booking
import Foundation
import Hummingbird
import Logging
import NIOPosix
import Prometheus

/// What every route needs: the façade, the thread pool its blocking calls run on, the event hub and the caches.
struct Services: Sendable {
    let box: BoxOffice
    let threads: NIOThreadPool
    let anonymousWrites: Bool
    /// Seconds a connection may stay silent, and a request body may take to arrive (--request-timeout).
    let requestTimeout: Int
    let maxHoldsPerToken: Int
    let registry: PrometheusCollectorRegistry
    let logger: Logger
    let events: EventHub
    let seatLists: SeatListCache
    let shownPerformances: ShownPerformanceCache

    init(box: BoxOffice, threads: NIOThreadPool, anonymousWrites: Bool, requestTimeout: Int, maxHoldsPerToken: Int,
         registry: PrometheusCollectorRegistry, logger: Logger) {
        self.box = box
        self.threads = threads
        self.anonymousWrites = anonymousWrites
        self.requestTimeout = requestTimeout
        self.maxHoldsPerToken = maxHoldsPerToken
        self.registry = registry
        self.logger = logger
        events = EventHub(box: box, logger: logger)
        seatLists = SeatListCache()
        shownPerformances = ShownPerformanceCache()
    }

    /// Runs a blocking façade call on the thread pool.
    func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await threads.runIfActive(body)
    }
}
