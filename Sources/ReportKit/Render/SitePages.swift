import Foundation

/// Pages that belong to the whole site rather than one report: the index of reports, the 404
/// page and the stylesheet.
struct SitePages {
    let templates: TemplateSet
    var baseURL: String? = nil

    /// Reports newest first (by publication date, undated last), then by title.
    static func ordered(_ reports: [ReportSummary]) -> [ReportSummary] {
        // Positions are sorted, not the summaries: moving a summary copies (and counts a
        // reference to) each of its strings, and a sort moves each many times.
        reports.withUnsafeBufferPointer { reports in
            reports.indices.sorted { left, right in
                let lhs = reports[left], rhs = reports[right]
                switch (lhs.published, rhs.published) {
                case let (l?, r?) where l != r: return l > r
                case (.some, nil): return true
                case (nil, .some): return false
                default:
                    // Compared one field at a time: a tuple of the two per comparison retained both.
                    return lhs.headline != rhs.headline ? lhs.headline < rhs.headline : lhs.slug < rhs.slug
                }
            }.map { reports[$0] }
        }
    }

    /// The interface language of site-wide pages: the language most reports are written in.
    static func siteLanguage(_ reports: [ReportSummary]) -> Language {
        let french = reports.filter { $0.language == .french }.count
        return french * 2 > reports.count ? .french : .english
    }

    func index(_ summaries: [ReportSummary], language: Language) throws(Diagnostic) -> String {
        let format = templates.strings.formatting(for: language)
        let strings = format.strings
        let languageNames = Dictionary(uniqueKeysWithValues: Language.allCases.map {
            ($0, TemplateValue.text(templates.strings.string("language_name", $0)))
        })
        let rows: [TemplateValue] = summaries.map { summary in
            [
                "headline": .text(summary.headline), "href": "\(summary.slug)/index.html",
                "source": .optional(summary.source),
                "published": .optional(summary.published.map { format.date($0.iso) }),
                "languageName": languageNames[summary.language] ?? .null,
                "wordCount": .number(summary.wordCount), "isTruncated": .flag(summary.isTruncated),
                "leadSentence": .optional(summary.leadSentence),
            ]
        }
        let body = try templates.html("index.md", ["t": templates.stringScope(language), "reports": .list(rows), "lang": .text(language.rawValue)])
        return try layout(body: body, title: strings["site_title"] ?? "reportgen", language: language, root: "", canonical: baseURL)
    }

    func notFound(language: Language) throws(Diagnostic) -> String {
        let strings = templates.strings.table(for: language)
        // Served from any depth, so links are absolute from the site root is impossible without a
        // base URL: point to the root index relative to the 404 file's own folder.
        let body = try templates.html("404.md", ["t": templates.stringScope(language), "root": "", "lang": .text(language.rawValue)])
        return try layout(body: body, title: strings["not_found_title"] ?? "404", language: language, root: "", canonical: nil)
    }

    private func layout(body: [UInt8], title: String, language: Language, root: String, canonical: String?) throws(Diagnostic) -> String {
        let strings = templates.strings.table(for: language)
        return try templates.render(TemplateSet.layoutTemplate, [
            "lang": .text(language.rawValue), "title": .text(title), "description": .text(strings["index_intro"] ?? title),
            "root": .text(root), "body": .bytes(body), "nav": [], "hasReportNav": false,
            "t": templates.stringScope(language), "generator": "reportgen \(ReportKitVersion.string)",
            "canonical": .optional(canonical), "ogType": "website",
        ])
    }
}

/// What the index needs of a report, kept after the report itself is written (so that a large
/// build does not hold every report in memory).
public struct ReportSummary: Sendable, Codable {
    public var slug: String
    public var headline: String
    public var source: String?
    public var published: CalendarDay?
    public var language: Language
    public var wordCount: Int
    public var isTruncated: Bool
    public var leadSentence: String?
    public var sourcePath: String

    init(sourcePath: String, slug: String, headline: String, source: String?, published: CalendarDay?,
         language: Language, wordCount: Int, isTruncated: Bool, leadSentence: String?) {
        self.sourcePath = sourcePath
        self.slug = slug
        self.headline = headline
        self.source = source
        self.published = published
        self.language = language
        self.wordCount = wordCount
        self.isTruncated = isTruncated
        self.leadSentence = leadSentence
    }

    init(_ report: Report) {
        slug = report.metadata.slug
        headline = report.headline.text
        source = report.metadata.source
        published = report.metadata.published
        language = report.metadata.language
        wordCount = report.wordCount
        isTruncated = report.truncation.isTruncated
        leadSentence = report.firstSentence
        sourcePath = report.metadata.sourcePath
    }
}
