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
    var key: String { endsWithDot ? Self.key(of: folded) : folded }

    /// `folded` without its trailing dots (one character at least stays).
    static func key(of folded: String) -> String {
        guard folded.utf8.count > 1 else { return folded }
        var key = folded
        while key.hasSuffix(".") && key.count > 1 { key.removeLast() }
        return key
    }

    var isWord: Bool { !isPunctuation }
}

/// Splits a sentence into words and punctuation, separating French elisions ("d'OpenAI" →
/// "d'", "OpenAI") and English possessives ("Apple's" → "Apple", "'s").
enum Tokenizer {
    static let attributiveSuffixes: WordSet = ["based", "born", "led", "backed", "owned", "made", "focused", "headquartered", "funded", "style", "like"]
    static let elisions: WordSet = ["d", "l", "qu", "n", "s", "j", "m", "t", "c", "jusqu", "lorsqu", "puisqu", "presqu", "quelqu"]

    static func tokens(_ text: String) -> [Token] { tokens(text, scalars: text.scalarArray) }

    /// `scalars` must be `text`'s: callers that already hold them save a copy.
    static func tokens(_ text: String, scalars: [Unicode.Scalar]) -> [Token] {
        var text = text
        return text.withUTF8 { tokens(utf8: $0, scalars: scalars) }
    }

