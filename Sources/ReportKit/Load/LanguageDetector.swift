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

    /// Both lists in one open-addressed table of 256 slots (no word is in both): one multiply
    /// and usually one compare a word, where two binary searches took ten.
    static let table = WordTable(french: frenchWords, english: englishWords)

    struct WordTable: Sendable {
        /// Packed word, or 0 for an empty slot (no packed word is 0).
        private var words = [UInt64](repeating: 0, count: 256)
        private var isFrench = [Bool](repeating: false, count: 256)

        init(french: Set<UInt64>, english: Set<UInt64>) {
            for (word, french) in french.map({ ($0, true) }) + english.map({ ($0, false) }) {
                var slot = Self.slot(word)
                while words[slot] != 0 { slot = (slot + 1) & 255 }
                words[slot] = word
                isFrench[slot] = french
            }
        }

        @inline(__always) private static func slot(_ word: UInt64) -> Int { Int(truncatingIfNeeded: (word &* 0x9E37_79B9_7F4A_7C15) >> 56) }

        /// True for a French word, false for an English one, nil for neither.
        @inline(__always) func language(of word: UInt64) -> Bool? {
            var slot = Self.slot(word)
            while true {
                let found = words[slot]
                if found == word { return isFrench[slot] }
                if found == 0 { return nil }
                slot = (slot + 1) & 255
            }
        }
    }

    static func pack(_ word: String) -> UInt64 {
        word.utf8.reduce(0) { $0 << 8 | UInt64($1) }
    }

    static func detect<S: StringProtocol>(_ text: S) -> Language {
        // A few thousand characters decide it; the rest of a long text would only cost time.
        let sample = 12_000
        return text.utf8.withContiguousStorageIfAvailable { detect(bytes: UnsafeBufferPointer(rebasing: $0.prefix(sample))) }
            ?? Array(text.utf8.prefix(sample)).withUnsafeBufferPointer { detect(bytes: $0) }
    }

    private static func detect(bytes: UnsafeBufferPointer<UInt8>) -> Language {
        let table = Self.table
        var french = 0, english = 0
        var word: UInt64 = 0
        var length = 0
        for byte in bytes {
            switch byte {
            case 65...90: word = word << 8 | UInt64(byte + 32); length += 1; continue
            case 97...122: word = word << 8 | UInt64(byte); length += 1; continue
            case 128...255: length = 9; continue   // a non-ASCII letter: not one of the listed words
            case 39:
                // Elisions ("l'", "d'", "qu'") are French.
                if length > 0 && length <= 3 { french += 1 }
            default: break
            }
            // Every listed word has at most five letters: longer ones are not looked up.
            if length > 0 && length <= 5, let isFrench = table.language(of: word) {
                if isFrench { french += 1 } else { english += 1 }
            }
            word = 0
            length = 0
        }
        if length > 0 && length <= 5, let isFrench = table.language(of: word) {
            if isFrench { french += 1 } else { english += 1 }
        }
        return english > french ? .english : .french
    }
}
