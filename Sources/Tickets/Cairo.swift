import CCairo
import Foundation

/// The one home of cairo calls: a PDF made in memory, page by page, with the few drawing operations a ticket
/// needs. libcairo is loaded on first use (see Sources/CCairo/module.modulemap), so a process that never prints
/// never loads it.
public final class PDFCanvas {
    public enum Weight { case normal, bold }
    public enum Alignment { case left, centre, right }

    private let api: bo_cairo_api
    private let sink: Sink
    private let surface: OpaquePointer
    private let cr: OpaquePointer
    private var finished = false

    /// A document whose pages are `width` × `height` points (1/72 inch).
    public init(width: Double, height: Double, title: String) throws {
        api = try Cairo.api.get()
        sink = Sink()
        guard let surface = api.cairo_pdf_surface_create_for_stream!(
            { closure, data, length in
                let sink = Unmanaged<Sink>.fromOpaque(closure!).takeUnretainedValue()
                sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(sink).toOpaque(), width, height)
        else { throw CairoError.failed("no PDF surface") }
        self.surface = surface
        guard let cr = api.cairo_create!(surface) else {
            api.cairo_surface_destroy!(surface)
            throw CairoError.failed("no drawing context")
        }
        self.cr = cr
        api.cairo_pdf_surface_set_metadata!(surface, CAIRO_PDF_METADATA_TITLE, title)
        api.cairo_pdf_surface_set_metadata!(surface, CAIRO_PDF_METADATA_CREATOR, "boxoffice")
        try check()
    }

    deinit {
        api.cairo_destroy!(cr)
        api.cairo_surface_destroy!(surface)
    }

    public func setGrey(_ level: Double) { api.cairo_set_source_rgb!(cr, level, level, level) }

    public func fillRectangle(x: Double, y: Double, width: Double, height: Double) {
        api.cairo_rectangle!(cr, x, y, width, height)
        api.cairo_fill!(cr)
    }

    /// A straight line; `dashed` for the tear-off line.
    public func line(fromX x0: Double, y y0: Double, toX x1: Double, y y1: Double, width: Double, dashed: Bool = false) {
        api.cairo_set_line_width!(cr, width)
        var dashes = [3.0, 3.0]
        api.cairo_set_dash!(cr, &dashes, dashed ? 2 : 0, 0)
        api.cairo_move_to!(cr, x0, y0)
        api.cairo_line_to!(cr, x1, y1)
        api.cairo_stroke!(cr)
    }

    /// Text on a baseline at `y`, placed by `alignment` relative to `x`.
    public func text(_ string: String, x: Double, y: Double, size: Double, weight: Weight = .normal,
                     alignment: Alignment = .left) {
        api.cairo_select_font_face!(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                                    weight == .bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        api.cairo_set_font_size!(cr, size)
        var extents = cairo_text_extents_t()
        api.cairo_text_extents!(cr, string, &extents)
        let left = switch alignment {
        case .left: x
        case .centre: x - extents.x_advance / 2
        case .right: x - extents.x_advance
        }
        api.cairo_move_to!(cr, left, y)
        api.cairo_show_text!(cr, string)
    }

    /// The width `string` takes at `size`, for fitting long titles.
    public func textWidth(_ string: String, size: Double, weight: Weight = .normal) -> Double {
        api.cairo_select_font_face!(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                                    weight == .bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        api.cairo_set_font_size!(cr, size)
        var extents = cairo_text_extents_t()
        api.cairo_text_extents!(cr, string, &extents)
        return extents.x_advance
    }

    public func nextPage() { api.cairo_show_page!(cr) }

    /// Ends the document and returns the PDF's bytes.
    public func finish() throws -> [UInt8] {
        precondition(!finished, "a PDF is finished once")
        finished = true
        api.cairo_show_page!(cr)
        try check()
        api.cairo_surface_finish!(surface)
        let status = api.cairo_surface_status!(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw CairoError.failed(message(status)) }
        return sink.bytes
    }

    private func check() throws {
        let status = api.cairo_status!(cr)
        guard status == CAIRO_STATUS_SUCCESS else { throw CairoError.failed(message(status)) }
    }

    private func message(_ status: cairo_status_t) -> String {
        api.cairo_status_to_string!(status).map { String(cString: $0) } ?? "cairo status \(status.rawValue)"
    }

    /// Where cairo's write callback puts the PDF.
    private final class Sink {
        var bytes: [UInt8] = []
    }
}

public enum CairoError: Error, CustomStringConvertible {
    case unavailable(String)
    case failed(String)

    public var description: String {
        switch self {
        case .unavailable(let why):
            return "PDF tickets need the cairo library, which could not be loaded (\(why)). Install it: apt-get install libcairo2"
        case .failed(let why):
            return "The PDF could not be made: \(why)."
        }
    }
}

enum Cairo {
    /// Loaded once, on first use; Swift runs a global's initialiser exactly once, thread-safely.
    static let api: Result<bo_cairo_api, CairoError> = {
        var api = bo_cairo_api()
        if let failure = bo_cairo_load(&api) { return .failure(.unavailable(String(cString: failure))) }
        return .success(api)
    }()

    public static var version: String? {
        guard case .success(let api) = api else { return nil }
        return api.cairo_version_string!().map { String(cString: $0) }
    }
}
