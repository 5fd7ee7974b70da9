/// Integers written as decimal digits into a byte buffer, as `String(value)` spells them, for
/// writers that would otherwise make a `String` per number (report.json's integers, the stamps
/// of a rebuild's inputs).
enum DecimalDigits {
    /// The most digits a `UInt64` has.
    static let maximumCount = 20

    /// Writes `value` at the start of `buffer` (room for `maximumCount` bytes); returns how many
    /// bytes it wrote.
    static func write(_ value: UInt64, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var count = 1, rest = value
        while rest >= 10 { rest /= 10; count += 1 }
        rest = value
        for index in stride(from: count - 1, through: 0, by: -1) {
            buffer[index] = UInt8(48 + rest % 10)
            rest /= 10
        }
        return count
    }
}
