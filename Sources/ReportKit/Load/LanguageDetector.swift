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

    /// The same words, sorted, for a binary search (cheaper than hashing for so few).
    static let frenchSorted = SortedWords(frenchWords)
    static let englishSorted = SortedWords(englishWords)

    struct SortedWords: Sendable {
        let words: [UInt64]
        init(_ set: Set<UInt64>) { words = set.sorted() }

        func contains(_ word: UInt64) -> Bool {
            var low = 0, high = words.count
            while low < high {
                let middle = (low + high) / 2
                if words[middle] < word { low = middle + 1 } else { high = middle }
            }
            return low < words.count && words[low] == word
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
        let frenchWords = frenchSorted, englishWords = englishSorted
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
            if length > 0 && length <= 5 {
                if frenchWords.contains(word) { french += 1 } else if englishWords.contains(word) { english += 1 }
            }
            word = 0
            length = 0
        }
        if length > 0 && length <= 5 {
            if frenchWords.contains(word) { french += 1 } else if englishWords.contains(word) { english += 1 }
        }
        return english > french ? .english : .french
    }
}
