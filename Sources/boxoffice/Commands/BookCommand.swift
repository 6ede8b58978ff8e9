import ArgumentParser
import Booking
import Foundation

struct BookCommand: ParsableCommand, OnePerformance {
    static let configuration = CommandConfiguration(
        commandName: "book", abstract: "Book seats that are free or held by you (all or none); prints the booking reference.",
        discussion: """
        With --key, booking again with the same key returns the same booking unchanged (exit 0).

        Each seat is an Adult ticket unless --type says otherwise. Without --pay or --unpaid the booking is recorded \
        unpaid with no deadline (pay it later with `boxoffice pay`).

        Example: book 'Grand' C12 C13 C14 --type C14=Child --pay cash=20 --tendered 20 --pay card --reference T-1
        """)

    @Option(help: ClerkOptions.help) var clerk: String?
    @Argument(help: PerformanceHelp.theater) var theater: String
    @Option(help: PerformanceHelp.performance) var performance: Int64?
    @Argument(help: "Seat labels, such as C12.") var seats: [String] = []
    @Option(help: "The customer's name.") var name: String?
    @Option(help: "The customer's phone or email.") var contact: String?
    @Option(help: "Idempotency key: repeating the booking with it books nothing twice.") var key: String?
    @Option(name: .customLong("type"), help: ArgumentHelp("A ticket type for every seat (Child), or for one seat (C12=Child); any case.", valueName: "[seat=]type"))
    var types: [String] = []
    // PaymentOptions' four options, declared here rather than as its group (see PaymentOptions).
    @Option(name: .customLong("pay"), help: PaymentOptions.Help.pay) var pay: [String] = []
    @Option(parsing: .unconditional, help: PaymentOptions.Help.tendered) var tendered: String?
    @Option(help: PaymentOptions.Help.reference) var reference: String?
    @Option(help: PaymentOptions.Help.account) var account: String?
    @Option(help: "Why a booking is complimentary (with --pay complimentary).") var reason: String?
    @Flag(help: "Reserve unpaid for collection (with --collect-by).") var unpaid = false
    @Option(name: .customLong("collect-by"), help: ArgumentHelp("The deadline of an unpaid reservation: past it the seats go back on sale.", valueName: "YYYY-MM-DD HH:MM"))
    var collectBy: String?
    @Option(name: .customLong("holdback-code"), help: "The code of held-back seats among these (house seats, press): they sell only with it.")
    var holdbackCode: String?
    @Flag(help: "Print the whole booking as JSON.") var json = false

    func run() throws {
        let box = try open()
        let (performance, _) = try resolve(box, purpose: .sell)
        var deadline: Date?
        if unpaid {
            guard let collectBy else { throw BookingError.invalidInput("--unpaid needs --collect-by \"YYYY-MM-DD HH:MM\", the time the seats go back on sale if nobody pays.") }
            guard let date = Format.parseStart(collectBy) else {
                throw BookingError.invalidInput("--collect-by must be \"YYYY-MM-DD HH:MM\" (it is \"\(SafeText.display(collectBy, limit: 30))\").")
            }
            deadline = date
        } else if collectBy != nil {
            throw BookingError.invalidInput("--collect-by goes with --unpaid.")
        }
        let parsedTypes = try SaleTerms.parseTypes(types)
        let payment = PaymentValues(pay: pay, tendered: tendered, reference: reference, account: account)
        let terms = SaleTerms(typeForAll: parsedTypes.all, typeBySeat: parsedTypes.bySeat, payments: try payment.requests(box.currency),
                              details: try payment.details(box.currency, reason: reason), unpaidUntil: deadline)
        let outcome = try box.book(performanceID: performance.id, labels: seats, customerName: name,
                                   customerContact: contact, idempotencyKey: key, terms: terms,
                                   holdbackCode: holdbackCode)
        for warning in outcome.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        if json { return try JSONOutput.print(OrderJSON(outcome.order, replay: outcome.replay)) }
        let o = outcome.order
        let again = outcome.replay ? " (already booked with this key; nothing new was booked)" : ""
        print("Booked \(OrderText.summary(o)) · booking reference \(o.reference)\(again)")
    }
}

/// The parser's view of `book`'s arguments without reflection (see ArgumentMirror): a property added above needs its line here.
extension BookCommand: CustomReflectable {
    var customMirror: Mirror {
        ArgumentMirror.of(self, [
            ("_clerk", _clerk), ("_theater", _theater), ("_performance", _performance), ("_seats", _seats),
            ("_name", _name), ("_contact", _contact), ("_key", _key), ("_types", _types), ("_pay", _pay),
            ("_tendered", _tendered), ("_reference", _reference), ("_account", _account), ("_reason", _reason),
            ("_unpaid", _unpaid), ("_collectBy", _collectBy), ("_holdbackCode", _holdbackCode), ("_json", _json),
        ])
    }
}
