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

    /// The high bit of each byte of `word` that is an ASCII letter. High bits are cleared before
    /// the sums (adding 0x80 - c sets a byte's high bit when the byte is at least c), so that a
    /// byte beyond ASCII carries into none after it.
    @inline(__always)
    static func asciiLetters(_ word: UInt64) -> UInt64 {
        let folded = (word & ~highBits) | repeating(0x20)
        return (folded &+ repeating(0x80 - 0x61)) & ~(folded &+ repeating(0x80 - 0x7B)) & ~word & highBits
    }

    /// The high bit of each byte of `word` that is an ASCII digit (carry-safe as `asciiLetters`).
    @inline(__always)
    static func asciiDigits(_ word: UInt64) -> UInt64 {
        let ascii = word & ~highBits
        return (ascii &+ repeating(0x80 - 0x30)) & ~(ascii &+ repeating(0x80 - 0x3A)) & ~word & highBits
    }

    /// Non-zero when a byte of `word` is below `limit` (at most 128).
    @inline(__always)
    static func bytes(_ word: UInt64, below limit: UInt8) -> UInt64 {
        (word &- repeating(limit)) & ~word & highBits
    }
}
