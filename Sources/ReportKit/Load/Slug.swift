/// Turns a title or file name into a URL path segment: lowercase ASCII letters, digits and
/// single hyphens, so that it can never climb out of the output folder or need escaping.
public enum Slug {
    public static let maximumLength = 80

    public static func make<S: StringProtocol>(from text: S) -> String {
        // Bytes, not a String: a slug is ASCII, and counting a string's characters after every
        // letter made each slug quadratic in its length (entity ids are slugs of every name).
        var result: [UInt8] = []
        result.reserveCapacity(min(text.utf8.count, maximumLength) + 3)
        var pendingHyphen = false
        for scalar in text.unicodeScalars {
            var folded = scalar.foldedLowercase
            if folded == "œ" || folded == "æ" {
                if pendingHyphen { result.append(UInt8(ascii: "-")) }
                result.append(UInt8(ascii: folded == "œ" ? "o" : "a"))
                result.append(UInt8(ascii: "e"))
                pendingHyphen = false
                continue
            }
            if folded == "ß" { folded = "s" }
            if (folded >= "a" && folded <= "z") || (folded >= "0" && folded <= "9") {
                if pendingHyphen && !result.isEmpty { result.append(UInt8(ascii: "-")) }
                pendingHyphen = false
                result.append(UInt8(truncatingIfNeeded: folded.value))
                if result.count >= maximumLength { break }
            } else {
                pendingHyphen = true
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
