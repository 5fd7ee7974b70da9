import Foundation

/// The understanding step: runs every recogniser over an article and assembles the facts,
/// all pointing back to sentence ids.
public struct Understanding: Sendable {
    let gazetteer: Gazetteer
    /// Digest of the extra gazetteer, part of every cache key.
    let fingerprint: String

    public init(extraGazetteer: String?) throws(Diagnostic) {
        var gazetteer = Gazetteer.builtIn
        var fingerprint = ""
        if let extraGazetteer {
            try gazetteer.merge(yamlFile: extraGazetteer)
            fingerprint = (try? String(contentsOfFile: extraGazetteer, encoding: .utf8)) ?? ""
        }
        self.gazetteer = gazetteer
        self.fingerprint = ContentDigest.of([fingerprint]).hex
    }

    public func facts(for article: Article, fallbackPublished: CalendarDay?) throws(Diagnostic) -> (Facts, [Diagnostic]) {
        try facts(for: article, fallbackPublished: fallbackPublished, sentenceScalars: [])
    }

    /// The facts of a loaded article, with the sentences' scalars the loader made (any other
    /// count than the article's sentences, as none, and they are decoded from the texts).
    public func facts(for loaded: ArticleLoader.Result, fallbackPublished: CalendarDay?) throws(Diagnostic) -> (Facts, [Diagnostic]) {
        try facts(for: loaded.article, fallbackPublished: fallbackPublished, sentenceScalars: loaded.sentenceScalars)
    }

    private func facts(for article: Article, fallbackPublished: CalendarDay?,
                       sentenceScalars: [[Unicode.Scalar]]) throws(Diagnostic) -> (Facts, [Diagnostic]) {
        var warnings: [Diagnostic] = []
        var gazetteer = self.gazetteer
        if let file = article.metadata.entities {
            let base = (article.metadata.sourcePath as NSString).deletingLastPathComponent
            try gazetteer.merge(yamlFile: file.hasPrefix("/") ? file : (base as NSString).appendingPathComponent(file))
        }
        var recognizer = EntityRecognizer(gazetteer: gazetteer)
        let analyses = recognizer.recognize(article.sentences, scalars: sentenceScalars)
        let directory = recognizer.directory()
        let language = article.metadata.language
        let published = article.metadata.published ?? fallbackPublished

        var facts = Facts()
        facts.entities = directory.entities
        facts.dates = DateRecognizer(language: language, published: published).dates(in: analyses)
        facts.amounts = AmountRecognizer(language: language).amounts(in: analyses)
        facts.quotes = QuoteRecognizer(directory: directory).quotes(in: analyses)
        facts.claims = ClaimRecognizer(directory: directory).claims(in: analyses)
        facts.events = EventBuilder(directory: directory)
            .events(analyses: analyses, dates: facts.dates, amounts: facts.amounts, claims: facts.claims)
        facts.relations = RelationRecognizer(directory: directory).relations(in: analyses, claims: facts.claims)

        if published == nil, let relative = facts.dates.first(where: { $0.relative && $0.value == nil }),
           let sentence = article.sentences.first(where: { $0.id == relative.sentence }) {
            warnings.append(.warning(.relativeDateUnanchored, file: article.metadata.sourcePath, location: sentence.location,
                "relative date \"\(relative.text)\" has no anchor",
                hint: "add 'published: YYYY-MM-DD' to the front matter or pass --published"))
        }
        return (facts, warnings)
    }
}
