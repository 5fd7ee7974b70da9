/// Small scalar-level helpers shared by the loader and the recognisers. They avoid Foundation
/// (slow on Linux for this kind of work) and regular expressions.
extension StringProtocol {
    public func trimmingWhitespace() -> String {
        let scalars = Array(unicodeScalars)
        guard let first = scalars.firstIndex(where: { !$0.isSpace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isSpace })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

extension Unicode.Scalar {
    // ASCII fast paths: Unicode property lookups are slow and most article text is ASCII.
    var isLetter: Bool {
        if value < 128 { return (value >= 65 && value <= 90) || (value >= 97 && value <= 122) }
        return properties.isAlphabetic
    }
    var isUppercaseLetter: Bool {
        if value < 128 { return value >= 65 && value <= 90 }
        return properties.isUppercase
    }
    var isLowercaseLetter: Bool {
        if value < 128 { return value >= 97 && value <= 122 }
        return properties.isLowercase
    }
    var isDigit: Bool { value >= 48 && value <= 57 }
    var isSpace: Bool {
        if value < 128 { return value == 32 || (value >= 9 && value <= 13) }
        return properties.isWhitespace
    }
    var isApostrophe: Bool { self == "'" || self == "\u{2019}" }

    /// Removes the accent from common Latin letters, for matching wordings case- and accent-blind.
    var foldedLowercase: Unicode.Scalar {
        let lowered: Unicode.Scalar
        if value < 128 {
            lowered = (value >= 65 && value <= 90) ? Unicode.Scalar(value + 32)! : self
            return lowered
        }
        let string = String(self).lowercased()
        lowered = string.unicodeScalars.first ?? self
        switch lowered {
        case "à", "â", "ä", "á", "ã", "å": return "a"
        case "é", "è", "ê", "ë": return "e"
        case "î", "ï", "í", "ì": return "i"
        case "ô", "ö", "ó", "ò", "õ": return "o"
        case "ù", "û", "ü", "ú": return "u"
        case "ç": return "c"
        case "ñ": return "n"
        case "ÿ": return "y"
        case "\u{2019}", "\u{2018}", "`", "\u{B4}": return "'"
        case "\u{A0}", "\u{202F}": return " "
        default: return lowered
        }
    }
}

/// Lowercase, accent-free, apostrophes unified, runs of spaces collapsed: the form in which
/// wordings from lexicons are compared with text.
public func foldForMatching<S: StringProtocol>(_ text: S) -> String {
    // Fast path for ASCII, which is most words: lowercase the bytes, collapse spaces.
    if text.utf8.allSatisfy({ $0 < 128 }) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var previousSpace = true
        for byte in text.utf8 {
            if byte == 32 || (byte >= 9 && byte <= 13) {
                if !previousSpace { bytes.append(32) }
                previousSpace = true
            } else {
                bytes.append(byte >= 65 && byte <= 90 ? byte + 32 : (byte == 96 ? 39 : byte))
                previousSpace = false
            }
        }
        if bytes.last == 32 { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
    var result = String.UnicodeScalarView()
    var previousSpace = true
    for scalar in text.unicodeScalars {
        let folded = scalar.foldedLowercase
        if folded.isSpace {
            if !previousSpace { result.append(" ") }
            previousSpace = true
        } else {
            result.append(folded)
            previousSpace = false
        }
    }
    if result.last == " " { result.removeLast() }
    return String(result)
}

/// Splits text into word tokens (letters, digits and inner hyphens/apostrophes).
func countWords<S: StringProtocol>(_ text: S) -> Int {
    var count = 0
    var inWord = false
    for scalar in text.unicodeScalars {
        let wordy = scalar.isLetter || scalar.isDigit
        if wordy && !inWord { count += 1 }
        inWord = wordy || (inWord && (scalar == "-" || scalar.isApostrophe))
    }
    return count
}

/// Substring search on UTF-8 bytes (Foundation's `contains` is slow on Linux).
func fastContains(_ haystack: String, _ needle: String) -> Bool {
    var haystack = haystack, needle = needle
    return haystack.withUTF8 { hay in
        needle.withUTF8 { pin in
            guard !pin.isEmpty else { return true }
            guard pin.count <= hay.count, let first = pin.first else { return false }
            var index = 0
            let last = hay.count - pin.count
            while index <= last {
                if hay[index] == first {
                    var matched = true
                    for offset in 1..<pin.count where hay[index + offset] != pin[offset] { matched = false; break }
                    if matched { return true }
                }
                index += 1
            }
            return false
        }
    }
}

extension String {
    /// Cuts to `limit` characters with an ellipsis, on a word boundary when possible.
    func truncated(to limit: Int) -> String {
        guard count > limit else { return self }
        let cut = prefix(limit - 1)
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > limit / 2 {
            return String(cut[..<space]) + "…"
        }
        return String(cut) + "…"
    }
}

extension String {
    /// Drops trailing `characters`, then surrounding whitespace.
    func trimmingCharactersIn(_ characters: String) -> String {
        var result = self
        while let last = result.last, characters.contains(last) { result.removeLast() }
        return result.trimmingWhitespace()
    }
}
