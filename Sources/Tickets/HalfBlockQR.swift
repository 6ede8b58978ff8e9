/// A QR code drawn with half blocks: one column per module, two modules per line (▀ top dark, ▄ bottom dark,
/// █ both), with the quiet zone of blank modules scanners need around it. Ink is dark: on paper (a receipt
/// printer) and on a light terminal the code reads as printed.
public enum HalfBlockQR {
    /// The quiet zone the QR standard asks for, in modules.
    public static let quietZone = 4

    public static func lines(_ qr: QRCode, quietZone: Int = quietZone) -> [String] {
        let side = qr.size + 2 * quietZone
        func dark(_ x: Int, _ y: Int) -> Bool {
            let (mx, my) = (x - quietZone, y - quietZone)
            return mx >= 0 && my >= 0 && mx < qr.size && my < qr.size && qr[mx, my]
        }
        return stride(from: 0, to: side, by: 2).map { y in
            String((0..<side).map { x -> Character in
                switch (dark(x, y), dark(x, y + 1)) {
                case (true, true): "█"
                case (true, false): "▀"
                case (false, true): "▄"
                case (false, false): " "
                }
            })
        }
    }
}
