/// Tells French from English by counting very frequent function words, which is reliable on a
/// few sentences of news prose. Words are packed into integers (lowercase ASCII, at most eight
/// letters) so that counting allocates nothing.
enum LanguageDetector {
    static let frenchWords: Set<UInt64> = Set([
        "le", "la", "les", "des", "du", "de", "et", "est", "une", "un", "dans", "pour", "que", "qui",
        "sur", "avec", "pas", "par", "au", "aux", "ses", "son", "sa", "ont", "cette", "ce", "il", "elle",
    ].map(pack))
    static let englishWords: Set<UInt64> = Set([
        "the", "and", "of", "to", "is", "in", "that", "for", "with", "on", "was", "it", "by", "as",
        "are", "its", "has", "have", "be", "from", "at", "this", "which", "will", "said", "an",
    ].map(pack))

    /// Both lists in one table where each word has a slot of its own (no word is in both): one
    /// multiply and one compare a word, and no branch on whether the word was found.
    static let table = WordTable(french: frenchWords, english: englishWords)

    struct WordTable: Sendable {
        /// Packed word, or `empty` (no packed word of letters is all ones).
        private var words = [UInt64](repeating: WordTable.empty, count: 512)
        private var isFrench = [Int](repeating: 0, count: 512)
        /// The first multiplier of a fixed sequence that gives every listed word a slot of its own.
        private var multiplier: UInt64 = 0
        static let empty = UInt64.max

        init(french: Set<UInt64>, english: Set<UInt64>) {
            let all = french.sorted() + english.sorted()
            for attempt in UInt64(0)... {
                let candidate = 0x9E37_79B9_7F4A_7C15 &+ attempt &* 0x632B_E59B_D9B4_E019
                let slots = Set(all.map { Self.slot($0, candidate) })
                guard slots.count == all.count else { continue }
                multiplier = candidate
                break
            }
            for word in all {
                let slot = Self.slot(word, multiplier)
                words[slot] = word
                isFrench[slot] = french.contains(word) ? 1 : 0
            }
        }

        @inline(__always) private static func slot(_ word: UInt64, _ multiplier: UInt64) -> Int {
            Int(truncatingIfNeeded: (word &* multiplier) >> 55)
        }

        /// 1 and 0 for a French word, 0 and 1 for an English one, 0 and 0 for any other.
        @inline(__always) func counts(of word: UInt64) -> (french: Int, english: Int) {
            let slot = Self.slot(word, multiplier)
            let found = words[slot] == word ? 1 : 0
            let french = isFrench[slot]
            return (found & french, found & (french ^ 1))
        }
    }

    /// The word's first eight bytes, the first one lowest: as they lie in memory, so that a word
    /// loaded eight bytes at a time needs only masking.
    static func pack(_ word: String) -> UInt64 {
        var packed: UInt64 = 0
        for (index, byte) in word.utf8.prefix(8).enumerated() { packed |= UInt64(byte) << UInt64(8 * index) }
        return packed
    }

    static func detect<S: StringProtocol>(_ text: S) -> Language {
        // A few thousand characters decide it; the rest of a long text would only cost time.
        let sample = 12_000
        let (french, english) = text.utf8.withContiguousStorageIfAvailable { counts(UnsafeBufferPointer(rebasing: $0.prefix(sample))) }
            ?? Array(text.utf8.prefix(sample)).withUnsafeBufferPointer { counts($0) }
        return english > french ? .english : .french
    }

    /// How many listed French and English words (and French elisions) `bytes` holds. Words
    /// are runs of ASCII letters between other bytes; a run touching a byte beyond ASCII is part
    /// of a word no list has. Eight bytes are classified at once: most words are short, and
    /// the byte-by-byte walk (`countsByteByByte`, which the tests compare) mispredicted a branch
    /// at the end of each one.
    static func counts(_ bytes: UnsafeBufferPointer<UInt8>) -> (french: Int, english: Int) {
        guard let base = bytes.baseAddress else { return (0, 0) }
        let table = Self.table
        let count = bytes.count
        var french = 0, english = 0
        // A word starts at `position`.
        var position = 0
        while position + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
            let letters = ByteWords.asciiLetters(word)
            let run = (~letters & ByteWords.highBits).trailingZeroBitCount >> 3
            if run == 8 || bytes[position + run] >= 128 {
                // Eight letters or more, or a letter beyond ASCII: no listed word.
                position = end(ofWordFrom: position + run, in: bytes)
                continue
            }
            // Elisions ("l'", "d'", "qu'") are French. Every listed word has one to five letters:
            // others are asked as a word no list has. (Selected, not branched on: whether a
            // word is listed is no more predictable than the text.)
            french += bytes[position + run] == 39 && run >= 1 && run <= 3 ? 1 : 0
            let lowercase = (word | ByteWords.repeating(0x20)) & ((1 << UInt64(8 * run)) &- 1)
            let (isFrench, isEnglish) = table.counts(of: run >= 1 && run <= 5 ? lowercase : WordTable.empty - 1)
            french += isFrench
            english += isEnglish
            position += run + 1
        }
        let rest = countsByteByByte(UnsafeBufferPointer(rebasing: bytes[position...]))
        return (french + rest.french, english + rest.english)
    }

    /// Where the next word starts after the word (letters and bytes beyond ASCII) that goes on
    /// at `position`: after the byte that ends it, or at the end.
    private static func end(ofWordFrom position: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var position = position
        while position + 8 <= bytes.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + position).loadUnaligned(as: UInt64.self))
            let inWord = ByteWords.asciiLetters(word) | (word & ByteWords.highBits)
            let run = (~inWord & ByteWords.highBits).trailingZeroBitCount >> 3
            if run < 8 { return position + run + 1 }
            position += 8
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte < 128 && (byte | 0x20) &- 0x61 >= 26 { return position + 1 }
            position += 1
        }
        return position
    }

    /// What each byte is to the word walk: a letter's lowercase form (0x61-0x7A), `beyondASCII`
    /// (part of a letter beyond ASCII, which no listed word has), `apostrophe`, or 0 for a byte
    /// that ends a word.
    private static let byteClasses: [UInt8] = (0..<256).map { byte -> UInt8 in
        switch byte {
        case 65...90: UInt8(byte + 32)
        case 97...122: UInt8(byte)
        case 128...255: beyondASCII
        case 39: apostrophe
        default: 0
        }
    }
    private static let beyondASCII: UInt8 = 1, apostrophe: UInt8 = 2

    /// `counts` a byte at a time: the end of a text, and the reference the tests compare with.
    static func countsByteByByte(_ bytes: UnsafeBufferPointer<UInt8>) -> (french: Int, english: Int) {
        let table = Self.table
        var french = 0, english = 0
        var word: UInt64 = 0
        var length = 0
        byteClasses.withUnsafeBufferPointer { classes in
            for byte in bytes {
                let kind = classes[Int(byte)]
                if kind >= 0x61 {
                    if length < 8 { word |= UInt64(kind) << UInt64(8 * length) }
                    length += 1
                    continue
                }
                if kind == beyondASCII { length = 9; continue }
                if kind == apostrophe && length > 0 && length <= 3 { french += 1 }
                if length > 0 && length <= 5 {
                    let (isFrench, isEnglish) = table.counts(of: word)
                    french += isFrench
                    english += isEnglish
                }
                word = 0
                length = 0
            }
        }
        if length > 0 && length <= 5 {
            let (isFrench, isEnglish) = table.counts(of: word)
            french += isFrench
            english += isEnglish
        }
        return (french, english)
    }
}
