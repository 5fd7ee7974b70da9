/// Reads the normalised date values of the model ("2025", "2025-01", "2025-01-14",
/// "2019/2023") from their UTF-8. They are read for every dated event on several pages, and a
/// `String.split` walks grapheme clusters.
enum ISOValue {
    /// The two ends of a range, or nil when `value` is not "A/B" with both ends present.
    static func rangeEnds(_ value: String) -> (String, String)? {
        let bytes = value.utf8
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else { return nil }
        let first = value[..<slash], second = value[value.utf8.index(after: slash)...]
        guard !first.isEmpty, !second.isEmpty, !second.utf8.contains(UInt8(ascii: "/")) else { return nil }
        return (String(first), String(second))
    }

    /// The start of a range, or the value itself.
    static func start(_ value: String) -> Substring {
        guard let slash = value.utf8.firstIndex(of: UInt8(ascii: "/")) else { return value[...] }
        return value[..<slash]
    }

    /// The numbers between hyphens ("2025-01-14" → [2025, 1, 14]); parts that are not numbers
    /// are left out, as `split(separator: "-").compactMap { Int($0) }` does.
    static func fields<S: StringProtocol>(_ value: S) -> [Int] {
        var fields: [Int] = []
        fields.reserveCapacity(3)   // year, month, day: no growth on the way
        var number = 0, digits = 0, valid = true, sawPlus = false
        func finish() {
            if digits > 0 && valid { fields.append(number) }
            number = 0; digits = 0; valid = true; sawPlus = false
        }
        for byte in value.utf8 {
            if byte == UInt8(ascii: "-") { finish(); continue }
            if byte >= 48 && byte <= 57 {
                let (times, overflow) = number.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int(byte - 48))
                if overflow || overflow2 { valid = false }
                number = sum
                digits += 1
            } else if byte == UInt8(ascii: "+") && digits == 0 && !sawPlus {
                sawPlus = true
            } else {
                valid = false
            }
        }
        finish()
        return fields
    }
}
