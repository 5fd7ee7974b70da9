/// Finds which of many fixed phrases occur in a text in one pass over its bytes, instead of
/// one search per phrase: a bitmap of the phrases' first two bytes rejects most positions.
struct PhraseMatcher: Sendable {
    private let phrases: [String]
    private let bytes: [[UInt8]]
    /// For each pair of first two bytes, the first phrase that starts with it, then each phrase
    /// the next with the same pair (-1 ends a chain): flat arrays, where a dictionary of pairs
    /// hashed at every position of the text whose pair some phrase starts with.
    private let firstByPair: [Int32]
    private let nextWithPair: [Int32]
    private let pairBits: [UInt64]
    /// Phrases of fewer than two bytes, checked one by one.
    private let short: [Int]
    /// A bit for the digest (`quadDigest`) of each phrase's first four bytes, when every phrase
    /// has four: a position whose four bytes have no bit set starts no phrase. Common pairs
    /// ("re", "la", "co" in French) passed the pair bits at most positions of a text.
    private let quadBits: [UInt64]?

    init(_ phrases: [String]) {
        self.phrases = phrases
        bytes = phrases.map { Array($0.utf8) }
        var first = [Int32](repeating: -1, count: 65_536)
        var next = [Int32](repeating: -1, count: phrases.count)
        var bits = [UInt64](repeating: 0, count: 1024)
        var short: [Int] = []
        // Chains are built from the last phrase back, so that each lists its phrases in order.
        for (index, phrase) in bytes.enumerated().reversed() {
            guard phrase.count >= 2 else { short.insert(index, at: 0); continue }
            let pair = Int(phrase[0]) << 8 | Int(phrase[1])
            next[index] = first[pair]
            first[pair] = Int32(index)
            bits[pair >> 6] |= 1 << UInt64(pair & 63)
        }
        firstByPair = first
        nextWithPair = next
        pairBits = bits
        self.short = short
        if bytes.allSatisfy({ $0.count >= 4 }) {
            var quads = [UInt64](repeating: 0, count: 1024)
            for phrase in bytes {
                let digest = Self.quadDigest(UInt32(phrase[0]) | UInt32(phrase[1]) << 8 | UInt32(phrase[2]) << 16 | UInt32(phrase[3]) << 24)
                quads[digest >> 6] |= 1 << UInt64(digest & 63)
            }
            quadBits = quads
        } else {
            quadBits = nil
        }
    }

    /// 16 bits of four bytes (the first lowest).
    @inline(__always) private static func quadDigest(_ quad: UInt32) -> Int { Int((quad &* 0x9E37_79B1) >> 16) }

    /// The phrase that comes first in the list among those `text` contains.
    func firstPhrase(in text: String) -> String? {
        var text = text
        return text.withUTF8 { firstIndex(in: $0) }.map { phrases[$0] }
    }

    func matches(_ text: String) -> Bool { firstPhrase(in: text) != nil }

    /// Whether UTF-8 `text` contains a phrase.
    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool { firstIndex(in: text) != nil }

    /// The index of the phrase that comes first in the list among those `hay` contains.
    private func firstIndex(in hay: UnsafeBufferPointer<UInt8>) -> Int? {
        var best = Int.max
        for index in short where index < best && (bytes[index].isEmpty || hay.contains(bytes[index][0])) { best = index }
        guard hay.count >= 2 else { return best == Int.max ? nil : best }
        let quadBits = self.quadBits ?? []
        let raw = UnsafeRawPointer(hay.baseAddress!)
        pairBits.withUnsafeBufferPointer { pairBits in
            for position in 0..<(hay.count - 1) {
                if !quadBits.isEmpty && position + 4 <= hay.count {
                    let digest = Self.quadDigest(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
                    guard quadBits[digest >> 6] & (1 << UInt64(digest & 63)) != 0 else { continue }
                }
                let pair = Int(hay[position]) << 8 | Int(hay[position + 1])
                guard pairBits[pair >> 6] & (1 << UInt64(pair & 63)) != 0 else { continue }
                var candidate = Int(firstByPair[pair])
                while candidate >= 0 && candidate < best {
                    let phrase = bytes[candidate]
                    if position + phrase.count <= hay.count {
                        var matched = true
                        for offset in 2..<phrase.count where hay[position + offset] != phrase[offset] { matched = false; break }
                        if matched { best = candidate }
                    }
                    candidate = Int(nextWithPair[candidate])
                }
            }
        }
        return best == Int.max ? nil : best
    }
}
