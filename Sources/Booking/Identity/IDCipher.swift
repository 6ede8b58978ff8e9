/// A keyed permutation of the numbers below `domain`: turns a row's id into the random-looking number its booking
/// reference or ticket code is written from, and back.
///
/// Why: a reference or code drawn at random had to be found through an index on it, and each sale's random key went
/// to a random page of that index, so every booking wrote a page of its own to each (three such indexes were ~3 of
/// the ~4 pages a booking wrote, and the HTTP server's group commit spent most of its time writing them). A code that
/// *is* its row's id, enciphered, needs no index: reading it deciphers to the id, and the row is found by its primary
/// key. Without the key (random, per database) one code tells nothing about another, as with random codes, and no
/// two ids share a code, so there is nothing to retry.
///
/// A balanced Feistel network of `rounds` rounds over 2·`halfBits` bits with SipHash-2-4 as its round function,
/// walked in cycles until the value falls below `domain` (format-preserving encryption as in NIST SP 800-38G's
/// FF1, whose structure this follows with a lighter round function; every value below `domain` maps to one value
/// below `domain`).
struct IDCipher: Sendable {
    let domain: UInt64
    private let halfBits: UInt64
    private let prf: SipHash24
    private static let rounds: UInt64 = 8

    /// `key`: 16 bytes. `domain` must be at least 2.
    init(key: [UInt8], domain: UInt64) {
        precondition(domain >= 2)
        self.domain = domain
        var bits: UInt64 = 2
        while bits < 64, (UInt64(1) << bits) < domain { bits += 2 }
        halfBits = bits / 2
        prf = SipHash24(key: key)
    }

    private var mask: UInt64 { (UInt64(1) << halfBits) - 1 }

    private func f(_ round: UInt64, _ half: UInt64) -> UInt64 {
        prf.hash(round << 56 | half) & mask
    }

    private func encipherOnce(_ x: UInt64) -> UInt64 {
        var (l, r) = (x >> halfBits, x & mask)
        for i in 0..<Self.rounds { (l, r) = (r, l ^ f(i, r)) }
        return l << halfBits | r
    }

    private func decipherOnce(_ x: UInt64) -> UInt64 {
        var (l, r) = (x >> halfBits, x & mask)
        for i in (0..<Self.rounds).reversed() { (l, r) = (r ^ f(i, l), l) }
        return l << halfBits | r
    }

    /// The number `x` (below `domain`) enciphers to, also below `domain` (cycle walking: the network permutes
    /// 2^(2·halfBits) values, fewer than four times `domain`, so a value lands inside within a few steps).
    func encipher(_ x: UInt64) -> UInt64 {
        precondition(x < domain)
        var y = encipherOnce(x)
        while y >= domain { y = encipherOnce(y) }
        return y
    }

    func decipher(_ y: UInt64) -> UInt64 {
        precondition(y < domain)
        var x = decipherOnce(y)
        while x >= domain { x = decipherOnce(x) }
        return x
    }
}
