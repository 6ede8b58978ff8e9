import Booking
import Foundation

/// A receipt in 42 columns: the booking's tickets with types and prices, every payment and refund, the change
/// given, and what is still due. Pure: the booking and its performance come in.
public enum ReceiptText {
    public static let width = TextTicket.width

    public static func render(_ order: Order, performance: Performance, charset: TextTicket.Charset, now: Date = Date()) -> String {
        let money = { (cents: Int) in Money.format(cents, order.currency) }
        let heavy = String(repeating: charset == .unicode ? "═" : "=", count: width)
        let light = String(repeating: charset == .unicode ? "─" : "-", count: width)
        func fit(_ s: String) -> String { TextTicket.fitted(s, width: width, charset: charset) }
        func row(_ left: String, _ right: String) -> String {
            let r = TextTicket.fitted(right, width: width, charset: charset)
            let l = TextTicket.fitted(left, width: max(1, width - r.count - 1), charset: charset)
            return l + String(repeating: " ", count: max(1, width - l.count - r.count)) + r
        }

        var out = [heavy, TextTicket.centred(fit(performance.theaterName)), TextTicket.centred("Receipt · booking \(order.reference)"), light,
                   fit(performance.title), fit("\(Format.startTime(performance.startsAt)) (performance \(performance.id))")]
        if let name = order.customerName, !name.isEmpty { out.append(fit("Customer: \(name)")) }
        out.append(light)
        // Labels padded to the longest, so the types line up in a column ("A9" and "A10" alike).
        let labelWidth = order.tickets.map { TextWidth.of($0.label) }.max() ?? 0
        for t in order.tickets {
            // A mixed booking's tickets of another performance than the receipt's say which (after a partial exchange).
            let what = "\(TextWidth.pad(t.label, to: labelWidth))  \(t.typeName)" + (t.performanceID == performance.id ? "" : "  perf \(t.performanceID)")
            switch t.status {
            case .active: out.append(row(what, money(t.priceCents)))
            case .cancelled: out.append(row(what, "cancelled"))
            case .exchanged: out.append(row(what, "exchanged"))
            }
        }
        out.append(light)
        out.append(row("Total", money(order.totalCents)))
        for p in order.payments {
            let when = Format.timestamp(p.at)
            if p.kind == .payment {
                out.append(row("Paid \(p.method.rawValue)", money(p.amountCents)))
                if let tendered = p.tenderedCents { out.append(row("  tendered \(money(tendered))", "change \(money(p.changeCents ?? 0))")) }
            } else if p.kind == .retained {
                out.append(row("Retained, no refund (\(p.method.rawValue))", money(-p.amountCents)))
            } else {
                out.append(row("Refunded \(p.method.rawValue)", money(-p.amountCents)))
            }
            out.append(fit("  \(when) by \(p.clerk)" + (p.reference.map { ", ref \($0)" } ?? "")))
        }
        out.append(light)
        out.append(row("Paid in all", money(order.paidCents)))
        if order.changeCents > 0 { out.append(row("Change given", money(order.changeCents))) }
        let status: String
        switch order.status {
        case .paid: status = order.balance.dueCents < 0 ? "PAID (\(money(-order.balance.dueCents)) in credit)" : "PAID"
        case .unpaid: status = "UNPAID: \(money(max(order.balance.dueCents, 0))) due"
        case .cancelled: status = "CANCELLED"
        }
        out.append(row("Status", status))
        out.append(light)
        out.append(fit("Booked \(Format.timestamp(order.createdAt)) by \(order.clerk)"))
        out.append(fit("Printed \(Format.timestamp(now))"))
        out.append(heavy)
        return out.joined(separator: "\n") + "\n"
    }
}
