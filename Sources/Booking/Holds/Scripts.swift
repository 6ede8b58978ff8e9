import CLibcrypto

/// The Lua scripts run in Redis for all-or-nothing holds, owner-only release, listing holds, holders and events
/// (`Sources/Booking/Scripts`, one file each). Their text is compiled in rather than shipped as resource files: finding
/// the package's resource bundle and reading five files cost every clerk's command about a millisecond, for scripts
/// Redis has almost always cached already. A script is called by its SHA-1 (EVALSHA), computed here; only when Redis
/// does not know it (NOSCRIPT: Redis restarted) is its text sent.
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

    /// The name Redis gives the script: the SHA-1 of its text, in lowercase hex.
    var sha: String {
        switch self {
        case .hold: Self.shas.hold
        case .release: Self.shas.release
        case .holds: Self.shas.holds
        case .holders: Self.shas.holders
        case .notify: Self.shas.notify
        }
    }

    private static let shas = (hold: sha1(holdSource), release: sha1(releaseSource), holds: sha1(holdsSource),
                               holders: sha1(holdersSource), notify: sha1(notifySource))

    /// libcrypto's own SHA-1 (the low-level calls: the one-shot `SHA1()` of OpenSSL 3 loads its providers first).
    static func sha1(_ text: String) -> String {
        var context = SHA_CTX()
        var digest = [UInt8](repeating: 0, count: Int(SHA_DIGEST_LENGTH))
        SHA1_Init(&context)
        var bytes = text
        bytes.withUTF8 { _ = SHA1_Update(&context, $0.baseAddress, $0.count) }
        SHA1_Final(&digest, &context)
        let hex = Array("0123456789abcdef".utf8)
        return String(decoding: digest.flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 0xF)]] }, as: UTF8.self)
    }
}
