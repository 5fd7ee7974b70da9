/// Tests on eight bytes at once, loaded as one `UInt64`, for scanners that look for a few byte
/// values in long runs of text (manifest fields, JSON strings) or classify a word at once (the
/// tokenizer).
enum ByteWords {
    /// `byte` in each of the eight bytes.
    @inline(__always)
    static func repeating(_ byte: UInt8) -> UInt64 { 0x0101_0101_0101_0101 &* UInt64(byte) }

    /// The high bit of each of the eight bytes.
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each zero byte of `word`; bits above the first zero byte may be wrong,
    /// which is enough to find the first, or to know there is one.
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & highBits
    }

    /// Non-zero when a byte of `word` is below `limit` (at most 128).
    @inline(__always)
    static func bytes(_ word: UInt64, below limit: UInt8) -> UInt64 {
        (word &- repeating(limit)) & ~word & highBits
    }
}
