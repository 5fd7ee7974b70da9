/// A 32-bit FNV-1a digest of a folded word, computed once per token, so that lexicon checks
/// can reject most words without hashing the string again.
enum WordHash {
    static func of(_ word: String) -> UInt32 {
        var word = word
        return word.withUTF8 { of(bytes: $0) }
    }

    static func of<Bytes: Sequence>(bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var hash = seed
        for byte in bytes { hash = adding(byte, to: hash) }
        return hash
    }

    /// One digest for two words in a row, for filters on the first two words of phrases.
    @inline(__always) static func pair(_ first: UInt32, _ second: UInt32) -> UInt32 {
        (first &* 0x9E37_79B1) ^ second
    }

    /// FNV-1a, a byte at a time, for callers that digest while they do other work per byte.
    static let seed: UInt32 = 0x811C9DC5
    @inline(__always) static func adding(_ byte: UInt8, to hash: UInt32) -> UInt32 { (hash ^ UInt32(byte)) &* 0x0100_0193 }
}

/// A 65,536-bit map of word digests: `mightContain` is false for most words not in the set, and
/// never false for a word in it. The set itself is then asked only about the few that pass.
struct WordFilter: Sendable {
    private var bits = [UInt64](repeating: 0, count: 1024)

    init<S: Sequence>(_ words: S) where S.Element == String {
        for word in words { insert(word) }
    }

    /// The openings of phrases (folded token sequences): a one-word phrase by its word, a longer
    /// one by its first two words (`WordHash.pair`). `mayOpen` then answers most "no"s for a
    /// position without a string lookup, common first words ("le", "de", "a") included.
    init(openingsOf phrases: some Sequence<[String]>) {
        for phrase in phrases where !phrase.isEmpty {
            insert(digest: phrase.count == 1 ? WordHash.of(phrase[0]) : WordHash.pair(WordHash.of(phrase[0]), WordHash.of(phrase[1])))
        }
    }

    /// False when no phrase of `init(openingsOf:)` starts at `tokens[index]`.
    @inline(__always) func mayOpen(_ tokens: [Token], at index: Int) -> Bool {
        let hash = tokens[index].hash
        if mightContain(hash) { return true }
        return index + 1 < tokens.count && mightContain(WordHash.pair(hash, tokens[index + 1].hash))
    }

    mutating func insert(_ word: String) { insert(digest: WordHash.of(word)) }

    mutating func insert(digest: UInt32) {
        let slot = Int(digest & 0xFFFF)
        bits[slot >> 6] |= 1 << UInt64(slot & 63)
    }

    @inline(__always) func mightContain(_ hash: UInt32) -> Bool {
        let slot = Int(hash & 0xFFFF)
        return bits[slot >> 6] & (1 << UInt64(slot & 63)) != 0
    }

    /// The same for a word not yet digested. A word with non-ASCII bytes always passes: sets of
    /// strings compare by canonical equivalence, which a digest of the bytes would not.
    func mightContain(word: String) -> Bool {
        var word = word
        return word.withUTF8 { bytes in
            var hash = WordHash.seed
            for byte in bytes {
                if byte >= 128 { return true }
                hash = WordHash.adding(byte, to: hash)
            }
            return mightContain(hash)
        }
    }
}

/// The same for word beginnings: whether a word's first four bytes begin any of a set of stems.
/// (Three bytes let through half the words of French prose: "con", "par", "pre"...)
struct PrefixFilter: Sendable {
    private var bits = [UInt64](repeating: 0, count: 1024)
    /// A stem shorter than the prefix cannot be filtered on: then every word passes.
    private var passesEverything = false

    init<S: Sequence>(stems: S) where S.Element == String {
        for stem in stems {
            if let value = Self.firstFour(stem) {
                let slot = Self.slot(firstFour: value)
                bits[slot >> 6] |= 1 << UInt64(slot & 63)
            } else {
                passesEverything = true
            }
        }
    }

    private static func slot(firstFour value: UInt32) -> Int { Int((value &* 2_654_435_761) >> 16 & 0xFFFF) }

    /// A word's first four bytes as one number, read in place (a UTF-8 iterator cost more than
    /// the filter saves), or nil for a shorter word.
    static func firstFour(_ word: String) -> UInt32? {
        var word = word
        return word.withUTF8 { bytes in
            bytes.count < 4 ? nil : UInt32(bytes[0]) << 24 | UInt32(bytes[1]) << 16 | UInt32(bytes[2]) << 8 | UInt32(bytes[3])
        }
    }

    /// False when no stem starts like `word` (or `word` is shorter than every stem).
    func mightStart(_ word: String) -> Bool {
        if passesEverything { return true }
        guard let value = Self.firstFour(word) else { return false }
        return mightStart(firstFour: value)
    }

    /// The same for a word's `firstFour` bytes, for callers that need them afterwards.
    func mightStart(firstFour value: UInt32) -> Bool {
        if passesEverything { return true }
        let slot = Self.slot(firstFour: value)
        return bits[slot >> 6] & (1 << UInt64(slot & 63)) != 0
    }
}

/// A set of lexicon words that answers most "no"s from a `WordFilter`: a word's FNV digest
/// costs a few instructions a byte where `Set<String>` hashes with SipHash, and most words
/// asked about are in no lexicon.
struct WordSet: Sendable, ExpressibleByArrayLiteral {
    let words: Set<String>
    private let filter: WordFilter

    init(_ words: Set<String>) {
        self.words = words
        filter = WordFilter(words)
    }

    init(arrayLiteral elements: String...) { self.init(Set(elements)) }

    func contains(_ word: String) -> Bool { filter.mightContain(word: word) && words.contains(word) }

    /// Whether the token's folded form is in the set, on the digest the tokenizer already made.
    /// A folded form with as many bytes as the word had scalars is ASCII (folding maps a scalar to
    /// one scalar): its digest is of the very bytes the set compares. Others go to the set.
    @inline(__always) func contains(_ token: Token) -> Bool {
        (token.folded.utf8.count != token.scalarCount || filter.mightContain(token.hash)) && words.contains(token.folded)
    }
}

/// `WordSet` for a lexicon with values: most words looked up are in no lexicon, and their
/// digest says so before the dictionary hashes them.
struct WordMap<Value: Sendable>: Sendable, ExpressibleByDictionaryLiteral {
    let values: [String: Value]
    private let filter: WordFilter

    init(_ values: [String: Value]) {
        self.values = values
        filter = WordFilter(values.keys)
    }

    init(dictionaryLiteral elements: (String, Value)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    var keys: Dictionary<String, Value>.Keys { values.keys }

    subscript(word: String) -> Value? { filter.mightContain(word: word) ? values[word] : nil }
}
