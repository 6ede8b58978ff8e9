import ArgumentParser
import Booking
import Foundation

/// How a sale, a later payment or an exchange is paid: shared by `book`, `pay` and `exchange`.
struct PaymentOptions: ParsableArguments {
    @Option(name: .customLong("pay"), help: ArgumentHelp("A payment: cash, card, complimentary, invoice or external, with =amount (repeat for a split; one may leave out its amount and takes the rest).", valueName: "method[=amount]"))
    var pay: [String] = []
    @Option(parsing: .unconditional, help: "The cash the customer handed over (the change is shown and recorded).") var tendered: String?
    @Option(help: "The card terminal's or web shop's reference.") var reference: String?
    @Option(help: "The account an invoice payment goes to.") var account: String?

    func requests(_ currency: Currency) throws -> [PaymentRequest] {
        try pay.map { try PaymentRequest.parse($0, currency: currency) }
    }

    func details(_ currency: Currency, reason: String?) throws -> PaymentDetails {
        func text(_ s: String?, _ field: String) throws -> String? { try PaymentDetails.text(s, field: field) }
        return PaymentDetails(tenderedCents: try tendered.map { try Money.parse($0, field: "amount tendered", currency: currency) },
                              reference: try text(reference, "payment reference"), account: try text(account, "account"),
                              reason: try text(reason, "reason"))
    }
}
