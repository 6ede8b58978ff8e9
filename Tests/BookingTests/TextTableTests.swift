import Booking
import XCTest

/// The command line's tables: columns as wide as their widest cell on a terminal, not in characters.
final class TextTableTests: XCTestCase {
    func testChineseAndCombiningNamesLineUp() {
        var table = TextTable("ID", "THEATER", "SEATS", rightAligned: [0, 2])
        table.add("1", "Grand Theatre", "744")
        table.add("2", "国家大剧院", "1960")           // five wide characters: ten columns
        table.add("3", "Cafe\u{301} Zoe\u{308}", "40")  // combining accents take no column
        let lines = table.text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines, [
            "ID  THEATER        SEATS",
            "--  -------------  -----",
            " 1  Grand Theatre    744",
            " 2  国家大剧院      1960",
            " 3  Cafe\u{301} Zoe\u{308}" + String(repeating: " ", count: 10) + "40",
        ])
        // Every line ends at the same terminal column: the right-aligned last column lines up.
        XCTAssertEqual(Set(lines.map(TextWidth.of)), [24])
    }

    func testWidestCellIsWideCharactersOnly() {
        var table = TextTable("NAME", "N")
        table.add("李", "1")
        table.add("王小明", "2")
        XCTAssertEqual(table.text, "NAME    N\n------  -\n李      1\n王小明  2")
    }

    /// Trailing blanks are cut whether the text before them is ASCII (never written) or not (cut as characters), and
    /// blanks between columns stay: the two ways of writing a line give the same text.
    func testTrailingBlanksAreCutAfterAnyText() {
        var table = TextTable("A", "PRICE", "DETAIL")
        table.add("x", "£22.00", "")             // ASCII-free last text, then blanks
        table.add("yy", "£8.00", "wheelchair")   // text to the end
        table.add("zzz ", "", "")                // a cell's own trailing space counts in its width, and is cut
        table.add("é", "", "")                   // non-ASCII last text followed by blanks
        XCTAssertEqual(table.text, """
            A     PRICE   DETAIL
            ----  ------  ----------
            x     £22.00
            yy    £8.00   wheelchair
            zzz
            é
            """)
    }

    func testDisplayWidthRules() {
        XCTAssertEqual(TextWidth.of("abc"), 3)
        XCTAssertEqual(TextWidth.of("国家"), 4)
        XCTAssertEqual(TextWidth.of("e\u{301}"), 1)
        XCTAssertEqual(TextWidth.of("Ｆｕｌｌ"), 8, "fullwidth forms")
        XCTAssertEqual(TextWidth.of("한글"), 4, "Hangul")
        XCTAssertEqual(TextWidth.of(""), 0)
    }

    /// Text of one-column scalars (prices in pounds, accented names) is measured a scalar at a time, and text with
    /// nothing unsafe is displayed as it is: the same widths and text as the character-by-character rules.
    func testOneColumnTextIsMeasuredAndShownAsCharactersWouldBe() {
        let samples = ["£22.00", "-£1,234.56", "Zoë Ångström", "café", "a–b…c", "│├─┤", "½ price ©", "Cafe\u{301}",
                       "国家大剧院", "Zoe\u{308}£", "\u{AD}x", "🎭 show", "a\u{200B}b", "\u{1F1EC}\u{1F1E7}", ""]
        for text in samples {
            XCTAssertEqual(TextWidth.of(text), text.reduce(0) { $0 + TextWidth.of($1) }, text.debugDescription)
            var rebuilt = String.UnicodeScalarView()
            for s in text.unicodeScalars { rebuilt.append(SafeText.isUnsafe(s) ? "?" : s) }
            XCTAssertEqual(SafeText.display(text), String(rebuilt), text.debugDescription)
        }
        XCTAssertEqual(TextWidth.of("£22.00"), 6)
        XCTAssertEqual(SafeText.display("£22.00"), "£22.00")
        XCTAssertEqual(SafeText.display("a\u{200B}b"), "a?b")
        XCTAssertEqual(SafeText.display("£" + String(repeating: "x", count: 10), limit: 4), "£xxx…")
    }
}
