/// Turns a title or file name into a URL path segment: lowercase ASCII letters, digits and
/// single hyphens, so that it can never climb out of the output folder or need escaping.
public enum Slug {
    public static let maximumLength = 80

    public static func make<S: StringProtocol>(from text: S) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in text.unicodeScalars {
            var folded = scalar.foldedLowercase
            if folded == "œ" { result += pendingHyphen ? "-oe" : "oe"; pendingHyphen = false; continue }
            if folded == "æ" { result += pendingHyphen ? "-ae" : "ae"; pendingHyphen = false; continue }
            if folded == "ß" { folded = "s" }
            if (folded >= "a" && folded <= "z") || (folded >= "0" && folded <= "9") {
                if pendingHyphen && !result.isEmpty { result.append("-") }
                pendingHyphen = false
                result.unicodeScalars.append(folded)
                if result.count >= maximumLength { break }
            } else {
                pendingHyphen = true
            }
        }
        return result
    }
}
