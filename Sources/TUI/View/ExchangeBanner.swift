import Booking

/// While exchanging, the legend line says so: which booking, the seats moving and the new ones chosen so far, and how
/// many are still to choose, so the clerk never mistakes the exchange for a new sale.
func renderExchangeBanner(_ exchange: ExchangeMode, state: MapState, model: Model, y: Int, into buffer: inout ScreenBuffer) {
    let sep = model.theme.glyphs.separator
    let arrow = model.theme.isASCII ? "->" : "→"
    let left = exchange.stillToChoose(state.selection.count)
    let chosen = state.selection + Array(repeating: "_", count: max(0, left))
    let still = left > 0 ? "\(left) more seat\(left == 1 ? "" : "s") to choose"
        : left == 0 ? "Enter confirms" : "\(-left) too many: Space releases"
    let text = "EXCHANGE for \(SafeText.display(exchange.order.reference, limit: 20)): \(seatList(exchange.moving)) \(arrow) "
        + "\(seatList(chosen))\(sep)\(still)\(sep)Esc backs out"
    buffer.fill(x: 0, y: y, count: buffer.width, role: .warning)
    buffer.put(TextWidth.truncate(text, to: buffer.width - 2), x: 1, y: y, role: .warning, attributes: .bold)
}
