import Foundation

/// Turns a report into its four pages. Each page model is a plain dictionary that the
/// theme's Markdown template fills; the layout wraps the HTML that libcmark makes of it.
struct ReportPages {
    let report: Report
    let templates: TemplateSet
    let markdown = MarkdownToHTML()

    var language: Language { report.metadata.language }
    var strings: [String: String] { templates.strings.table(for: language) }
    var format: Formatting { Formatting(strings: strings, language: language) }

    enum Page: String, CaseIterable {
        case overview, timeline, stakeholders, paywall

        /// Where the page lives inside the report folder.
        var folder: String { self == .overview ? "" : rawValue + "/" }
        var template: String { rawValue + ".md" }
    }

    /// (relative path inside the site, HTML) for each page.
    func render() throws(Diagnostic) -> [(path: String, html: String)] {
        var pages: [(String, String)] = []
        for page in Page.allCases {
            let model: [String: Any]
            switch page {
            case .overview: model = overviewModel()
            case .timeline: model = TimelinePageModel(report: report, format: format).model()
            case .stakeholders: model = StakeholdersPageModel(report: report, format: format).model()
            case .paywall: model = paywallModel()
            }
            let body = try templates.render(page.template, model.merging(common) { new, _ in new })
            let html = try wrap(body: markdown.render(body), page: page)
            pages.append(("\(report.metadata.slug)/\(page.folder)index.html", html))
        }
        return pages
    }

    private var common: [String: Any] {
        ["t": strings, "headline": report.headline.text, "lang": language.rawValue]
    }

    private func wrap(body: String, page: Page) throws(Diagnostic) -> String {
        let depth = page == .overview ? 1 : 2
        let root = String(repeating: "../", count: depth)
        let toReport = page == .overview ? "" : "../"
        let nav: [[String: Any]] = Page.allCases.map { target in
            ["label": strings[target.rawValue] ?? target.rawValue,
             "href": toReport + target.folder + "index.html",
             "current": target == page]
        }
        let title = page == .overview ? report.headline.text : "\(strings[page.rawValue] ?? page.rawValue) — \(report.headline.text)"
        let description = report.sections.first?.paragraphs.first?.sentences.first?.text ?? report.headline.text
        return try templates.render(TemplateSet.layoutTemplate, [
            "lang": language.rawValue, "title": title, "description": String(description.prefix(200)),
            "root": root, "body": body, "nav": nav, "hasReportNav": true, "t": strings,
            "generator": report.generator,
        ])
    }

    // MARK: Overview

    private func overviewModel() -> [String: Any] {
        let truncation = report.truncation
        let sentenceBadges = badgesBySentence()
        let sections: [[String: Any]] = report.sections.map { section in
            ["id": section.id, "heading": optionalValue(section.heading),
             "paragraphs": section.paragraphs.map { paragraph -> [String: Any] in
                 ["id": paragraph.id, "sentences": paragraph.sentences.map { sentence -> [String: Any] in
                     ["id": sentence.id, "text": sentence.text, "badge": optionalValue(sentenceBadges[sentence.id])]
                 }]
             }]
        }
        let outline: [[String: Any]] = report.sections.compactMap { section in
            section.heading.map { ["id": section.id, "heading": $0] }
        }
        let actors = mainActors()
        let amounts: [[String: Any]] = report.amounts.map {
            ["display": format.amount($0), "text": $0.text, "sentence": $0.sentence]
        }
        let quotes: [[String: Any]] = report.quotes.map { quote in
            ["text": quote.text, "sentence": quote.sentence,
             "speakerName": optionalValue(quote.speaker.flatMap { id in report.entities.first { $0.id == id }?.name })]
        }
        let dated = report.dates.compactMap(\.value).sorted()
        let span: String? = dated.isEmpty ? nil : {
            let first = dated.first!.split(separator: "/").first.map(String.init)!
            let last = dated.map { $0.split(separator: "/").last.map(String.init)! }.max()!
            return first == last ? format.date(first) : "\(format.date(first)) → \(format.date(last))"
        }()
        return [
            "source": optionalValue(report.metadata.source),
            "published": optionalValue(report.metadata.published.map { format.date($0.iso) }),
            "author": optionalValue(report.metadata.author),
            "url": optionalValue(SafeURL.http(report.metadata.url)),
            "languageName": strings["language_name"] ?? language.rawValue,
            "wordCount": report.wordCount,
            "isTruncated": truncation.isTruncated,
            "truncationSummary": truncationSummary(),
            "sections": sections,
            "outline": outline, "hasOutline": !outline.isEmpty,
            "actors": actors, "hasActors": !actors.isEmpty,
            "amounts": amounts, "hasAmounts": !amounts.isEmpty,
            "quotes": quotes, "hasQuotes": !quotes.isEmpty,
            "dateSpan": optionalValue(span), "hasDateSpan": span != nil,
            "reportedCount": report.claims.filter { $0.status == .reported }.count,
            "hedgedCount": report.claims.filter { $0.status == .hedged }.count,
            "anonymousCount": report.claims.filter { $0.status == .anonymous }.count,
        ]
    }

