import ArgumentParser
import Booking
import Foundation

struct PricesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prices", abstract: "Show or set the price of each ticket type in each band.",
        discussion: "A performance uses its theater's prices until it sets its own; Adult is the band's price unless set.",
        subcommands: [Show.self, Set.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "The price list of a theater or one performance.")
        @OptionGroup var clerk: ClerkOptions
        @Argument(help: "Theater id, or name (any case).") var theater: String
        @Option(help: "A performance of the theater (default: the theater's own prices).") var performance: Int64?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let box = try clerk.open()
            let t = try box.resolveTheater(theater)
            if let performance { _ = try box.resolvePerformance(theater: t, id: performance, purpose: .view) }
            let list = try box.priceList(theaterID: t.id, performanceID: performance)
            let bands = list.bandPrices.keys.sorted()
            var rows: [PriceJSON] = []
            for band in bands {
                for type in list.types {
                    guard let p = list.price(band: band, type: type) else { continue }
                    rows.append(PriceJSON(band: band, type: type.name, priceCents: p.cents, currency: box.currency.code, from: p.source.rawValue))
                }
            }
            if json { return try JSONOutput.print(rows) }
            print("\(t.name)\(performance.map { " · performance \($0)" } ?? "") · prices in \(box.currency.code)")
            var table = TextTable("BAND", "TYPE", "PRICE", "FROM", rightAligned: [2])
            for r in rows { table.add(r.band, r.type, Money.format(r.priceCents, box.currency), r.from) }
            print(table.text)
            let missing = bands.flatMap { band in list.types.filter { list.price(band: band, type: $0) == nil }.map { "\($0.name) in \(band)" } }
            if !missing.isEmpty { print("Not for sale: \(missing.joined(separator: ", ")).") }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Set prices of one band: prices set <theater> [--performance <id>] <band> <type>=<amount>…")
        @OptionGroup var clerk: ClerkOptions
        @Argument(help: "Theater id, or name (any case).") var theater: String
        @Option(help: "Set this performance's own prices (default: the theater's).") var performance: Int64?
        @Argument(help: "The band's code, such as A.") var band: String
        @Argument(help: "Prices, such as Child=12.50 Concession=18.") var prices: [String] = []

        func run() throws {
            let box = try clerk.open()
            let t = try box.resolveTheater(theater)
            if let performance { _ = try box.resolvePerformance(theater: t, id: performance, purpose: .view) }
            try box.setPrices(theaterID: t.id, performanceID: performance, band: band, items: prices)
            print("Prices set for band \(band.uppercased()) of \(t.name)\(performance.map { ", performance \($0)" } ?? "").")
        }
    }

    struct PriceJSON: Encodable { var band: String, type: String, priceCents: Int, currency: String, from: String }
}
