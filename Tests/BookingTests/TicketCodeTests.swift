@testable import Booking
import XCTest

/// Ticket codes: the alphabet, the check character's guarantees (proved exhaustively on the step function and
/// exercised on real codes), the reader's leniency (case, spaces, dashes, Crockford's I/L/O) and its refusals.
final class TicketCodeTests: XCTestCase {
    private let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    func testAlphabetIsCrockfordsWithoutLookAlikes() {
        XCTAssertEqual(TicketCode.alphabet, alphabet)
        XCTAssertEqual(Set(TicketCode.alphabet).count, 32)
        for excluded: Character in ["I", "L", "O", "U"] { XCTAssertFalse(TicketCode.alphabet.contains(excluded)) }
    }

    func testRandomCodesAreWellFormedAndValid() throws {
        var seen = Set<String>()
        for _ in 0..<2_000 {
            let code = TicketCode.random()
            XCTAssertEqual(code.value.count, 10)
            XCTAssertTrue(code.value.allSatisfy { alphabet.contains($0) }, code.value)
            XCTAssertEqual(try TicketCode.parse(code.value), code)
            seen.insert(code.value)
        }
        XCTAssertEqual(seen.count, 2_000, "45 random bits: 2,000 draws do not collide")
    }

    func testEveryRandomPositionUsesTheWholeAlphabet() {
        // Each of the nine random characters takes all 32 values over enough draws (a stuck bit would show).
        var rng = SplitMix(seed: 14)
        var perPosition = Array(repeating: Set<Character>(), count: 9)
        for _ in 0..<3_000 {
            for (i, ch) in TicketCode.random(using: &rng).value.prefix(9).enumerated() { perPosition[i].insert(ch) }
        }
        XCTAssertEqual(perPosition.map(\.count), Array(repeating: 32, count: 9))
    }

    // MARK: - The check, proved on the step function

    func testMultiplicationByAlphaIsABijectionOfTheField() {
        let images = Set((0..<32).map { TicketCode.timesAlpha(UInt8($0)) })
        XCTAssertEqual(images, Set(0..<32), "α·x permutes GF(32), so no later step can hide a difference")
        XCTAssertFalse((1..<32).contains { TicketCode.timesAlpha(UInt8($0)) == UInt8($0) }, "α ≠ 1")
    }

    func testStepIsTotallyAntiSymmetric() {
        // (x∘a)∘b = (x∘b)∘a only when a = b: every adjacent swap changes the interim digit.
        for x in UInt8(0)..<32 {
            for a in UInt8(0)..<32 {
                for b in UInt8(0)..<32 where a != b {
                    XCTAssertNotEqual(TicketCode.step(TicketCode.step(x, a), b), TicketCode.step(TicketCode.step(x, b), a))
                }
            }
        }
    }

    // MARK: - The check, on real codes

    func testEverySingleSubstitutionIsCaught() throws {
        var rng = SplitMix(seed: 1)
        for _ in 0..<60 {
            let code = Array(TicketCode.random(using: &rng).value)
            for i in 0..<10 {
                for replacement in alphabet where replacement != code[i] {
                    var typo = code
                    typo[i] = replacement
                    XCTAssertThrowsError(try TicketCode.parse(String(typo))) { error in
                        XCTAssertEqual(error as? TicketCodeProblem, .checkFailed, "\(String(code)) → \(String(typo))")
                    }
                }
            }
        }
    }

    func testEveryAdjacentSwapIsCaughtIncludingTheCheckCharacter() throws {
        var rng = SplitMix(seed: 2)
        var swapsTried = 0
        for _ in 0..<500 {
            let code = Array(TicketCode.random(using: &rng).value)
            for i in 0..<9 where code[i] != code[i + 1] {
                var swapped = code
                swapped.swapAt(i, i + 1)
                swapsTried += 1
                XCTAssertThrowsError(try TicketCode.parse(String(swapped)), "\(String(code)) swap \(i)")
            }
        }
        XCTAssertGreaterThan(swapsTried, 4_000)
    }

    func testAKnownCode() throws {
        // Nine zeros give interim 0, so the check is 0; "000000001" gives interim 1 → check α·1 = 2.
        XCTAssertEqual(try TicketCode.parse("0000000000").value, "0000000000")
        XCTAssertEqual(try TicketCode.parse("0000000012").value, "0000000012")
        XCTAssertThrowsError(try TicketCode.parse("0000000011"))
    }

    // MARK: - Reading what people type

    func testParseIgnoresCaseSpacesAndDashes() throws {
        let code = TicketCode.random()
        let v = code.value
        let variants = [
            v.lowercased(), code.grouped, code.grouped.lowercased(), " \(v.prefix(3)) \(v.dropFirst(3).prefix(3)) \(v.suffix(4))\n",
            "\(v.prefix(5))–\(v.suffix(5))", "\(v)\r\n", "\t\(v)", v.map { "\($0)-" }.joined(),
        ]
        for text in variants { XCTAssertEqual(try TicketCode.parse(text), code, text.debugDescription) }
        XCTAssertEqual(code.grouped.count, 11)
        XCTAssertEqual(code.description, code.grouped)
    }

    func testParseReadsCrockfordsLookAlikes() throws {
        // A steward reading "O" for zero or "I"/"L" for one still gets the code.
        let code = try TicketCode.parse("0000000012")
        XCTAssertEqual(try TicketCode.parse("OOOOOOOOI2"), code)
        XCTAssertEqual(try TicketCode.parse("ooooooool2"), code)
    }

    func testParseRefusals() {
        func problem(_ text: String) -> TicketCodeProblem? {
            do { _ = try TicketCode.parse(text); return nil } catch { return error }
        }
        XCTAssertEqual(problem(""), .empty)
        XCTAssertEqual(problem(" - \n"), .empty)
        XCTAssertEqual(problem("000000001"), .wrongLength(9))
        XCTAssertEqual(problem("00000000120"), .wrongLength(11))
        XCTAssertEqual(problem("0000U00012"), .notInAlphabet("U", position: 5))
        XCTAssertEqual(problem("00-00*00012"), .notInAlphabet("*", position: 5))
        XCTAssertEqual(problem("000000001é"), .notInAlphabet("é", position: 10))
        XCTAssertEqual(problem("0000000013"), .checkFailed)
    }

    func testProblemsReadPlainly() {
        XCTAssertEqual(TicketCodeProblem.wrongLength(9).description, "A ticket code has 10 characters; this one has 9.")
        XCTAssertEqual(TicketCodeProblem.notInAlphabet("U", position: 5).description,
                       "Character 5 of the ticket code (\"U\") is not used in ticket codes.")
        XCTAssertEqual(TicketCodeProblem.notInAlphabet("\u{1B}", position: 1).description,
                       "Character 1 of the ticket code (U+001B) is not used in ticket codes.")
        XCTAssertTrue(TicketCodeProblem.checkFailed.description.contains("check character"))
    }
}
