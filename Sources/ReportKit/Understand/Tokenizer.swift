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

    static func tokens(_ text: String) -> [Token] { tokens(text, fastPaths: true) }

    /// `fastPaths` false makes every token byte by byte (`slowToken`): the tests compare both.
    static func tokens(_ text: String, fastPaths: Bool) -> [Token] {
        var text = text
        return text.withUTF8 { utf8 in
            // Copied with 16 zero bytes after it, so that every word can be loaded eight bytes
            // at a time (`makeToken`) without reading beyond the buffer.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8.count + 16) { padded in
                let count = utf8.count
                if let source = utf8.baseAddress { padded.baseAddress!.initialize(from: source, count: count) }
                (padded.baseAddress! + count).initialize(repeating: 0, count: 16)
                return tokens(utf8: UnsafeBufferPointer(rebasing: padded[..<count]), fastPaths: fastPaths)
            }
        }
    }

    /// One pass over the UTF-8, counting scalars as it goes for the tokens' offsets, where
    /// reading an array of scalars meant walking back to each token's byte offsets in French
    /// text (most sentences have a letter beyond ASCII), and callers without the array made one.
    /// Sixteen bytes after `bytes` must be readable (`tokens(_:fastPaths:)` pads its copy).
    private static func tokens(utf8 bytes: UnsafeBufferPointer<UInt8>, fastPaths: Bool) -> [Token] {
        let count = bytes.count
        var tokens: [Token] = []
        // Words of news prose average about six bytes with their space, and punctuation
        // makes tokens too: a third of the bytes seldom needs a second allocation.
        tokens.reserveCapacity(count / 3 + 4)
        let words = WordStrings.current
        func make(_ start: Int, _ end: Int, scalars: Range<Int>, punctuation: Bool) -> Token {
            let utf8 = UnsafeBufferPointer(rebasing: bytes[start..<end])
            guard fastPaths, utf8.count <= 15 else {
                return slowToken(utf8, start: scalars.lowerBound, end: scalars.upperBound, punctuation: punctuation, words: words)
            }
            return makeToken(utf8, start: scalars.lowerBound, end: scalars.upperBound, punctuation: punctuation, words: words)
        }
        func isWordScalar(at position: Int) -> Bool {
            guard position < count else { return false }
            let scalar = decode(bytes, at: position).scalar
            return scalar.isLetter || scalar.isDigit
        }
        var position = 0, scalarIndex = 0
        while position < count {
            let (scalar, width) = decode(bytes, at: position)
            if scalar.isSpace { position += width; scalarIndex += 1; continue }
            if scalar == "$" || scalar == "€" || scalar == "£" {
                tokens.append(make(position, position + width, scalars: scalarIndex..<(scalarIndex + 1), punctuation: false))
                position += width; scalarIndex += 1
                continue
            }
            if scalar.isLetter || scalar.isDigit {
                var end = position + width, endScalar = scalarIndex + 1
                var last = scalar
                scan: while end < count {
                    if fastPaths {
                        // ASCII letters and digits, most of a word, eight at a time.
                        let run = asciiAlphanumericRun(bytes, from: end)
                        if run > 0 {
                            end += run; endScalar += run
                            last = Unicode.Scalar(bytes[end - 1])
                            if run == 8 { continue }
                            guard end < count else { break }
                        }
                    }
                    let (next, nextWidth) = decode(bytes, at: end)
                    if next.isLetter || next.isDigit { end += nextWidth; endScalar += 1; last = next; continue }
                    let afterStart = end + nextWidth
                    guard afterStart < count else { break }
                    let (after, afterWidth) = decode(bytes, at: afterStart)
                    guard after.isLetter || after.isDigit else { break }
                    switch next {
                    case "-", "_":
                        // "San Francisco-based", "Spark Capital-led": the suffix is not part of the name.
                        if next == "-", isAttributiveSuffix(bytes, from: afterStart) { break scan }
                    case ".", ",":
                        // Decimals ("1,5", "3.5") and dotted acronyms ("U.S") stay whole.
                        let digits = last.isDigit && after.isDigit
                        let acronym = next == "." && last.isUppercaseLetter && after.isUppercaseLetter
                        guard digits || acronym else { break scan }
                    case "'", "\u{2019}":
                        if isElision(UnsafeBufferPointer(rebasing: bytes[position..<end]), scalarCount: endScalar - scalarIndex) {
                            end += nextWidth; endScalar += 1
                            break scan
                        }
                        let possessive = (after == "s" || after == "S") && !isWordScalar(at: afterStart + afterWidth)
                        if possessive { break scan }
                        // "aujourd'hui", "O'Brien"
                    default:
                        break scan
                    }
                    end = afterStart + afterWidth; endScalar += 2; last = after
                }
                tokens.append(make(position, end, scalars: scalarIndex..<endScalar, punctuation: false))
                position = end; scalarIndex = endScalar
                continue
            }
            if scalar.isApostrophe, position + width < count, bytes[position + width] == UInt8(ascii: "s") || bytes[position + width] == UInt8(ascii: "S"),
               !isWordScalar(at: position + width + 1) {
                tokens.append(make(position, position + width + 1, scalars: scalarIndex..<(scalarIndex + 2), punctuation: true))
                position += width + 1; scalarIndex += 2
                continue
            }
            tokens.append(make(position, position + width, scalars: scalarIndex..<(scalarIndex + 1), punctuation: true))
            position += width; scalarIndex += 1
        }
        return tokens
    }

    /// How many of the eight bytes from `start` on are ASCII letters or digits before the first
    /// that is not (8 when all are). The 16 padding bytes after the text are zeros, which stop
    /// the run, so the load never leaves the buffer.
    @inline(__always)
    private static func asciiAlphanumericRun(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + start).loadUnaligned(as: UInt64.self))
        let alphanumeric = ByteWords.asciiLetters(word) | ByteWords.asciiDigits(word)
        return (~alphanumeric & ByteWords.highBits).trailingZeroBitCount >> 3
    }

    /// The scalar at `position` of a `String`'s UTF-8, and its width in bytes.
    @inline(__always)
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> (scalar: Unicode.Scalar, width: Int) {
        let (value, width) = UTF8Scalar.decode(bytes, at: position)
        return (Unicode.Scalar(value).unsafelyUnwrapped, width)
    }

    // The fixed words the tokenizer compares at apostrophes and hyphens, packed: no `String` is
    // made for the letters before every apostrophe and after every hyphen of the text.
    private static let packedElisions = elisions.words.compactMap(PackedASCII.init)
    private static let packedAttributiveSuffixes = attributiveSuffixes.words.compactMap(PackedASCII.init)

    /// Whether the word before an apostrophe is an elision ("d", "qu", "Jusqu"), as
    /// `elisions.contains(foldForMatching(...))` says; only letters beyond ASCII (a "Ç'") go that way.
    private static func isElision(_ word: UnsafeBufferPointer<UInt8>, scalarCount: Int) -> Bool {
        if let packed = PackedASCII(word.lazy.map { Unicode.Scalar($0) }, lowercaseLettersOnly: true) { return packedElisions.contains(packed) }
        guard scalarCount <= 8, word.contains(where: { $0 >= 128 }) else { return false }
        return elisions.contains(foldForMatching(String(decoding: word, as: UTF8.self)))
    }

    /// Whether the letters from `start` on are an attributive suffix ("based", "Led"), as
    /// `attributiveSuffixes.contains(lowercased())` says.
    private static func isAttributiveSuffix(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var end = start
        while end < bytes.count {
            let (scalar, width) = decode(bytes, at: end)
            guard scalar.isLetter else { break }
            end += width
        }
        let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if let packed = PackedASCII(word.lazy.map { Unicode.Scalar($0) }, lowercaseLettersOnly: true) { return packedAttributiveSuffixes.contains(packed) }
        guard word.contains(where: { $0 >= 128 }) else { return false }
        return attributiveSuffixes.contains(String(decoding: word, as: UTF8.self).lowercased())
    }

    /// One token of at most 15 bytes from its UTF-8, with 16 bytes readable from its start. An
    /// ASCII word (most of them) is loaded as two integers and classified, folded and looked up
    /// in the word table eight bytes at a time; a word with Latin letters beyond ASCII or curly
    /// apostrophes (French text) goes byte by byte without decoding (`latinToken`); any other
    /// goes through `slowToken`, which all three agree with (the tests compare them).
    @inline(__always)
    private static func makeToken(_ utf8: UnsafeBufferPointer<UInt8>, start: Int, end: Int, punctuation: Bool, words: WordStrings) -> Token {
        let count = utf8.count
        let raw = UnsafeRawPointer(utf8.baseAddress!)
        let lowMask: UInt64 = count >= 8 ? ~0 : (1 << UInt64(8 * count)) &- 1
        let highMask: UInt64 = count <= 8 ? 0 : (1 << UInt64(8 * (count - 8))) &- 1
        let low = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)) & lowMask
        let high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) & highMask
        let letters = ASCIIClasses(low), more = ASCIIClasses(high)
        guard letters.isPlain && more.isPlain else {
            if (low | high) & ByteWords.highBits != 0,
               let token = latinToken(utf8, low: low, high: high, start: start, end: end, punctuation: punctuation, words: words) {
                return token
            }
            return slowToken(utf8, start: start, end: end, punctuation: punctuation, words: words)
        }
        let foldedLow = low | (letters.upper >> 2), foldedHigh = high | (more.upper >> 2)
        var hash = WordHash.seed
        var word = foldedLow
        for index in 0..<count {
            if index == 8 { word = foldedHigh }
            hash = WordHash.adding(UInt8(truncatingIfNeeded: word), to: hash)
            word >>= 8
        }
        let text = words.string(low: low, high: high, count: count)
        let needsFolding = (letters.upper | more.upper) != 0
        let folded = needsFolding ? words.string(low: foldedLow, high: foldedHigh, count: count) : text
        let endsWithDot = utf8[count - 1] == UInt8(ascii: ".")
        let keyHash = endsWithDot ? WordHash.of(Token.key(of: folded)) : hash
        let hasLower = (letters.lower | more.lower) != 0
        let innerUpper = (letters.upper & ~0x80) | more.upper != 0
        return Token(text: text, folded: folded, start: start, end: end,
                     isCapitalized: letters.upper & 0x80 != 0, hasDigit: (letters.digit | more.digit) != 0,
                     hasInnerCapital: innerUpper && hasLower, isPunctuation: punctuation,
                     endsWithDot: endsWithDot, hash: hash, keyHash: keyHash)
    }

    /// The high bit of each of eight packed bytes that is an uppercase ASCII letter, a lowercase
    /// one or a digit; `isPlain` when all eight are ASCII and none is a backquote (folded to an
    /// apostrophe by `slowToken`).
    private struct ASCIIClasses {
        let upper: UInt64, lower: UInt64, digit: UInt64
        let isPlain: Bool

        @inline(__always)
        init(_ word: UInt64) {
            let high = ByteWords.highBits
            // For bytes below 0x80, adding 0x80 - c sets a byte's high bit when the byte is at
            // least c, and never carries into the next byte.
            func atLeast(_ c: UInt8) -> UInt64 { word &+ ByteWords.repeating(0x80 - c) }
            upper = atLeast(0x41) & ~atLeast(0x5B) & high
            lower = atLeast(0x61) & ~atLeast(0x7B) & high
            digit = atLeast(0x30) & ~atLeast(0x3A) & high
            let hasBackquote = ByteWords.zeroBytes(word ^ ByteWords.repeating(0x60)) != 0
            isPlain = word & high == 0 && !hasBackquote
        }
    }

    /// What `slowToken` makes of a word whose scalars beyond ASCII are all Latin-1 letters that
    /// fold to an ASCII letter ("Économie", "français") or curly apostrophes ("l’"), read byte
    /// by byte without decoding; nil for any other word. `low` and `high` are its bytes packed.
    @inline(never)
    private static func latinToken(_ utf8: UnsafeBufferPointer<UInt8>, low: UInt64, high: UInt64, start: Int, end: Int,
                                   punctuation: Bool, words: WordStrings) -> Token? {
        let count = utf8.count
        var foldedLow: UInt64 = 0, foldedHigh: UInt64 = 0, foldedCount = 0
        var hash = WordHash.seed
        var hasDigit = false, hasLower = false, innerUpper = false, isCapitalized = false
        var index = 0
        while index < count {
            let byte = utf8[index]
            var folded = byte, isUpper = false
            if byte < 0x80 {
                // As `Unicode.Scalar.foldedLowercase`: only letters change (a backquote stays).
                if byte &- 65 < 26 { folded = byte + 32; isUpper = true }
                else if byte &- 97 < 26 { hasLower = true }
                else if byte &- 48 < 10 { hasDigit = true }
                index += 1
            } else if byte == 0xC3, index + 1 < count {
                let entry = latinLetters[Int(utf8[index + 1] & 0x3F)]
                guard entry.folded != 0, utf8[index + 1] & 0xC0 == 0x80 else { return nil }
                folded = entry.folded
                isUpper = entry.isUpper
                if entry.isLower { hasLower = true }
                index += 2
            } else if byte == 0xE2, index + 2 < count, utf8[index + 1] == 0x80, utf8[index + 2] == 0x98 || utf8[index + 2] == 0x99 {
                folded = UInt8(ascii: "'")
                index += 3
            } else {
                return nil
            }
            if isUpper { if foldedCount == 0 { isCapitalized = true } else { innerUpper = true } }
            if foldedCount < 8 { foldedLow |= UInt64(folded) << UInt64(8 * foldedCount) }
            else { foldedHigh |= UInt64(folded) << UInt64(8 * (foldedCount - 8)) }
            foldedCount += 1
            hash = WordHash.adding(folded, to: hash)
        }
        let text = words.string(low: low, high: high, count: count)
        let folded = words.string(low: foldedLow, high: foldedHigh, count: foldedCount)
        let endsWithDot = utf8[count - 1] == UInt8(ascii: ".")
        let keyHash = endsWithDot ? WordHash.of(Token.key(of: folded)) : hash
        return Token(text: text, folded: folded, start: start, end: end,
                     isCapitalized: isCapitalized, hasDigit: hasDigit,
                     hasInnerCapital: innerUpper && hasLower, isPunctuation: punctuation,
                     endsWithDot: endsWithDot, hash: hash, keyHash: keyHash)
    }

    /// U+00C0-U+00FF by the last byte of their UTF-8 (0xC3 0x80-0xBF): the ASCII letter each
    /// folds to (0 for those that fold to something else: ß, æ, ø, ×, ÷, þ, ð) and its case.
    private static let latinLetters: [(folded: UInt8, isUpper: Bool, isLower: Bool)] = (0xC0...0xFF).map { value in
        let scalar = Unicode.Scalar(UInt32(value))!
        let folded = scalar.foldedLowercase.value
        return (folded < 128 ? UInt8(folded) : 0, scalar.isUppercaseLetter, scalar.isLowercaseLetter)
    }

    /// One token byte by byte, for words the fast paths leave (longer than 15 bytes, beyond
    /// Latin-1, an ASCII word with a backquote) and for every word when `fastPaths` is false, as
    /// the tests ask to compare the paths. ASCII words are checked, folded and
    /// digested in one pass over their bytes, and a word already in folded form shares its
    /// text's storage; the others are decoded to scalars on the stack.
    @inline(never)
    private static func slowToken(_ utf8: UnsafeBufferPointer<UInt8>, start: Int, end: Int, punctuation: Bool, words: WordStrings) -> Token {
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
        var isCapitalized = utf8[0] &- 65 < 26
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
            withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: end - start) { buffer in
                var position = 0, index = 0
                while position < utf8.count {
                    let (scalar, width) = decode(utf8, at: position)
                    buffer.initializeElement(at: index, to: scalar)
                    position += width; index += 1
                }
                let scalars = UnsafeBufferPointer(buffer)
                folded = foldedWord(scalars, words: words) ?? foldForMatching(text)
                hash = WordHash.of(folded)
                hasDigit = false; hasLower = false; innerUpper = false
                for (position, scalar) in scalars.enumerated() {
                    if scalar.isDigit { hasDigit = true } else if scalar.isLowercaseLetter { hasLower = true }
                    else if position > 0 && scalar.isUppercaseLetter { innerUpper = true }
                }
                isCapitalized = scalars[0].isUppercaseLetter
                buffer.deinitialize()
            }
        }
        let endsWithDot = utf8[utf8.count - 1] == UInt8(ascii: ".")
        let keyHash = endsWithDot ? WordHash.of(Token.key(of: folded)) : hash
        return Token(text: text, folded: folded, start: start, end: end,
                     isCapitalized: isCapitalized, hasDigit: hasDigit,
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
