/// SipHash-2-4 (Aumasson and Bernstein, 2012): a keyed pseudorandom function for short inputs, here the round function
/// of `IDCipher`. Written out because nothing in the package has it (the standard library's `Hasher` is SipHash-1-3
/// with a seed chosen per process, so its values change every run); checked against the paper's test vectors.
struct SipHash24 {
    private let k0: UInt64
    private let k1: UInt64

    /// A 16-byte key, read little-endian as the paper does.
    init(key: [UInt8]) {
        precondition(key.count == 16, "SipHash takes a 16-byte key")
        k0 = Self.word(key, 0)
        k1 = Self.word(key, 8)
    }

    /// The 64-bit tag of one 64-bit message (eight bytes, little-endian): all `IDCipher` asks.
    func hash(_ message: UInt64) -> UInt64 {
        var s = State(k0: k0, k1: k1)
        s.absorb(message)
        s.absorb(UInt64(8) << 56)  // the last block: no bytes left over, the message length in its top byte
        return s.finish()
    }

    /// Any message (the test vectors are 0 to 63 bytes long).
    func hash(_ bytes: [UInt8]) -> UInt64 {
        var s = State(k0: k0, k1: k1)
        let whole = bytes.count / 8 * 8
        for i in stride(from: 0, to: whole, by: 8) { s.absorb(Self.word(bytes, i)) }
        var last = UInt64(truncatingIfNeeded: bytes.count) << 56
        for (shift, byte) in bytes[whole...].enumerated() { last |= UInt64(byte) << (8 * UInt64(shift)) }
        s.absorb(last)
        return s.finish()
    }

    private static func word(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[at + $1]) << (8 * UInt64($1)) }
    }

    private struct State {
        var v0, v1, v2, v3: UInt64

        init(k0: UInt64, k1: UInt64) {
            v0 = k0 ^ 0x736f6d6570736575
            v1 = k1 ^ 0x646f72616e646f6d
            v2 = k0 ^ 0x6c7967656e657261
            v3 = k1 ^ 0x7465646279746573
        }

        mutating func absorb(_ m: UInt64) {
            v3 ^= m
            round(); round()
            v0 ^= m
        }

        mutating func finish() -> UInt64 {
            v2 ^= 0xff
            round(); round(); round(); round()
            return v0 ^ v1 ^ v2 ^ v3
        }

        private mutating func round() {
            v0 &+= v1; v1 = v1.rotl(13); v1 ^= v0; v0 = v0.rotl(32)
            v2 &+= v3; v3 = v3.rotl(16); v3 ^= v2
            v0 &+= v3; v3 = v3.rotl(21); v3 ^= v0
            v2 &+= v1; v1 = v1.rotl(17); v1 ^= v2; v2 = v2.rotl(32)
        }
    }
}

private extension UInt64 {
    // Inlined by hand: left to the optimiser, each of a round's six rotations was a call (perf showed it in the
    // group-commit writer's profile, about 2 % of its time).
    @inline(__always) func rotl(_ n: UInt64) -> UInt64 { (self << n) | (self >> (64 - n)) }
}
