@testable import Booking
import Foundation
import XCTest

/// The pure parts of issuing references and codes from row ids: SipHash against its authors' vectors, the cipher's
/// permutation, and the spelling of numbers as references and codes. The database side is in SchemaTests (an older
/// database's references and codes kept beside new ones) and every booking and door test.
final class IssuedCodesTests: XCTestCase {
    /// The reference implementation's vectors: key 00 01 … 0f, messages 00 01 … of length 0 to 15 (a whole block,
    /// a partial one, and both).
    func testSipHashMatchesItsAuthorsVectors() {
        let expected: [UInt64] = [
            0x726fdb47dd0e0e31, 0x74f839c593dc67fd, 0x0d6c8009d9a94f5a, 0x85676696d7fb7e2d,
            0xcf2794e0277187b7, 0x18765564cd99a68d, 0xcbc9466e58fee3ce, 0xab0200f58b01d137,
            0x93f5f5799a932462, 0x9e0082df0ba9e4b0, 0x7a5dbbc594ddb9f3, 0xf4b32f46226bada7,
            0x751e8fbc860ee5fb, 0x14ea5627c0843d90, 0xf723ca908e7af2ee, 0xa129ca6149be45e5,
        ]
        let sip = SipHash24(key: Array(0...15))
        for (length, tag) in expected.enumerated() {
            XCTAssertEqual(sip.hash(Array(0..<UInt8(length))), tag, "message of \(length) bytes")
        }
        XCTAssertEqual(sip.hash(UInt64(0x0706050403020100)), expected[8], "one word is the same eight bytes")
    }

    func testTheCipherPermutesItsDomainAndDeciphersBack() {
        for domain: UInt64 in [2, 1000, 1024, 31 * 31 * 31] {
            let cipher = IDCipher(key: Array(repeating: 7, count: 16), domain: domain)
            let images = (0..<domain).map(cipher.encipher)
            XCTAssertEqual(Set(images).count, Int(domain), "one image each, domain \(domain)")
            XCTAssertTrue(images.allSatisfy { $0 < domain })
            XCTAssertEqual(images.map(cipher.decipher), Array(0..<domain))
        }
        // Ids in order do not come out in order (what lets a reference say nothing of the next one)...
        let references = IDCipher(key: Array(1...16), domain: BookingReference.numbers)
        let firsts = (1...20).map { references.encipher($0) }
        XCTAssertNotEqual(firsts, firsts.sorted())
        XCTAssertEqual(firsts.map(references.decipher), Array(1...20))
        // ...and another key (another database) gives other references for the same ids.
        let other = IDCipher(key: Array(2...17), domain: BookingReference.numbers)
        XCTAssertNotEqual(firsts, (1...20).map { other.encipher($0) })
        let codes = IDCipher(key: Array(1...16), domain: TicketCode.numbers)
        for id: UInt64 in [1, 2, 1 << 20, TicketCode.numbers - 1] {
            XCTAssertEqual(codes.decipher(codes.encipher(id)), id)
        }
    }

    func testNumbersSpellReferencesAndCodesAndReadBack() throws {
        for n: UInt64 in [0, 1, 30, 31, 123_456_789, BookingReference.numbers - 1] {
            let text = BookingReference.text(n)
            XCTAssertEqual(text.count, BookingReference.length)
            XCTAssertEqual(BookingReference.number(text), n, text)
        }
        XCTAssertNil(BookingReference.number("AB12"), "too short")
        XCTAssertNil(BookingReference.number("ABCDE1"), "1 is not in the alphabet")
        for n: UInt64 in [0, 1, 31, 32, 1 << 40, TicketCode.numbers - 1] {
            let code = TicketCode(number: n)
            XCTAssertEqual(code.number, n)
            XCTAssertEqual(try TicketCode.parse(code.grouped), code, "an issued code passes its own check")
        }
    }
}
