/// A word of a sentence, with its place and a folded form for matching.
struct Token: Sendable {
    var text: String
    /// Lowercase, no accents, straight apostrophes.
    var folded: String
    /// Scalar offsets within the sentence text.
    var start: Int
    var end: Int
    var isCapitalized: Bool
    var hasDigit: Bool
    /// An uppercase letter after the first and a lowercase one somewhere ("OpenAI", "xAI", "iPhone").
    var hasInnerCapital: Bool
    /// Punctuation tokens (",", "«", "(", ":") are kept so that patterns can stop at them.
    var isPunctuation: Bool
    /// The folded form ends with a dot ("inc.", "u.s.").
    var endsWithDot: Bool
    /// `WordHash` of `folded` and of `key`, for `WordFilter`s.
    var hash: UInt32
    var keyHash: UInt32

    var scalarCount: Int { end - start }

    /// The folded form without trailing dots: what gazetteer keys are made of. Computed: most
    /// tokens have no trailing dot, and a third string per token was a visible copying cost.
    var key: String {
        guard endsWithDot, folded.utf8.count > 1 else { return folded }
        var key = folded
        while key.hasSuffix(".") && key.count > 1 { key.removeLast() }
        return key
    }

    var isWord: Bool { !isPunctuation }
}

/// Splits a sentence into words and punctuation, separating French elisions ("d'OpenAI" →
/// "d'", "OpenAI") and English possessives ("Apple's" → "Apple", "'s").
enum Tokenizer {
    static let attributiveSuffixes: Set<String> = ["based", "born", "led", "backed", "owned", "made", "focused", "headquartered", "funded", "style", "like"]
    static let elisions: Set<String> = ["d", "l", "qu", "n", "s", "j", "m", "t", "c", "jusqu", "lorsqu", "puisqu", "presqu", "quelqu"]

    static func tokens(_ text: String) -> [Token] { tokens(text, scalars: Array(text.unicodeScalars)) }

    /// `scalars` must be `text`'s: callers that already hold them save a copy.
    static func tokens(_ text: String, scalars: [Unicode.Scalar]) -> [Token] {
        let bytes = Array(text.utf8)
        // UTF-8 offset of each scalar: token texts are cut from the bytes, not rebuilt scalar by scalar.
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var offset = 0
        for scalar in scalars {
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count / 5)
        var index = 0
        func make(_ start: Int, _ end: Int, punctuation: Bool) -> Token {
            let low = offsets[start], high = offsets[end]
            let slice = String(decoding: bytes[low..<high], as: UTF8.self)
            // ASCII words (most of them) are folded and digested in one pass over their bytes.
            var ascii = true, needsFolding = false
            for position in low..<high {
                let byte = bytes[position]
                if byte >= 128 { ascii = false; break }
                if (byte >= 65 && byte <= 90) || byte == 96 { needsFolding = true }
            }
            var folded = slice
            let hash: UInt32
            if ascii {
                if needsFolding {
                    let lowered = bytes[low..<high].map { $0 >= 65 && $0 <= 90 ? $0 + 32 : ($0 == 96 ? 39 : $0) }
                    folded = String(decoding: lowered, as: UTF8.self)
                    hash = WordHash.of(bytes: lowered)
                } else {
                    hash = WordHash.of(bytes: bytes[low..<high])
                }
            } else {
                folded = foldForMatching(slice)
                hash = WordHash.of(folded)
            }
            var hasDigit = false, hasLower = false, innerUpper = false
            for position in start..<end {
                let scalar = scalars[position]
                if scalar.isDigit { hasDigit = true } else if scalar.isLowercaseLetter { hasLower = true }
                else if position > start && scalar.isUppercaseLetter { innerUpper = true }
            }
            var token = Token(text: slice, folded: folded, start: start, end: end,
                              isCapitalized: scalars[start].isUppercaseLetter, hasDigit: hasDigit,
                              hasInnerCapital: innerUpper && hasLower, isPunctuation: punctuation,
                              endsWithDot: scalars[end - 1] == ".", hash: hash, keyHash: hash)
            if token.endsWithDot { token.keyHash = WordHash.of(token.key) }
            return token
        }
        let count = scalars.count
        func isWordScalar(_ position: Int) -> Bool {
            position < count && (scalars[position].isLetter || scalars[position].isDigit)
        }
        while index < count {
            let scalar = scalars[index]
            if scalar.isSpace { index += 1; continue }
            if scalar == "$" || scalar == "€" || scalar == "£" {
                tokens.append(make(index, index + 1, punctuation: false))
                index += 1
                continue
            }
            if isWordScalar(index) {
                var end = index + 1
                scan: while end < count {
                    let next = scalars[end]
                    if next.isLetter || next.isDigit { end += 1; continue }
                    guard isWordScalar(end + 1) else { break }
                    switch next {
                    case "-", "_":
                        // "San Francisco-based", "Spark Capital-led": the suffix is not part of the name.
                        let rest = String(String.UnicodeScalarView(scalars[(end + 1)...].prefix { $0.isLetter })).lowercased()
                        if next == "-", Self.attributiveSuffixes.contains(rest) { break scan }
                        end += 2
                    case ".", ",":
                        // Decimals ("1,5", "3.5") and dotted acronyms ("U.S") stay whole.
                        let digits = scalars[end - 1].isDigit && scalars[end + 1].isDigit
                        let acronym = next == "." && scalars[end - 1].isUppercaseLetter && scalars[end + 1].isUppercaseLetter
                        guard digits || acronym else { break scan }
                        end += 2
                    case "'", "\u{2019}":
                        let prefix = foldForMatching(String(scalars: scalars[index..<end]))
                        if elisions.contains(prefix) { end += 1; break scan }
                        let possessive = (scalars[end + 1] == "s" || scalars[end + 1] == "S") && !isWordScalar(end + 2)
                        if possessive { break scan }
                        end += 2   // "aujourd'hui", "O'Brien"
                    default:
                        break scan
                    }
                }
                tokens.append(make(index, end, punctuation: false))
                index = end
                continue
            }
            if scalar.isApostrophe, index + 1 < count, scalars[index + 1] == "s" || scalars[index + 1] == "S", !isWordScalar(index + 2) {
                tokens.append(make(index, index + 2, punctuation: true))
                index += 2
                continue
            }
            tokens.append(make(index, index + 1, punctuation: true))
            index += 1
        }
        return tokens
    }
}
