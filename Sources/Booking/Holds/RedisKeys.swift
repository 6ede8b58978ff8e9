/// The key layout of one performance, under a namespace (`bo` unless several box offices share one Redis). All keys share the hash tag `{perf:N}`, so on a Redis Cluster
/// they live in one slot and the scripts may touch them together.
struct RedisKeys: Sendable {
    let base: String

    init(namespace: String, performanceID: Int64) {
        base = "\(namespace):{perf:\(performanceID)}"
    }

    var version: String { base + ":ver" }
    var index: String { base + ":holds" }
    var audit: String { base + ":audit" }
    var channel: String { base + ":events" }
    var holdPrefix: String { base + ":hold:" }
    func hold(_ label: String) -> String { holdPrefix + label }
}

extension RedisKeys {
    /// The set of one holder's hold keys across every performance (a web customer's token, capped by
    /// `--max-holds-per-token`): hold.lua counts the holder's seats from it. Outside every performance's hash slot.
    static func holderSeats(namespace: String, holder: String) -> String {
        "\(namespace):{holder:\(holder)}:holds"
    }
}
