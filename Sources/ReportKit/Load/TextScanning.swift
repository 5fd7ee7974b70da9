/// Small scalar-level helpers shared by the loader and the recognisers. They avoid Foundation
/// (slow on Linux for this kind of work) and regular expressions.
extension StringProtocol {
    public func trimmingWhitespace() -> String {
        // Most strings have nothing to trim: ASCII non-space at both ends.
        let whole = String(self)
        if let first = whole.utf8.first, let last = whole.utf8.last, first < 128, last < 128,
           !(first == 32 || (first >= 9 && first <= 13)), !(last == 32 || (last >= 9 && last <= 13)) {
            return whole
        }
        // Walked from both ends in place: most strings that get here end in a mark beyond ASCII
        // (« », curly quotes) and have nothing to trim, and an array of every scalar cost more.
        let scalars = whole.unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, scalars[start].isSpace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].isSpace { end = scalars.index(before: end) }
        if start == scalars.startIndex && end == scalars.endIndex { return whole }
        return String(scalars[start..<end])
    }
}

extension Unicode.Scalar {
    // ASCII fast paths: Unicode property lookups are slow and most article text is ASCII.
    var isLetter: Bool {
        if value < 128 { return (value >= 65 && value <= 90) || (value >= 97 && value <= 122) }
        if value < 0x250 { return Self.latinTraits[Int(value)] & Self.alphabetic != 0 }
        return properties.isAlphabetic
    }
    var isUppercaseLetter: Bool {
        if value < 128 { return value >= 65 && value <= 90 }
        if value < 0x250 { return Self.latinTraits[Int(value)] & Self.uppercase != 0 }
        return properties.isUppercase
    }
    var isLowercaseLetter: Bool {
        if value < 128 { return value >= 97 && value <= 122 }
        if value < 0x250 { return Self.latinTraits[Int(value)] & Self.lowercase != 0 }
        return properties.isLowercase
    }
    var isDigit: Bool { value >= 48 && value <= 57 }
    var isSpace: Bool {
        if value < 128 { return value == 32 || (value >= 9 && value <= 13) }
        if value < 0x250 { return Self.latinTraits[Int(value)] & Self.whitespace != 0 }
        return properties.isWhitespace
    }

    // Latin letters with accents are most of the non-ASCII text in French articles: their
    // properties come from a table made once from the same Unicode properties.
    private static let alphabetic: UInt8 = 1, uppercase: UInt8 = 2, lowercase: UInt8 = 4, whitespace: UInt8 = 8
    private static let latinTraits: [UInt8] = (0..<0x250).map { value in
        let properties = Unicode.Scalar(UInt32(value))!.properties
        return (properties.isAlphabetic ? alphabetic : 0) | (properties.isUppercase ? uppercase : 0)
            | (properties.isLowercase ? lowercase : 0) | (properties.isWhitespace ? whitespace : 0)
    }
    var isApostrophe: Bool { self == "'" || self == "\u{2019}" }

    /// Removes the accent from common Latin letters, for matching wordings case- and accent-blind.
    var foldedLowercase: Unicode.Scalar {
        if value < 128 {
            return (value >= 65 && value <= 90) ? Unicode.Scalar(UInt8(value + 32)) : self
        }
        // Latin letters and the usual punctuation come from a table: lowercasing through a
        // String for every accented letter was a visible share of French builds.
        if value < UInt32(Self.foldTable.count) { return Self.foldTable[Int(value)] }
        if value >= 0x2000 && value < 0x2030 { return Self.foldPunctuation[Int(value - 0x2000)] }
        return slowFoldedLowercase
    }

    private static let foldTable: [Unicode.Scalar] = (0..<0x250).map { Unicode.Scalar($0)!.slowFoldedLowercase }
    private static let foldPunctuation: [Unicode.Scalar] = (0x2000..<0x2030).map { Unicode.Scalar($0)!.slowFoldedLowercase }

