extension String {
    /// "s12", "p3", "ev7": a prefix and a number, written straight into the string; an
    /// interpolation formats the number through `description` and appends twice, several hundred
    /// instructions for each of an article's sentences and paragraphs.
    static func identifier(_ prefix: String, _ number: Int) -> String {
        guard number >= 0 else { return prefix + String(number) }
        var digits = 1, rest = number
        while rest >= 10 { digits += 1; rest /= 10 }
        var prefix = prefix
        return prefix.withUTF8 { head in
            // The exact capacity: at most 15 bytes make a small string, stored inline.
            String(unsafeUninitializedCapacity: head.count + digits) { buffer in
                for (position, byte) in head.enumerated() { buffer[position] = byte }
                var rest = number
                for position in stride(from: head.count + digits - 1, through: head.count, by: -1) {
                    buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                return head.count + digits
            }
        }
    }
}
