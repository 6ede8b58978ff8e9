import CLibcrypto
import Foundation

/// A caller of the HTTP server: `Authorization: Bearer <key>` acts as the clerk `name`.
public struct APIKey: Sendable, Hashable, Codable {
    public var name: String
    public var createdAt: Date
    public var createdBy: String
    public var revokedAt: Date?

    public init(name: String, createdAt: Date, createdBy: String, revokedAt: Date?) {
        self.name = name
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.revokedAt = revokedAt
    }

    /// A new key: 32 random bytes from the system's cryptographic generator, as 64 hex digits after a `bo_` prefix
    /// (so a key pasted into the wrong place is recognisable).
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return "bo_" + hex(bytes)
    }

    /// What the database keeps of a key: its SHA-256, in hex.
    static func digest(_ key: String) -> String {
        var out = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        let bytes = Array(key.utf8)
        let sha256 = sha256Function
        bytes.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                _ = sha256(input.baseAddress, input.count, output.baseAddress)
            }
        }
        return hex(out)
    }

    /// libcrypto's SHA256, loaded on the first API key a process meets (Sources/CLibcrypto says why it is not linked).
    /// The package depends on libssl3, which holds it: without it the installation is broken, as a missing linked
    /// library was before (then no command started at all); now only what uses API keys stops, saying what is missing.
    // A C function pointer, set once (a `static let` is initialised once, thread-safely) and never changed.
    nonisolated(unsafe) private static let sha256Function: bo_sha256_fn = {
        var why: UnsafePointer<CChar>?
        guard let f = bo_crypto_load_sha256(&why) else {
            fatalError("API keys need OpenSSL's libcrypto.so.3 (Debian package libssl3): \(why.map { String(cString: $0) } ?? "not found")")
        }
        return f
    }()

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(bytes.count * 2)
        for b in bytes { text.append(digits[Int(b >> 4)]); text.append(digits[Int(b & 15)]) }
        return text
    }
}