    /// People and organisations first, by how often the article names them.
    private func mainActors() -> [[String: Any]] {
        let ranked = report.entities
            .filter { [.organization, .person, .regulator].contains($0.kind) }
            .sorted { ($0.mentions.count, $1.name) > ($1.mentions.count, $0.name) }
            .prefix(8)
        return ranked.enumerated().map { index, entity in
            ["id": entity.id, "name": entity.name, "role": optionalValue(entity.role), "last": index == ranked.count - 1]
        }
    }

    private func badgesBySentence() -> [String: String] {
        var badges: [String: String] = [:]
        for claim in report.claims {
            badges[claim.sentence] = strings["status_\(claim.status.rawValue)"]
        }
        return badges
    }

    func truncationSummary() -> String {
        let truncation = report.truncation
        var parts: [String] = []
        if truncation.paywall { parts.append(strings["truncated_by_paywall"] ?? "") }
        if truncation.endsMidSentence { parts.append(strings["truncated_mid_sentence"] ?? "") }
        if !truncation.droppedEmbeds.isEmpty { parts.append(strings["truncated_embeds"] ?? "") }
        guard !parts.isEmpty else { return strings["truncation_none"] ?? "" }
        let sentence = parts.joined(separator: "; ")
        return sentence.capitalizedFirst + "."
    }

    // MARK: Paywall

    private func paywallModel() -> [String: Any] {
        let truncation = report.truncation
        func sentence(_ value: Sentence?) -> Any {
            optionalValue(value.map { ["id": $0.id, "text": $0.text] as [String: Any] })
        }
        let embeds: [[String: Any]] = truncation.droppedEmbeds.map {
            ["text": $0.text, "sentence": $0.sentence, "section": optionalValue($0.section),
             "reason": strings["reason_\($0.reason.rawValue)"] ?? $0.reason.rawValue]
        }
        var cannotSay: [String] = []
        if truncation.paywall || truncation.endsMidSentence {
            var text = strings["cannot_rest"] ?? ""
            if let section = truncation.cutSection { text += " « \(section) »" }
            if let share = truncation.notice?.remainingPercent { text += " (\(share) % \(strings["cannot_share"] ?? ""))" }
            cannotSay.append(text + ".")
        }
        if let unfinished = truncation.unfinishedSentence {
            cannotSay.append("\(strings["cannot_sentence"] ?? "") “\(unfinished.text)”")
        }
        for embed in truncation.droppedEmbeds {
            cannotSay.append("\(strings["cannot_embed"] ?? "") “\(embed.text)”")
        }
        if !truncation.emptyTrailingSections.isEmpty {
            cannotSay.append("\(strings["cannot_sections"] ?? "") \(truncation.emptyTrailingSections.joined(separator: ", "))")
        }
        return [
            "isTruncated": truncation.isTruncated || !truncation.droppedEmbeds.isEmpty,
            "truncationSummary": truncationSummary(),
            "paywall": truncation.paywall,
            "endsMidSentence": truncation.endsMidSentence,
            "droppedEmbedCount": truncation.droppedEmbeds.count,
            "wordCount": report.wordCount,
            "remainingPercent": optionalValue(truncation.notice?.remainingPercent),
            "notice": optionalValue(truncation.notice?.text),
            "unfinished": sentence(truncation.unfinishedSentence),
            "lastComplete": sentence(truncation.lastCompleteSentence),
            "cutSection": optionalValue(truncation.cutSection),
            "emptySections": truncation.emptyTrailingSections,
            "hasEmptySections": !truncation.emptyTrailingSections.isEmpty,
            "droppedEmbeds": embeds, "hasDroppedEmbeds": !embeds.isEmpty,
            "cannotSay": cannotSay,
        ]
    }
}

enum SafeURL {
    /// Only http(s) URLs become links; anything else (javascript:, data:, relative paths) does not.
    static func http(_ text: String?) -> String? {
        guard let text = text?.trimmingWhitespace(), !text.isEmpty else { return nil }
        let lowered = text.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://") else { return nil }
        guard !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 32 || $0 == "<" || $0 == ">" || $0 == "\"" })
        else { return nil }
        return text
    }
}
