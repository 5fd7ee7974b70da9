/// One sentence as the recognisers share it: its tokens and the entity mentions found in them.
/// A class: every recogniser walks every analysis, and copying one (its sentence, tokens and
/// mentions) at each step was a visible share of understanding an article. Unchecked: an
/// analysis belongs to one article's pipeline, on one thread, and is not shared beyond it.
final class SentenceAnalysis: @unchecked Sendable {
    // Constants: a recogniser reading them need not retain them against a change while it reads.
    let sentence: Sentence
    let scalars: [Unicode.Scalar]
    let tokens: [Token]
    var mentions: [EntityMention] {
        didSet {
            // (Most sentences have no nested mention: then the array is shared, not filtered.)
            primaryMentions = mentions.contains(where: \.nested) ? mentions.filter { !$0.nested } : mentions
            // One array the length of the last covered token, made at once: grown piecewise, it
            // was reallocated for most mentions.
            let covered = primaryMentions.reduce(0) { max($0, $1.tokens.upperBound) }
            mentionIndexAtToken = Array(repeating: -1, count: covered)
            for (index, mention) in primaryMentions.enumerated() {
                for token in mention.tokens where token >= 0 { mentionIndexAtToken[token] = index }
            }
        }
    }
    /// Opening quote mark → its closing mark (scalar offsets), made once: the quote and the claim
    /// recognisers both ask.
    private(set) lazy var quotePairs: [Int: Int] = hasQuotationMarks ? SentenceSplitter.matchingQuotes(scalars) : [:]
    /// Whether the sentence holds a double quotation mark (straight, curly or angle). Each is a
    /// token of its own, and a sentence has a few tokens for every word's letters: most have
    /// none, and then no walk over their scalars looks for quotes.
    private(set) lazy var hasQuotationMarks: Bool = tokens.indices.contains { index in
        tokens[index].isPunctuation && SentenceSplitter.isQuotationMark(scalars[tokens[index].start])
    }
    /// Mentions that are not inside an epithet, in token order.
    private(set) var primaryMentions: [EntityMention] = []
    /// For each token, the index in `primaryMentions` of the mention covering it, or -1 (an
    /// array: a dictionary per sentence, rebuilt whenever the mentions change, showed).
    private var mentionIndexAtToken: [Int] = []

    convenience init(sentence: Sentence, tokens: [Token], mentions: [EntityMention]) {
        self.init(sentence: sentence, scalars: sentence.text.scalarArray, tokens: tokens, mentions: mentions)
    }

    init(sentence: Sentence, scalars: [Unicode.Scalar], tokens: [Token], mentions: [EntityMention]) {
        self.sentence = sentence
        self.scalars = scalars
        self.tokens = tokens
        self.mentions = mentions
        self.primaryMentions = mentions.filter { !$0.nested }
    }

    /// The text between two token positions, as written.
    func text(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        return String(scalars: scalars[tokens[range.lowerBound].start..<tokens[range.upperBound - 1].end])
    }

    func mention(at token: Int) -> EntityMention? {
        guard token >= 0, token < mentionIndexAtToken.count, mentionIndexAtToken[token] >= 0 else { return nil }
        return primaryMentions[mentionIndexAtToken[token]]
    }

    /// The first token that starts after scalar `offset` (binary search: tokens are in order).
    func firstToken(after offset: Int) -> Int {
        var low = 0, high = tokens.count
        while low < high {
            let middle = (low + high) / 2
            if tokens[middle].start > offset { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The last token that ends at or before scalar `offset`, or -1.
    func lastToken(endingBy offset: Int) -> Int {
        var low = 0, high = tokens.count
        while low < high {
            let middle = (low + high) / 2
            if tokens[middle].end <= offset { low = middle + 1 } else { high = middle }
        }
        return low - 1
    }
}

struct EntityMention: Sendable, Hashable {
    /// Index into the recogniser's entity list.
    var entity: Int
    var tokens: Range<Int>
    var surface: String
    /// Inside a longer mention (the "ChatGPT" of "le fabricant de ChatGPT").
    var nested: Bool
    var viaEpithet: Bool
}

extension Array where Element == Token {
    /// Whether the folded words `words` are at `index` (no slice, no copy: asked for many
    /// phrases at many positions).
    func hasWords(_ words: [String], at index: Int) -> Bool {
        guard index >= 0, index + words.count <= count else { return false }
        var offset = 0
        for word in words {
            if self[index + offset].folded != word { return false }
            offset += 1
        }
        return true
    }
}
