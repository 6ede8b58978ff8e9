/// The Lua scripts run in Redis for all-or-nothing holds, owner-only release, listing holds, holders and events
/// (`Sources/Booking/Scripts`, one file each). Their text is compiled in rather than shipped as resource files: finding
/// the package's resource bundle and reading five files cost every clerk's command about a millisecond, for scripts
/// Redis has almost always cached already. A script is called by its SHA-1 (EVALSHA); only when Redis
/// does not know it (NOSCRIPT: Redis restarted) is its text sent.
enum Script: String, CaseIterable, Sendable {
    case hold, release, holds, holders, notify
    /// The HTTP server's group commit: one lease and one settling per batch and performance (`BatchLease`).
    case leaseBatch = "lease_batch", settleBatch = "settle_batch"

    var source: String {
        switch self {
        case .hold: Self.holdSource
        case .release: Self.releaseSource
        case .holds: Self.holdsSource
        case .holders: Self.holdersSource
        case .notify: Self.notifySource
        case .leaseBatch: Self.leaseBatchSource
        case .settleBatch: Self.settleBatchSource
        }
    }

    /// The name Redis gives the script: the SHA-1 of its text, in lowercase hex. Written here rather than computed,
    /// so no command loads a hashing library at start-up; `ScriptTests` has Redis itself (SCRIPT LOAD) hash each
    /// text and fails, naming the new value, when a script changes and its name here does not.
    var sha: String {
        switch self {
        case .hold: "6dfd89f5e3eb4af0111cea4598f501a82832c4d6"
        case .release: "da9445a8b53274071d1c5ccbed3511eaafddbb13"
        case .holds: "8333cf5fafe99a8629fbf1a544afeee1172f5ec4"
        case .holders: "079923c923ef64230360ce5f00a763c325ae7c50"
        case .notify: "8709e990d6d543a097be3e8794e4d3f92ca02b46"
        case .leaseBatch: "55199804070c8dea1973deac749e887734a221d8"
        case .settleBatch: "b7e7ca914a0a525c0e100ff77193a288b153d25a"
        }
    }
}
