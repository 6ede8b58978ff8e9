@testable import Booking
import Foundation
import Testing
@testable import TUI

/// The picker in a locale that shows ASCII only (`LANG=C`): nothing it draws may turn into `?` where a letter can stand.
@Suite struct ASCIITextTests {
    typealias F = Fixtures

    @Test func ownSymbolsHaveASCIIStandIns() {
        #expect(ASCIIText.transliterate("needs 64×14 (now 40×10)") == "needs 64x14 (now 40x10)")
        #expect(ASCIIText.transliterate("Loading…") == "Loading~")
        #expect(ASCIIText.transliterate("A2 · Stalls") == "A2 | Stalls")
        #expect(ASCIIText.transliterate("plain ASCII stays as it is") == "plain ASCII stays as it is")
    }

    @Test func namesAreTransliteratedRatherThanQuestionMarks() {
        #expect(ASCIIText.transliterate("Zoë Ångström") == "Zoe Angstrom")
        #expect(ASCIIText.transliterate("Straße Łódź Æsir") == "Strasse Lodz AEsir")
        #expect(ASCIIText.transliterate("Москва") == "Moskva")
        // Whatever is left is ASCII, whatever the script.
        for name in ["山田 太郎", "Ψυχή", "شكرا", "😀 Emoji"] {
            #expect(ASCIIText.transliterate(name).unicodeScalars.allSatisfy { $0.isASCII }, "\(name)")
        }
    }

    @Test func moneyShowsTheISOCodeWhereTheSignCannotBeShown() {
        #expect(moneyText(3800, asciiOnly: false) == "£38.00")
        #expect(moneyText(3800, asciiOnly: true) == "GBP 38.00")
        #expect(moneyText(5, asciiOnly: true) == "GBP 0.05")
        #expect(moneyText(-1250, asciiOnly: false) == "-£12.50")
        #expect(moneyText(123_456, in: Currency(code: "EUR", minorDigits: 2), asciiOnly: true) == "EUR 1234.56")
        #expect(moneyText(123_456, in: Currency(code: "EUR", minorDigits: 2), asciiOnly: false) == "€1234.56")
        #expect(moneyText(700, in: Currency(code: "USD", minorDigits: 2), asciiOnly: true) == "$7.00")
        #expect(moneyText(700, in: Currency(code: "JPY", minorDigits: 0), asciiOnly: true) == "JPY 700")
        #expect(moneyText(1250, in: Currency(code: "CHF", minorDigits: 2), asciiOnly: true) == "12.50 CHF")
        // The same figures as the booking layer's own format, in a UTF-8 locale.
        for cents in [0, 5, 99, 100, 3200, 123_456, -7] { #expect(moneyText(cents, asciiOnly: false) == Money.format(cents, .gbp)) }
    }

    static var asciiTheme: Theme { Theme.choose(ascii: false, utf8Locale: false, noColorSet: false, terminalColors: 256) }

    @Test func everyScreenIsASCIIInANonUTF8Locale() {
        var model = F.mapModel(width: 100, height: 22, theme: Self.asciiTheme)
        model.map!.cursor = F.index(model, "B2")
        var screens = [render(model).text]
        #expect(screens[0].contains("B2 | Stalls | GBP 32.00"))
        let order = Order(id: 1, reference: "QX4K9P", performanceID: 7, customerName: "Zoë Ångström", customerContact: nil,
                          clerk: F.me, unixUser: "alice", idempotencyKey: nil, createdAt: Date(), cancelledAt: nil,
                          seats: [.init(seatID: 2, label: "A2", priceCents: 3200)], totalCents: 3200)
        (model, _) = F.press(model, .char("/"))
        (model, _) = F.type(model, "Zoë")
        screens.append(render(model).text)
        (model, _) = update(model, .found(query: "Zoë", [order, order]))
        screens.append(render(model).text)
        #expect(screens[2].contains("Zoe Angstrom"))
        (model, _) = F.press(model, .enter)
        screens.append(render(model).text)
        #expect(model.message?.text.contains("GBP 32.00") == true)
        #expect(screens[3].contains("Booking QX4K9P for Zoe Angstrom: A2 | GBP 32.00"))
        (model, _) = F.press(model, .escape, .enter)
        (model, _) = F.type(model, "山田")
        screens.append(render(model).text)
        #expect(screens[4].contains("shantian"))
        let tooSmall = F.mapModel(width: 40, height: 10, theme: Self.asciiTheme)
        screens.append(render(tooSmall).text)
        #expect(screens[5].contains("needs 64x14"))
        for screen in screens {
            #expect(screen.unicodeScalars.allSatisfy { $0.isASCII }, "not ASCII:\n\(screen)")
            #expect(!screen.contains("?38") && !screen.contains("Zo?"))
        }
    }

    @Test func aUTF8LocaleWithASCIIGlyphsKeepsNamesAndThePoundSign() {
        let theme = Theme.choose(ascii: true, utf8Locale: true, noColorSet: false, terminalColors: 256)
        #expect(!theme.asciiText)
        #expect(theme.money(3800) == "£38.00")
    }
}
