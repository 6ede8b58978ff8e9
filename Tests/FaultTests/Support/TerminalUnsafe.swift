import Foundation

/// Bytes a terminal would act on: C0 controls other than newline and tab, DEL, C1, and bidi/zero-width scalars.
func terminalUnsafe(_ bytes: [UInt8]) -> Bool {
    if bytes.contains(where: { ($0 < 0x20 && $0 != 0x0A && $0 != 0x09) || $0 == 0x7F }) { return true }
    let text = String(decoding: bytes, as: UTF8.self)
    return text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) || (0x200B...0x200F).contains($0.value)
        || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }
}