    private static func tokens(utf8 bytes: UnsafeBufferPointer<UInt8>, scalars array: [Unicode.Scalar]) -> [Token] {
        // The scalars are read through a buffer: a slice of the array per token retained and
        // released its storage, and the words of an article are many.
        array.withUnsafeBufferPointer { scalars in
            // Token texts are cut from the bytes, not rebuilt scalar by scalar. An ASCII sentence's
            // byte offsets are its scalar indices; otherwise a cursor follows the tokens, which come
            // in order (a table of every scalar's offset cost an allocation per sentence).
            let count = scalars.count
            let ascii = bytes.count == count
            var cursor = UTF8OffsetCursor()
            func byteOffset(_ scalar: Int) -> Int { ascii ? scalar : cursor.offset(of: scalar, in: scalars) }
            var tokens: [Token] = []
            // Words of news prose average about six scalars with their space, and punctuation
            // makes tokens too: a third of the scalars seldom needs a second allocation.
            tokens.reserveCapacity(count / 3 + 4)
            var index = 0
            let words = WordStrings.current
            func make(_ start: Int, _ end: Int, punctuation: Bool) -> Token {
                let bytesStart = byteOffset(start), bytesEnd = byteOffset(end)
                return makeToken(UnsafeBufferPointer(rebasing: bytes[bytesStart..<bytesEnd]),
                                 scalars: UnsafeBufferPointer(rebasing: scalars[start..<end]),
                                 start: start, end: end, punctuation: punctuation, words: words)
            }
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
                            if next == "-", isAttributiveSuffix(scalars, from: end + 1) { break scan }
                            end += 2
                        case ".", ",":
                            // Decimals ("1,5", "3.5") and dotted acronyms ("U.S") stay whole.
                            let digits = scalars[end - 1].isDigit && scalars[end + 1].isDigit
                            let acronym = next == "." && scalars[end - 1].isUppercaseLetter && scalars[end + 1].isUppercaseLetter
                            guard digits || acronym else { break scan }
                            end += 2
                        case "'", "\u{2019}":
                            if isElision(scalars, index..<end) { end += 1; break scan }
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

    // The fixed words the tokenizer compares at apostrophes and hyphens, packed: no `String` is
    // made for the letters before every apostrophe and after every hyphen of the text.
    private static let packedElisions = elisions.words.compactMap(PackedASCII.init)
    private static let packedAttributiveSuffixes = attributiveSuffixes.words.compactMap(PackedASCII.init)

    /// Whether the scalars before an apostrophe are an elision ("d", "qu", "Jusqu"), as
    /// `elisions.contains(foldForMatching(...))` says; only letters beyond ASCII (a "Ç'") go that way.
    private static func isElision(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>) -> Bool {
        if let packed = PackedASCII(scalars[range], lowercaseLettersOnly: true) { return packedElisions.contains(packed) }
        guard range.count <= 8, scalars[range].contains(where: { $0.value >= 128 }) else { return false }
        return elisions.contains(foldForMatching(String(scalars: scalars[range])))
    }

    /// Whether the letters from `start` on are an attributive suffix ("based", "Led"), as
    /// `attributiveSuffixes.contains(lowercased())` says.
    private static func isAttributiveSuffix(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, from start: Int) -> Bool {
        var end = start
        while end < scalars.count && scalars[end].isLetter { end += 1 }
        if let packed = PackedASCII(scalars[start..<end], lowercaseLettersOnly: true) { return packedAttributiveSuffixes.contains(packed) }
        guard scalars[start..<end].contains(where: { $0.value >= 128 }) else { return false }
        return attributiveSuffixes.contains(String(scalars: scalars[start..<end]).lowercased())
    }

    /// One token from its UTF-8 bytes and its scalars. ASCII words (most of them) are checked,
    /// folded and digested in one pass over their bytes, and a word already in folded form
    /// shares its text's storage.
    private static func makeToken(_ utf8: UnsafeBufferPointer<UInt8>, scalars: UnsafeBufferPointer<Unicode.Scalar>,
                                  start: Int, end: Int, punctuation: Bool, words: WordStrings) -> Token {
        var ascii = true, needsFolding = false
        var hasDigit = false, hasLower = false, innerUpper = false
        var hash = WordHash.seed
        for (position, byte) in utf8.enumerated() {
            if byte >= 128 { ascii = false; break }
            var folded = byte
            if byte >= 65 && byte <= 90 {
                needsFolding = true
                folded = byte + 32
                if position > 0 { innerUpper = true }
            } else if byte >= 97 && byte <= 122 {
                hasLower = true
            } else if byte >= 48 && byte <= 57 {
                hasDigit = true
            } else if byte == 96 {
                needsFolding = true
                folded = 39
            }
            hash = WordHash.adding(folded, to: hash)
        }
        let text = words.string(utf8)
        var folded = text
        if ascii {
            if needsFolding {
                folded = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8.count) { buffer in
                    for (position, byte) in utf8.enumerated() {
                        buffer[position] = byte >= 65 && byte <= 90 ? byte + 32 : (byte == 96 ? 39 : byte)
                    }
                    return words.string(UnsafeBufferPointer(buffer))
                }
            }
        } else {
            folded = foldedWord(scalars, words: words) ?? foldForMatching(text)
            hash = WordHash.of(folded)
            hasDigit = false; hasLower = false; innerUpper = false
            for (position, scalar) in scalars.enumerated() {
                if scalar.isDigit { hasDigit = true } else if scalar.isLowercaseLetter { hasLower = true }
                else if position > 0 && scalar.isUppercaseLetter { innerUpper = true }
            }
        }
        let endsWithDot = scalars[scalars.count - 1] == "."
        let keyHash = endsWithDot ? WordHash.of(Token.key(of: folded)) : hash
        return Token(text: text, folded: folded, start: start, end: end,
                     isCapitalized: ascii ? utf8[0] &- 65 < 26 : scalars[0].isUppercaseLetter, hasDigit: hasDigit,
                     hasInnerCapital: innerUpper && hasLower, isPunctuation: punctuation,
                     endsWithDot: endsWithDot, hash: hash, keyHash: keyHash)
    }

    /// `foldForMatching` for a word: each scalar folded through the table into a stack buffer
    /// (`String(unsafeUninitializedCapacity:)` with room for four bytes a scalar cost more than
    /// the folding). Nil in the case a word never has (a scalar that folds to a space).
    private static func foldedWord(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, words: WordStrings) -> String? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: scalars.count * 4) { buffer -> String? in
            var index = 0
            for scalar in scalars {
                let lowered = scalar.foldedLowercase
                if lowered.isSpace { return nil }
                if lowered.value < 128 {
                    buffer[index] = UInt8(lowered.value)
                    index += 1
                } else {
                    UTF8.encode(lowered) { buffer[index] = $0; index += 1 }
                }
            }
            return words.string(UnsafeBufferPointer(rebasing: buffer[..<index]))
        }
    }
}
