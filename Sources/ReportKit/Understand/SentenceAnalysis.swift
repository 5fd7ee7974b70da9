/// One sentence as the recognisers share it: its tokens and the entity mentions found in them.
struct SentenceAnalysis: Sendable {
    var sentence: Sentence
    var tokens: [Token]
    var mentions: [EntityMention]
    /// Index of the paragraph the sentence belongs to, for quotes that span sentences.
    var paragraph: Int

    /// The text between two token positions, as written.
    func text(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        let scalars = Array(sentence.text.unicodeScalars)
        return String(String.UnicodeScalarView(scalars[tokens[range.lowerBound].start..<tokens[range.upperBound - 1].end]))
    }

    /// Mentions that are not inside an epithet, in token order.
    var primaryMentions: [EntityMention] { mentions.filter { !$0.nested } }

    func mention(at token: Int) -> EntityMention? {
        primaryMentions.first { $0.tokens.contains(token) }
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
