/// How the captured text falls short of the published article, and the evidence for it.
public struct Truncation: Codable, Sendable {
    /// A subscriber-only notice was found (and kept out of the body).
    public var paywall: Bool
    public var notice: PublisherNotice?
    /// The body's last sentence is unfinished: a teaser ellipsis, a cut word, no final punctuation.
    public var endsMidSentence: Bool
    public var unfinishedSentence: Sentence?
    public var lastCompleteSentence: Sentence?
    /// Sentences that announce content (a tweet, a chart, a list) with ":" which is not there.
    public var droppedEmbeds: [DroppedEmbed]
    /// The section the text was cut in (its heading; nil for the lead).
    public var cutSection: String?
    /// Headings that announce a section with no text under them at the end of the capture.
    public var emptyTrailingSections: [String]

    public init(
        paywall: Bool = false, notice: PublisherNotice? = nil, endsMidSentence: Bool = false,
        unfinishedSentence: Sentence? = nil, lastCompleteSentence: Sentence? = nil,
        droppedEmbeds: [DroppedEmbed] = [], cutSection: String? = nil, emptyTrailingSections: [String] = []
    ) {
        self.paywall = paywall
        self.notice = notice
        self.endsMidSentence = endsMidSentence
        self.unfinishedSentence = unfinishedSentence
        self.lastCompleteSentence = lastCompleteSentence
        self.droppedEmbeds = droppedEmbeds
        self.cutSection = cutSection
        self.emptyTrailingSections = emptyTrailingSections
    }

    /// Whether the report is known to miss part of the article.
    public var isTruncated: Bool { paywall || endsMidSentence || !emptyTrailingSections.isEmpty }
}

public struct PublisherNotice: Codable, Sendable {
    /// The notice verbatim, with any subscription boilerplate that followed it.
    public var text: String
    public var location: SourceLocation
    /// The share of the article the publisher says is missing, when stated ("79%" → 79).
    public var remainingPercent: Int?
    /// The wording from the lexicon that identified it.
    public var matchedWording: String

    public init(text: String, location: SourceLocation, remainingPercent: Int?, matchedWording: String) {
        self.text = text
        self.location = location
        self.remainingPercent = remainingPercent
        self.matchedWording = matchedWording
    }
}

public struct DroppedEmbed: Codable, Sendable {
    /// The sentence that announces the missing content.
    public var sentence: String
    public var text: String
    public var location: SourceLocation
    public var section: String?
    /// Why the content counts as missing: nothing after it, a heading, or a gap then unrelated text.
    public var reason: Reason

    public enum Reason: String, Codable, Sendable {
        case endOfText, followedByHeading, followedByUnrelatedParagraph
    }

    public init(sentence: String, text: String, location: SourceLocation, section: String?, reason: Reason) {
        self.sentence = sentence
        self.text = text
        self.location = location
        self.section = section
        self.reason = reason
    }
}