    private var slowFoldedLowercase: Unicode.Scalar {
        let lowered: Unicode.Scalar
        if value < 128 {
            return (value >= 65 && value <= 90) ? Unicode.Scalar(UInt8(value + 32)) : self
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
    // Fastest path: a lowercase ASCII word is its own folded form (no copy at all).
    var unchanged = true, ascii = true
    for byte in text.utf8 {
        if byte >= 128 { ascii = false; unchanged = false; break }
        if (byte >= 65 && byte <= 90) || byte == 96 || byte == 32 || (byte >= 9 && byte <= 13) { unchanged = false }
    }
    if unchanged { return String(text) }
    // Fast path for ASCII, which is most words: lowercase the bytes, collapse spaces.
    if ascii {
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
    return foldForMatching(scalars: text.unicodeScalars, capacity: text.utf8.count)
}

/// `foldForMatching` of text held as scalars, without making a `String` of it first.
func foldForMatching<C: Collection>(scalars: C, capacity: Int? = nil) -> String where C.Element == Unicode.Scalar {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(capacity ?? scalars.count + 8)
    foldBytes(scalars) { bytes.append($0) }
    if bytes.last == 32 { bytes.removeLast() }
    return String(decoding: bytes, as: UTF8.self)
}

/// Writes the UTF-8 of `foldForMatching(scalars:)` into `buffer`, which must hold four bytes a
/// scalar, and returns its length: for callers that only search it and need no `String` (whose
/// making validates the bytes once more).
func foldForMatching(_ scalars: [Unicode.Scalar], into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
    precondition(buffer.count >= scalars.count * 4)
    var count = 0
    // Whether the last byte written is a space (none is written first): ASCII is folded through
    // a table and runs of spaces are counted as one by arithmetic (the notice search folds the
    // last blocks of every article).
    var previousSpace = 1
    asciiFolded.withUnsafeBufferPointer { folded in
        for scalar in scalars {
            let value = scalar.value
            if value < 128 {
                let byte = folded[Int(value)]
                let space = byte == 32 ? 1 : 0
                buffer[count] = byte
                count += 1 - (space & previousSpace)
                previousSpace = space
                continue
            }
            let lowered = scalar.foldedLowercase
            if lowered.isSpace {
                if previousSpace == 0 { buffer[count] = 32; count += 1 }
                previousSpace = 1
            } else {
                if lowered.value < 128 {
                    buffer[count] = UInt8(truncatingIfNeeded: lowered.value); count += 1
                } else {
                    UTF8.encode(lowered) { buffer[count] = $0; count += 1 }
                }
                previousSpace = 0
            }
        }
    }
    if count > 0 && buffer[count - 1] == 32 { count -= 1 }
    return count
}

/// `foldedLowercase` of each ASCII scalar as a byte, ASCII whitespace as a space.
private let asciiFolded: [UInt8] = (0..<128).map { (value: UInt32) -> UInt8 in
    let scalar = Unicode.Scalar(value)!
    return scalar.isSpace ? 32 : UInt8(scalar.foldedLowercase.value)
}

/// The folded UTF-8 of `scalars`, runs of spaces as one and none leading, byte by byte (a
/// trailing space is the caller's to drop).
@inline(__always)
private func foldBytes<C: Collection>(_ scalars: C, _ emit: (UInt8) -> Void) where C.Element == Unicode.Scalar {
    var previousSpace = true
    for scalar in scalars {
        let folded = scalar.foldedLowercase
        if folded.isSpace {
            if !previousSpace { emit(32) }
            previousSpace = true
        } else {
            if folded.value < 128 { emit(UInt8(truncatingIfNeeded: folded.value)) } else { UTF8.encode(folded, into: emit) }
            previousSpace = false
        }
    }
}

/// Counts the words of a text (runs of letters and digits, with inner hyphens and apostrophes).
func countWords<S: StringProtocol>(_ text: S) -> Int { countWords(scalars: text.unicodeScalars) }

func countWords<C: Collection>(scalars: C) -> Int where C.Element == Unicode.Scalar {
    if let count = scalars.withContiguousStorageIfAvailable({ countWords(buffer: $0) }) { return count }
    var count = 0
    var inWord = false
    for scalar in scalars {
        let wordy = scalar.isLetter || scalar.isDigit
        if wordy && !inWord { count += 1 }
        inWord = wordy || (inWord && (scalar == "-" || scalar.isApostrophe))
    }
    return count
}

/// The same count over a buffer, without a branch on the words themselves: the start of each
/// word is counted by arithmetic, where a test per scalar mispredicted at every word boundary
/// (one in six scalars, each costing more than the rest of the loop).
private func countWords(buffer scalars: UnsafeBufferPointer<Unicode.Scalar>) -> Int {
    var count = 0
    var inWord = 0
    asciiWordKinds.withUnsafeBufferPointer { kinds in
        for scalar in scalars {
            let value = scalar.value
            // 1: a letter or digit; 2: a joiner (hyphen, apostrophe); 0: anything else.
            let kind = value < 128 ? Int(kinds[Int(value)]) : (scalar.isLetter ? 1 : (value == 0x2019 ? 2 : 0))
            let wordy = kind & 1
            count &+= wordy & (inWord ^ 1)
            inWord = wordy | (inWord & (kind >> 1))
        }
    }
    return count
}

/// `countWords`' kind of each ASCII byte: 1 for letters and digits, 2 for the hyphen and the
/// apostrophe, 0 for the rest.
private let asciiWordKinds: [UInt8] = (0..<128).map { (value: UInt32) -> UInt8 in
    if (value | 32) &- 97 < 26 || value &- 48 < 10 { return 1 }
    return value == 45 || value == 39 ? 2 : 0
}

extension String {
    /// Cuts to `limit` characters with an ellipsis, on a word boundary when possible.
    func truncated(to limit: Int) -> String {
        // No more bytes than the limit: no more characters either.
        if utf8.count <= limit { return self }
        if let cut = truncatedByScalars(to: limit) { return cut }
        guard count > limit else { return self }
        let cut = prefix(limit - 1)
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > limit / 2 {
            return String(cut[..<space]) + "…"
        }
        return String(cut) + "…"
    }
}

extension String {
    /// `truncated` counted in scalars, for text whose first `limit + 1` scalars are each a
    /// character of their own (Latin letters, punctuation, no combining marks, no CR): counting
    /// characters means finding grapheme breaks, many times slower. What comes after them cannot
    /// join the first `limit - 1` kept, nor make the text shorter than `limit`, so it is not read.
    /// Nil for other text. Read on the UTF-8, and the result made in one piece: gathering the
    /// scalars in an array and joining two strings cost about 4,700 instructions a label.
    private func truncatedByScalars(to limit: Int) -> String? {
        guard limit > 1 else { return nil }
        var text = self
        return text.withUTF8 { bytes -> String? in
            var count = 0, offset = 0
            // The end of the first `limit - 1` scalars, and of those before the last space among them.
            var keptEnd = 0, spaceEnd: Int?
            while offset < bytes.count && count <= limit {
                let (value, length) = UTF8Scalar.decode(bytes, at: offset)
                // Below the combining marks; general punctuation (dashes, quotes, the narrow no-break
                // space of French typography, separators and bidi controls, which stand alone); and
                // currency signs (a "€" sent every amount's sentence the slow way).
                guard (value < 0x300 && value != 13) || (0x2010...0x205E).contains(value) || (0x20A0...0x20C0).contains(value) else { return nil }
                if count < limit - 1 {
                    if value == 32 && count > limit / 2 { spaceEnd = offset }
                    keptEnd = offset + length
                }
                count += 1
                offset += length
            }
            guard count > limit else { return self }
            let end = spaceEnd ?? keptEnd
            let ellipsis: StaticString = "…"
            return String(unsafeUninitializedCapacity: end + ellipsis.utf8CodeUnitCount) { buffer in
                _ = buffer.initialize(fromContentsOf: UnsafeBufferPointer(rebasing: bytes[..<end]))
                (buffer.baseAddress! + end).initialize(from: ellipsis.utf8Start, count: ellipsis.utf8CodeUnitCount)
                return end + ellipsis.utf8CodeUnitCount
            }
        }
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

/// Scalars decoded from UTF-8 that is known to be valid (it comes from a `String`), shared by the
/// walks that read bytes instead of a scalar view.
enum UTF8Scalar {
    @inline(__always)
    static func decode<Bytes: RandomAccessCollection>(_ bytes: Bytes, at index: Int) -> (value: UInt32, length: Int)
    where Bytes.Element == UInt8, Bytes.Index == Int {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return (value, length)
    }
}

extension String {
    /// The scalars as an array, reserved from the UTF-8 length: `Array(unicodeScalars)` walks
    /// the text twice (once to count).
    var scalarArray: [Unicode.Scalar] {
        var text = self
        return text.withUTF8 { bytes in
            // Decoded by hand: the bytes are valid UTF-8, and the scalar view's iterator costs
            // several times more per character.
            [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { buffer, count in
                var index = 0, written = 0
                while index < bytes.count {
                    // ASCII needs no decoding nor the failable scalar initialiser's checks.
                    if bytes[index] < 0x80 {
                        buffer[written] = Unicode.Scalar(bytes[index])
                        index += 1
                        written += 1
                        continue
                    }
                    let (value, length) = UTF8Scalar.decode(bytes, at: index)
                    index += length
                    buffer[written] = Unicode.Scalar(value).unsafelyUnwrapped
                    written += 1
                }
                count = written
            }
        }
    }
}

extension String {
    /// A string from scalars, encoded straight into the string's storage: building a
    /// `String.UnicodeScalarView` appends one scalar at a time and was a visible cost.
    init<C: Collection>(scalars: C) where C.Element == Unicode.Scalar {
        var byteCount = 0
        for scalar in scalars { byteCount += UTF8.width(scalar) }
        self.init(unsafeUninitializedCapacity: byteCount) { buffer in
            var index = 0
            for scalar in scalars {
                // ASCII (most of any text) without the encoder's closure.
                if scalar.value < 128 {
                    buffer[index] = UInt8(truncatingIfNeeded: scalar.value)
                    index += 1
                    continue
                }
                UTF8.encode(scalar) { byte in
                    buffer[index] = byte
                    index += 1
                }
            }
            return index
        }
    }
}

/// Up to 16 ASCII bytes packed one to a byte into two integers, with their count: how a scanner
/// compares a word with the few fixed words it knows (elisions, suffixes, abbreviations) without
/// making a `String` of every candidate.
struct PackedASCII: Hashable, Sendable {
    private var low: UInt64 = 0, high: UInt64 = 0
    private var count: Int

    /// The scalars as they are (`lowercaseLettersOnly` false), or lowercased when they are all
    /// ASCII letters (true); nil for more than 16 scalars, one beyond ASCII, or (lowercasing) not
    /// a letter.
    init?<C: Collection>(_ scalars: C, lowercaseLettersOnly: Bool = false) where C.Element == Unicode.Scalar {
        count = 0
        for scalar in scalars {
            guard count < 16 else { return nil }
            var value = scalar.value
            if lowercaseLettersOnly {
                if value &- 65 < 26 { value += 32 }
                guard value &- 97 < 26 else { return nil }
            } else {
                guard value < 128 else { return nil }
            }
            if count < 8 { low |= UInt64(value) << UInt64(8 * count) } else { high |= UInt64(value) << UInt64(8 * (count - 8)) }
            count += 1
        }
    }

    /// A word of the lexicons: nil when it is not ASCII or longer than 16 bytes (it can then only
    /// be found the slow way).
    init?(_ word: String) { self.init(word.unicodeScalars) }
}

extension String {
    /// The last byte of the UTF-8, read from its storage: `utf8.last` goes through the generic
    /// `BidirectionalCollection.last` (and `index(before:)` through index validation), about 75
    /// instructions, and it is asked of every word.
    var lastUTF8Byte: UInt8? {
        utf8.withContiguousStorageIfAvailable { $0.last } ?? utf8.last
    }
}

/// The UTF-8 offsets of scalar offsets asked for in increasing order (tokens of a sentence,
/// sentences of an article), found by walking forward from the last one: a table of every
/// scalar's offset cost an allocation and more than the walk. An offset before the last one
/// starts the walk again from the beginning.
struct UTF8OffsetCursor {
    private var scalar = 0, byte = 0

    mutating func offset(of target: Int, in scalars: UnsafeBufferPointer<Unicode.Scalar>) -> Int {
        if target < scalar { scalar = 0; byte = 0 }
        while scalar < target {
            byte += UTF8.width(scalars[scalar])
            scalar += 1
        }
        return byte
    }
}
