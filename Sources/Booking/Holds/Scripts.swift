/// The Lua scripts run in Redis for all-or-nothing holds, owner-only release, listing holds, holders and events
/// (`Sources/Booking/Scripts`, one file each). Their text is compiled in rather than shipped as resource files: finding
/// the package's resource bundle and reading five files cost every clerk's command about a millisecond.
enum Script: String, CaseIterable, Sendable {
    case hold, release, holds, holders, notify

    var source: String {
        switch self {
        case .hold: Self.holdSource
        case .release: Self.releaseSource
        case .holds: Self.holdsSource
        case .holders: Self.holdersSource
        case .notify: Self.notifySource
        }
    }
}
