import CQRencode
import Foundation

/// A QR code as a square of modules (true = dark), made by libqrencode. Drawing it (half blocks, PDF) is
/// someone else's job; this is the one place that talks to the library, loaded on first use (see
/// Sources/CQRencode/module.modulemap), so a command that prints no ticket never loads it.
public struct QRCode: Sendable, Equatable {
    public let size: Int
    public let modules: [Bool]

    public init(size: Int, modules: [Bool]) {
        precondition(modules.count == size * size, "a QR code is square")
        self.size = size
        self.modules = modules
    }

    public subscript(x: Int, y: Int) -> Bool { modules[y * size + x] }

    /// Encodes `text` at error-correction level Q (a quarter of the code may be smudged or torn and still scan).
    /// A ticket code is ten upper-case alphanumerics, which libqrencode puts in alphanumeric mode: version 1,
    /// 21 × 21 modules.
    public static func encode(_ text: String) throws -> QRCode {
        let api = try QRencode.api.get()
        guard let qr = api.encodeString!(text, 0, QR_ECLEVEL_Q, QR_MODE_8, 1) else {
            throw QRCodeError.encodingFailed(text: text, errno: errno)
        }
        defer { api.free!(qr) }
        let size = Int(qr.pointee.width)
        // Bit 0 of each byte is the module's colour (1 = dark); the other bits describe its role.
        let modules = (0..<size * size).map { qr.pointee.data[$0] & 1 == 1 }
        return QRCode(size: size, modules: modules)
    }
}

public enum QRCodeError: Error, CustomStringConvertible {
    case encodingFailed(text: String, errno: Int32)
    /// libqrencode.so.4 could not be loaded (why: dlerror's text or the missing name).
    case unavailable(String)

    public var description: String {
        switch self {
        case .encodingFailed(let text, let code):
            return "The QR code for \(text.count) characters could not be made (\(String(cString: strerror(code))))."
        case .unavailable(let why):
            return "Tickets need libqrencode (Debian package libqrencode4): \(why)."
        }
    }
}

enum QRencode {
    /// Loaded once, on first use; Swift runs a global's initialiser exactly once, thread-safely.
    static let api: Result<bo_qrencode_api, QRCodeError> = {
        var api = bo_qrencode_api()
        if let failure = bo_qrencode_load(&api) { return .failure(.unavailable(String(cString: failure))) }
        return .success(api)
    }()
}
