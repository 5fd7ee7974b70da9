/// Everything reportgen knows about one article: its structure and the facts drawn from it.
/// Encoded as-is to `report.json`; `schemaVersion` changes when a field changes meaning.
public struct Report: Codable, Sendable {
    public static let currentSchemaVersion = 2

    public var schemaVersion: Int
    public var generator: String
    public var metadata: Metadata
    public var headline: Headline
    public var sections: [Section]
    public var wordCount: Int
    public var truncation: Truncation
    public var entities: [Entity]
    public var dates: [DateMention]
    public var amounts: [Amount]
    public var quotes: [Quote]
    public var claims: [Claim]
    public var events: [Event]
    public var relations: [Relation]

    public init(article: Article, facts: Facts) {
        self.schemaVersion = Self.currentSchemaVersion
        self.generator = "reportgen \(ReportKitVersion.string)"
        self.metadata = article.metadata
        self.headline = article.headline
        self.sections = article.sections
        self.wordCount = article.wordCount
        self.truncation = article.truncation
        self.entities = facts.entities
        self.dates = facts.dates
        self.amounts = facts.amounts
        self.quotes = facts.quotes
        self.claims = facts.claims
        self.events = facts.events
        self.relations = facts.relations
    }

    public var article: Article {
        Article(metadata: metadata, headline: headline, sections: sections, truncation: truncation, wordCount: wordCount)
    }

    public var sentences: [Sentence] { Section.sentences(of: sections) }

    /// Entity names by id (the first entity of an id, should two share one).
    public var entityNamesByID: [String: String] {
        var names: [String: String] = [:]
        names.reserveCapacity(entities.count)
        for entity in entities where names[entity.id] == nil { names[entity.id] = entity.name }
        return names
    }

    /// `sentences.count`, without gathering them.
    public var sentenceCount: Int {
        sections.reduce(0) { total, section in section.paragraphs.reduce(total) { $0 + $1.sentences.count } }
    }

    /// The article's first sentence: the page description and the index's teaser.
    public var firstSentence: String? { sections.first?.paragraphs.first?.sentences.first?.text }
}

/// The facts the recognisers found in an article.
public struct Facts: Codable, Sendable {
    public var entities: [Entity] = []
    public var dates: [DateMention] = []
    public var amounts: [Amount] = []
    public var quotes: [Quote] = []
    public var claims: [Claim] = []
    public var events: [Event] = []
    public var relations: [Relation] = []

    public init() {}
}

public enum ReportKitVersion {
    public static let string = "0.2.0"
}
