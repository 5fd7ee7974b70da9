/// What is known about an article besides its text: front matter, or what the loader inferred.
public struct Metadata: Codable, Sendable, Hashable {
    /// The path the article was read from, as given on the command line.
    public var sourcePath: String
    public var slug: String
    public var title: String?
    /// The outlet that published the article ("Le Monde", "Axios").
    public var source: String?
    public var url: String?
    public var published: CalendarDay?
    public var language: Language
    /// Whether `language` was stated in front matter or detected from the words.
    public var languageWasDetected: Bool
    public var author: String?
    /// A gazetteer file named in front matter, relative to the article.
    public var entities: String?

    public init(
        sourcePath: String, slug: String, title: String? = nil, source: String? = nil,
        url: String? = nil, published: CalendarDay? = nil, language: Language,
        languageWasDetected: Bool, author: String? = nil, entities: String? = nil
    ) {
        self.sourcePath = sourcePath
        self.slug = slug
        self.title = title
        self.source = source
        self.url = url
        self.published = published
        self.language = language
        self.languageWasDetected = languageWasDetected
        self.author = author
        self.entities = entities
    }
}
