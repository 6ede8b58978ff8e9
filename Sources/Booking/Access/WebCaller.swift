import Foundation

extension Clerk {
    /// The name the HTTP server's callers without an API key act as (with `--anonymous-writes`).
    public static let anonymousName = "anonymous"

    /// A caller of the HTTP server: the clerk `name` (its API key's, or the anonymous one). With an `X-Hold-Token`
    /// (a web shop's customer session) its holds belong to that token alone: two customers of one shop never share
    /// holds, though both book as the shop's clerk. The token is kept only as a hash prefix in Redis.
    public static func webCaller(name: String, holdToken: String?) throws -> Clerk {
        var holder: String?
        if let token = holdToken {
            guard (1...128).contains(token.utf8.count), token.unicodeScalars.allSatisfy({ (33...126).contains($0.value) }) else {
                throw BookingError.invalidInput("X-Hold-Token must be 1 to 128 visible ASCII characters (no spaces or control characters).")
            }
            holder = name + "/" + APIKey.digest(token).prefix(12)
        }
        return Clerk(name: name, unixUser: unixUserName(), session: "http:" + (holder ?? name), holder: holder)
    }
}
