import Booking

/// Tickets as a PDF: one per A6 page (105 × 148 mm), the show at the top, the seat large, the details, and the
/// code as a QR code with the code printed under it.
public enum PDFTicket {
    /// A6 in points (1/72 inch).
    public static let pageWidth = 105 / 25.4 * 72
    public static let pageHeight = 148 / 25.4 * 72
    /// One module of the QR code: 6 pt (2.1 mm), a whole number so modules meet without seams, far above the
    /// 0.25 mm a phone or door scanner needs.
    static let module = 6.0

    public static func render(_ tickets: [PrintableTicket], title: String) throws -> [UInt8] {
        let canvas = try PDFCanvas(width: pageWidth, height: pageHeight, title: title)
        for (i, ticket) in tickets.enumerated() {
            if i > 0 { canvas.nextPage() }
            try draw(ticket, on: canvas)
        }
        return try canvas.finish()
    }

    private static func draw(_ t: PrintableTicket, on canvas: PDFCanvas) throws {
        let centre = pageWidth / 2
        let margin = 22.0
        let usable = pageWidth - 2 * margin

        canvas.setGrey(0.35)
        canvas.text(safe(t.venue), x: centre, y: 38, size: 11, alignment: .centre)
        canvas.setGrey(0)
        let title = safe(t.title)
        canvas.text(title, x: centre, y: 64, size: fittingSize(title, start: 20, width: usable, on: canvas),
                    weight: .bold, alignment: .centre)
        canvas.text(Format.startTime(t.startsAt), x: centre, y: 84, size: 12, alignment: .centre)
        canvas.line(fromX: margin, y: 96, toX: pageWidth - margin, y: 96, width: 0.6)

        canvas.text("Seat \(safe(t.seat))", x: centre, y: 130, size: 26, weight: .bold, alignment: .centre)
        var y = 150.0
        if let section = t.section {
            canvas.text(safe(section), x: centre, y: y, size: 11, alignment: .centre)
            y += 8
        }
        for (label, value) in t.details where label != "Seat" {
            y += 16
            canvas.setGrey(0.35)
            canvas.text(label, x: margin, y: y, size: 10)
            canvas.setGrey(0)
            let shown = safe(value)
            canvas.text(shown, x: margin + 62, y: y, size: fittingSize(shown, start: 11, width: usable - 62, on: canvas))
        }

        let qr = try QRCode.encode(t.code.value)
        let side = Double(qr.size) * module
        let left = (centre - side / 2).rounded()
        let top = 258.0
        for my in 0..<qr.size {
            for mx in 0..<qr.size where qr[mx, my] {
                canvas.fillRectangle(x: left + Double(mx) * module, y: top + Double(my) * module, width: module, height: module)
            }
        }
        canvas.text(t.code.grouped, x: centre, y: top + side + 22, size: 15, weight: .bold, alignment: .centre)
    }

    private static func safe(_ s: String) -> String { SafeText.display(s, limit: 80) }

    /// The largest size, from `start` down to 7 pt, at which `text` fits `width`.
    private static func fittingSize(_ text: String, start: Double, width: Double, on canvas: PDFCanvas) -> Double {
        var size = start
        while size > 7, canvas.textWidth(text, size: size) > width { size -= 1 }
        return size
    }
}
