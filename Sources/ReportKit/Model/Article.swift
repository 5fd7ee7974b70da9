/// An article as the loader understood its structure: metadata, headline, sections of
/// paragraphs of sentences, and what was cut from it.
public struct Article: Codable, Sendable {
    public var metadata: Metadata
    public var headline: Headline
    /// The lead (text before the first heading, `heading == nil`) and the headed sections.
    public var sections: [Section]
    public var truncation: Truncation
    /// Words of body text kept (headline and publisher notice excluded).
    public var wordCount: Int

    public init(metadata: Metadata, headline: Headline, sections: [Section], truncation: Truncation, wordCount: Int) {
        self.metadata = metadata
        self.headline = headline
        self.sections = sections
        self.truncation = truncation
        self.wordCount = wordCount
    }

    public var sentences: [Sentence] { Section.sentences(of: sections) }
}

public struct Headline: Codable, Sendable, Hashable {
    public var text: String
    /// Where it came from: the first line of the text, a Markdown `#` heading, front matter, the
    /// first sentence (when the text starts with prose), or the file name.
    public var origin: Origin
    public var location: SourceLocation?

    public enum Origin: String, Codable, Sendable {
        case firstLine, markdownHeading, frontMatter, firstSentence, fileName
    }

    public init(text: String, origin: Origin, location: SourceLocation?) {
        self.text = text
        self.origin = origin
        self.location = location
    }
}

public struct Section: Codable, Sendable {
    /// `sec-0` is the lead; headed sections count from 1.
    public var id: String
    public var heading: String?
    public var headingLocation: SourceLocation?
    public var paragraphs: [Paragraph]

    public init(id: String, heading: String?, headingLocation: SourceLocation?, paragraphs: [Paragraph]) {
        self.id = id
        self.heading = heading
        self.headingLocation = headingLocation
        self.paragraphs = paragraphs
    }

    /// Every sentence of `sections` in order, gathered into an array sized once (nested
    /// `flatMap`s grew a new one paragraph after paragraph).
    static func sentences(of sections: [Section]) -> [Sentence] {
        var all: [Sentence] = []
        all.reserveCapacity(sections.reduce(0) { total, section in section.paragraphs.reduce(total) { $0 + $1.sentences.count } })
        for section in sections {
            for paragraph in section.paragraphs { all.append(contentsOf: paragraph.sentences) }
        }
        return all
    }
}

public struct Paragraph: Codable, Sendable {
    public var id: String
    public var location: SourceLocation
    public var sentences: [Sentence]

    public init(id: String, location: SourceLocation, sentences: [Sentence]) {
        self.id = id
        self.location = location
        self.sentences = sentences
    }

    public var text: String { sentences.map(\.text).joined(separator: " ") }
}

public struct Sentence: Codable, Sendable, Hashable {
    /// `s1`, `s2`, … in reading order: stable for the same text, used as the HTML anchor.
    public var id: String
    public var text: String
    public var range: TextRange
    public var location: SourceLocation

    public init(id: String, text: String, range: TextRange, location: SourceLocation) {
        self.id = id
        self.text = text
        self.range = range
        self.location = location
    }
}
