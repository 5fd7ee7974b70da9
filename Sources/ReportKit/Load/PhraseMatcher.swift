/// Finds which of many fixed phrases occur in a text in one pass over its bytes, instead of
/// one search per phrase: a bitmap of the phrases' first two bytes rejects most positions.
struct PhraseMatcher: Sendable {
    private let phrases: [String]
    private let bytes: [[UInt8]]
    /// Phrase indices by their first two bytes.
    private let byPair: [UInt16: [Int]]
    private let pairBits: [UInt64]
    /// Phrases of fewer than two bytes, checked one by one.
    private let short: [Int]

    init(_ phrases: [String]) {
        self.phrases = phrases
        bytes = phrases.map { Array($0.utf8) }
        var byPair: [UInt16: [Int]] = [:]
        var bits = [UInt64](repeating: 0, count: 1024)
        var short: [Int] = []
        for (index, phrase) in bytes.enumerated() {
            guard phrase.count >= 2 else { short.append(index); continue }
            let pair = UInt16(phrase[0]) << 8 | UInt16(phrase[1])
            byPair[pair, default: []].append(index)
            bits[Int(pair >> 6)] |= 1 << UInt64(pair & 63)
        }
        self.byPair = byPair
        self.pairBits = bits
        self.short = short
    }

    /// The phrase that comes first in the list among those `text` contains.
    func firstPhrase(in text: String) -> String? {
        var best = Int.max
        for index in short where index < best && (bytes[index].isEmpty || text.utf8.contains(bytes[index][0])) { best = index }
        var text = text
        text.withUTF8 { hay in
            guard hay.count >= 2 else { return }
            for position in 0..<(hay.count - 1) {
                let pair = UInt16(hay[position]) << 8 | UInt16(hay[position + 1])
                guard pairBits[Int(pair >> 6)] & (1 << UInt64(pair & 63)) != 0, let candidates = byPair[pair] else { continue }
                for candidate in candidates where candidate < best {
                    let phrase = bytes[candidate]
                    guard position + phrase.count <= hay.count else { continue }
                    var matched = true
                    for offset in 2..<phrase.count where hay[position + offset] != phrase[offset] { matched = false; break }
                    if matched { best = candidate }
                }
            }
        }
        return best == Int.max ? nil : phrases[best]
    }

    func matches(_ text: String) -> Bool { firstPhrase(in: text) != nil }
}
