import ArgumentParser
import Booking
import Foundation

/// How a sale, a later payment or an exchange is paid: shared by `book`, `pay` and `exchange`. `book` declares these
/// four options itself, with the help below (`PaymentOptions.Help`), and reads them through `PaymentValues`: a group type's
/// first checks through reflection (conformance scans) were ~4 % of a `book`.
struct PaymentOptions: ParsableArguments {
    @Option(name: .customLong("pay"), help: Help.pay) var pay: [String] = []
    @Option(parsing: .unconditional, help: Help.tendered) var tendered: String?
    @Option(help: Help.reference) var reference: String?
    @Option(help: Help.account) var account: String?

    enum Help {
        static let pay = ArgumentHelp("A payment: cash, card, complimentary, invoice or external, with =amount (repeat for a split; one may leave out its amount and takes the rest).", valueName: "method[=amount]")
        static let tendered: ArgumentHelp = "The cash the customer handed over (the change is shown and recorded)."
        static let reference: ArgumentHelp = "The card terminal's or web shop's reference."
        static let account: ArgumentHelp = "The account an invoice payment goes to."
    }

    var values: PaymentValues { PaymentValues(pay: pay, tendered: tendered, reference: reference, account: account) }
    func requests(_ currency: @autoclosure () -> Currency) throws -> [PaymentRequest] { try values.requests(currency()) }
    func details(_ currency: @autoclosure () -> Currency, reason: String?) throws -> PaymentDetails { try values.details(currency(), reason: reason) }
}

/// The payment options' values, and what they mean. The currency is asked for only when an amount is given: a booking
/// without --pay or --tendered skips its read (a read transaction of its own).
struct PaymentValues {
    var pay: [String], tendered: String?, reference: String?, account: String?

    func requests(_ currency: @autoclosure () -> Currency) throws -> [PaymentRequest] {
        if pay.isEmpty { return [] }
        let currency = currency()
        return try pay.map { try PaymentRequest.parse($0, currency: currency) }
    }

    func details(_ currency: @autoclosure () -> Currency, reason: String?) throws -> PaymentDetails {
        func text(_ s: String?, _ field: String) throws -> String? { try PaymentDetails.text(s, field: field) }
        return PaymentDetails(tenderedCents: try tendered.map { try Money.parse($0, field: "amount tendered", currency: currency()) },
                              reference: try text(reference, "payment reference"), account: try text(account, "account"),
                              reason: try text(reason, "reason"))
    }
}
