import Foundation

/// Turns a report into its four pages. Each page model is a plain dictionary that the
/// theme's Markdown template fills; the layout wraps the HTML that libcmark makes of it.
struct ReportPages {
    let report: Report
    let templates: TemplateSet
    let baseURL: String?
    let strings: [String: String]
    let format: Formatting
    /// Entity names by id: three pages name the entities they link to.
    let entityNames: [String: String]
    /// Whether the links the templates write are made by reportgen (`TemplateLinks`); false
    /// leaves them all to libcmark, which gives the same pages more slowly (tests compare both).
    var makesTemplateLinks = true

    init(report: Report, templates: TemplateSet, baseURL: String? = nil) {
        self.report = report
        self.templates = templates
        self.baseURL = baseURL
        format = templates.strings.formatting(for: report.metadata.language)
        strings = format.strings
        entityNames = report.entityNamesByID
    }

    var language: Language { report.metadata.language }

    enum Page: String, CaseIterable {
        case overview, timeline, stakeholders, paywall

        var template: String { rawValue + ".md" }
        /// Where the page lives inside the report folder: one folder per report, as Hugo and the
        /// libcmark floor lay theirs out (a folder per page cost a file-system inode each).
        /// (Literals, as in `ReportOutputs.names`: never reference-counted.)
        var outputName: String {
            switch self {
            case .overview: "index.html"
            case .timeline: "timeline.html"
            case .stakeholders: "stakeholders.html"
            case .paywall: "paywall.html"
            }
        }
        /// The page's address relative to the site, for canonical links and the sitemap.
        var urlPath: String { self == .overview ? "" : outputName }

        init?(outputName: String) {
            guard let page = Page.allCases.first(where: { $0.outputName == outputName }) else { return nil }
            self = page
        }
    }

    /// (file name inside the report's folder, HTML) for each page, or for the pages in `only`.
    func render(only: Set<Page>? = nil) throws(Diagnostic) -> [(name: String, html: [UInt8])] {
        var pages: [(name: String, html: [UInt8])] = []
        for page in Page.allCases where only?.contains(page) ?? true {
            let model: TemplateModel
            var figures: [String: [UInt8]] = [:]
            switch page {
            case .overview:
                let overview = overviewModel()
                model = overview.model
                if let article = overview.articleHTML { figures["article"] = article }
            case .timeline:
                model = TimelinePageModel(report: report, format: format, names: entityNames).model()
                let chart = TimelineChart(report: report, describe: { format.date($0) })
                figures["timeline"] = chart.svgBytes(title: strings["chart_title"] ?? "", description: chartDescription(chart))
            case .stakeholders:
                model = StakeholdersPageModel(report: report, format: format, names: entityNames).model()
                let graph = StakeholderGraph(report: report, relationLabel: { format.word("relation_\($0.rawValue)") })
                figures["graph"] = graph.svgBytes(title: strings["graph_title"] ?? "", description: graphDescription(graph))
            case .paywall: model = paywallModel()
            }
            let body = try templates.html(page.template, model.merging(common) { new, _ in new }, language: language,
                                          figures: figures, makesLinks: makesTemplateLinks)
            let html = try wrap(body: body, page: page)
            pages.append((name: page.outputName, html: html))
        }
        return pages
    }

    private func chartDescription(_ chart: TimelineChart) -> String {
        "\(chart.marks.count) \(strings["chart_dated"] ?? ""); \(chart.undatedCount) \(strings["chart_undated"] ?? "")"
    }

    private func graphDescription(_ graph: StakeholderGraph) -> String {
        "\(graph.nodes.count) \(strings["graph_nodes"] ?? ""), \(graph.edges.count) \(strings["graph_edges"] ?? "")"
    }

    private var common: TemplateModel {
        ["t": templates.stringScope(language), "headline": .text(report.headline.text), "lang": .text(language.rawValue)]
    }

    private func wrap(body: [UInt8], page: Page) throws(Diagnostic) -> [UInt8] {
        let root = "../"
        let nav: [TemplateValue] = Page.allCases.map { target in
            ["label": .text(strings[target.rawValue] ?? target.rawValue),
             "href": .text(target.outputName),
             "current": .flag(target == page)]
        }
        let title = page == .overview ? report.headline.text : "\(strings[page.rawValue] ?? page.rawValue) — \(report.headline.text)"
        let description = report.firstSentence ?? report.headline.text
        return try templates.renderBytes(TemplateSet.layoutTemplate, [
            "lang": .text(language.rawValue), "title": .text(title), "description": .text(description.utf8.count <= 200 ? description : String(description.prefix(200))),
            "root": .text(root), "body": .bytes(body), "nav": .list(nav), "hasReportNav": true, "t": templates.stringScope(language),
            "generator": .text(report.generator),
            "canonical": .optional(baseURL.map { "\($0)\(report.metadata.slug)/\(page.urlPath)" }),
            "ogType": "article",
        ], language: language, capacity: body.count + 4096)
    }

    // MARK: Overview

    /// The page model, and the article as HTML when the template places it with `[](figure:article)`.
    private func overviewModel() -> (model: TemplateModel, articleHTML: [UInt8]?) {
        let truncation = report.truncation
        let sentenceBadges = badgesBySentence()
        let sentenceFacts = factsBySentence()
        // The article text is the largest part of the page: built as a list for themes that
        // lay it out themselves (`sections`), or as Markdown made here (`articleMarkdown`).
        let wantsSections = templates.uses(Page.overview.template, "sections")
        let sections: [TemplateValue] = !wantsSections ? [] : report.sections.map { section in
            ["id": .text(section.id), "heading": .optional(section.heading),
             "paragraphs": .list(section.paragraphs.map { paragraph -> TemplateValue in
                 ["id": .text(paragraph.id), "sentences": .list(paragraph.sentences.map { sentence -> TemplateValue in
                     ["id": .text(sentence.id), "text": .text(sentence.text), "badge": .optional(sentenceBadges[sentence.id]),
                      "facts": .list((sentenceFacts[sentence.id] ?? []).map(\.value))]
                 })]
             })]
        }
        let outline: [TemplateValue] = report.sections.compactMap { section in
            section.heading.map { ["id": .text(section.id), "heading": .text($0)] }
        }
        let actors = mainActors()
        let amounts: [TemplateValue] = report.amounts.enumerated().map { index, amount in
            ["id": "amount-\(index + 1)", "display": .text(format.amount(amount)), "text": .text(amount.text), "sentence": .text(amount.sentence)]
        }
        let names = entityNames
        let quotes: [TemplateValue] = report.quotes.enumerated().map { index, quote in
            ["id": "quote-\(index + 1)", "text": .text(quote.text), "sentence": .text(quote.sentence),
             "speakerName": .optional(quote.speaker.flatMap { names[$0] })]
        }
        let dated = report.dates.compactMap(\.value).sorted()
        let span: String? = dated.isEmpty ? nil : {
            let first = dated.first!.split(separator: "/").first.map(String.init)!
            let last = dated.map { $0.split(separator: "/").last.map(String.init)! }.max()!
            return first == last ? format.date(first) : "\(format.date(first)) → \(format.date(last))"
        }()
        let articleHTML = templates.placesFigure("article", in: Page.overview.template)
            ? articleHTML(badges: sentenceBadges, facts: sentenceFacts) : nil
        return ([
            "source": .optional(report.metadata.source),
            "published": .optional(report.metadata.published.map { format.date($0.iso) }),
            "author": .optional(report.metadata.author),
            "url": .optional(SafeURL.http(report.metadata.url)),
            "languageName": .text(strings["language_name"] ?? language.rawValue),
            "wordCount": .number(report.wordCount),
            "isTruncated": .flag(truncation.isTruncated),
            "truncationSummary": .text(truncationSummary()),
            "sections": .list(sections),
            "articleMarkdown": .bytes(templates.uses(Page.overview.template, "articleMarkdown")
                ? articleMarkdown(badges: sentenceBadges, facts: sentenceFacts) : []),
            "outline": .list(outline), "hasOutline": .flag(!outline.isEmpty),
            "actors": .list(actors), "hasActors": .flag(!actors.isEmpty),
            "amounts": .list(amounts), "hasAmounts": .flag(!amounts.isEmpty),
            "quotes": .list(quotes), "hasQuotes": .flag(!quotes.isEmpty),
            "dateSpan": .optional(span), "hasDateSpan": .flag(span != nil),
            "summary": .list(summaryCard()),
            "reportedCount": .number(report.claims.filter { $0.status == .reported }.count),
            "hedgedCount": .number(report.claims.filter { $0.status == .hedged }.count),
            "anonymousCount": .number(report.claims.filter { $0.status == .anonymous }.count),
        ], articleHTML)
    }

    /// People and organisations first, by how often the article names them.
    private func mainActors() -> [TemplateValue] {
        let entities = report.entities
        let ranked = entities.indicesMostMentionedFirst { [.organization, .person, .regulator].contains($0) }
            .prefix(8)
            .map { entities[$0] }
        return ranked.enumerated().map { index, entity in
            ["id": .text(entity.id), "name": .text(entity.name), "role": .optional(entity.role), "last": .flag(index == ranked.count - 1)]
        }
    }

    /// The article text as Markdown, every value escaped: the same as the `sections` loop of
    /// the default theme, without a template call per sentence.
    private func articleMarkdown(badges: SentenceKeyed<String>, facts: SentenceKeyed<[FactLink]>) -> [UInt8] {
        // Thousands of small pieces: a `ByteBuffer`, freed once its bytes are copied out.
        var out = ByteBuffer(capacity: report.wordCount * 10)
        defer { out.free() }
        func raw(_ literal: StaticString) { out.append(literal) }
        func rawText(_ text: String) { out.append(contentsOf: text.utf8) }
        func escaped(_ text: String) { MarkdownEscaping.append(text, to: &out) }
        for section in report.sections {
            if let heading = section.heading {
                raw("### ["); escaped(heading); raw("](anchor:"); rawText(section.id); raw(")\n\n")
            } else {
                raw("["); escaped(strings["lead"] ?? ""); raw("](anchor:"); rawText(section.id); raw(")\n\n")
            }
            for paragraph in section.paragraphs {
                for sentence in paragraph.sentences {
                    raw("["); escaped(sentence.text); raw("](anchor:"); rawText(sentence.id); raw(")")
                    if let badge = badges[sentence.id] { raw(" *("); escaped(badge); raw(")*") }
                    for fact in facts[sentence.id] ?? [] {
                        raw(" ["); escaped(fact.label); raw("]("); escaped(fact.href); raw(")")
                    }
                    raw(" ")
                }
                raw("\n\n")
            }
        }
        return out.bytes
    }

    /// The article text as HTML, made here rather than by libcmark: it is most of the page,
    /// and its Markdown (every punctuation mark escaped) was most of libcmark's work. The
    /// result is what libcmark makes of `articleMarkdown` (same bytes, tested): text folded and
    /// escaped by `HTMLTextEscaping`, every sentence and heading anchored.
    private func articleHTML(badges: SentenceKeyed<String>, facts: SentenceKeyed<[FactLink]>) -> [UInt8] {
        // Thousands of small pieces: a `ByteBuffer`, freed once its bytes are copied out.
        var out = ByteBuffer(capacity: report.wordCount * 12)
        defer { out.free() }
        func raw(_ literal: StaticString) { out.append(literal) }
        func text(_ text: String) { HTMLTextEscaping.append(text, to: &out) }
        func anchor(_ id: String, _ content: String) {
            raw("<span class=\"anchor\" id=\""); out.append(contentsOf: id.utf8); raw("\">"); text(content); raw("</span>")
        }
        for section in report.sections {
            if let heading = section.heading {
                raw("<h3>"); anchor(section.id, heading); raw("</h3>\n")
            } else {
                raw("<p>"); anchor(section.id, strings["lead"] ?? ""); raw("</p>\n")
            }
            for paragraph in section.paragraphs {
                raw("<p>")
                for (index, sentence) in paragraph.sentences.enumerated() {
                    if index > 0 { raw(" ") }
                    anchor(sentence.id, sentence.text)
                    if let badge = badges[sentence.id] { raw(" <em>("); text(badge); raw(")</em>") }
                    for fact in facts[sentence.id] ?? [] {
                        raw(" <a href=\""); text(fact.href); raw("\">"); text(fact.label); raw("</a>")
                    }
                }
                raw("</p>\n")
            }
        }
        return out.bytes
    }

    /// A link from a sentence to a fact it supports.
    private struct FactLink {
        let label: String
        let href: String
        var value: TemplateValue { ["label": .text(label), "href": .text(href)] }
    }

    private func factsBySentence() -> SentenceKeyed<[FactLink]> {
        var facts = SentenceKeyed<[FactLink]>(sentenceCount: report.sentenceCount)
        func add(_ sentence: String, _ label: String, _ href: String) {
            let link = FactLink(label: label, href: href)
            facts.update(sentence, initial: []) { $0.append(link) }
        }
        // Each label looked up once, not once per fact (each look-up hashes the key).
        func label(_ key: String) -> String { strings[key] ?? key }
        let (event, date, relation, amount, quote, role) = (label("fact_event"), label("fact_date"), label("fact_relation"),
                                                            label("fact_amount"), label("fact_quote"), label("fact_role"))
        for item in report.events { add(item.sentence, item.date == nil ? event : date, "timeline.html#" + item.id) }
        for (index, item) in report.relations.enumerated() { add(item.sentence, relation, "stakeholders.html#rel-\(index + 1)") }
        for (index, item) in report.amounts.enumerated() { add(item.sentence, amount, "#amount-\(index + 1)") }
        for (index, item) in report.quotes.enumerated() { add(item.sentence, quote, "#quote-\(index + 1)") }
        for entity in report.entities where entity.roleSentence != nil {
            add(entity.roleSentence!, role, "stakeholders.html#" + entity.id)
        }
        return facts
    }

    /// Source, date, language, length, truncation and counts, for the card at the top.
    private func summaryCard() -> [TemplateValue] {
        var rows: [(String, String)] = []
        if let source = report.metadata.source { rows.append(("card_source", source)) }
        rows.append(("card_published", report.metadata.published.map { format.date($0.iso) } ?? (strings["card_unknown"] ?? "")))
        rows.append(("card_language", strings["language_name"] ?? language.rawValue))
        rows.append(("card_length", "\(report.wordCount) \(strings["words"] ?? ""), \(report.sections.count) \(strings["card_sections"] ?? "")"))
        rows.append(("card_truncation", report.truncation.isTruncated ? (strings["truncated_badge"] ?? "") : (strings["card_complete"] ?? "")))
        rows.append(("card_counts", [
            "\(report.entities.count) \(strings["card_entities"] ?? "")", "\(report.events.count) \(strings["card_events"] ?? "")",
            "\(report.relations.count) \(strings["card_relations"] ?? "")", "\(report.quotes.count) \(strings["card_quotes"] ?? "")",
            "\(report.amounts.count) \(strings["card_amounts"] ?? "")",
        ].joined(separator: " · ")))
        return rows.map { ["label": .text(strings[$0.0] ?? $0.0), "value": .text($0.1)] }
    }

    private func badgesBySentence() -> SentenceKeyed<String> {
        var badges = SentenceKeyed<String>(sentenceCount: report.sentenceCount)
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

    private func paywallModel() -> TemplateModel {
        let truncation = report.truncation
        func sentence(_ value: Sentence?) -> TemplateValue {
            .optional(value.map { ["id": .text($0.id), "text": .text($0.text)] })
        }
        let embeds: [TemplateValue] = truncation.droppedEmbeds.map {
            ["text": .text($0.text), "sentence": .text($0.sentence), "section": .optional($0.section),
             "reason": .text(strings["reason_\($0.reason.rawValue)"] ?? $0.reason.rawValue)]
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
            "isTruncated": .flag(truncation.isTruncated || !truncation.droppedEmbeds.isEmpty),
            "truncationSummary": .text(truncationSummary()),
            "paywall": .flag(truncation.paywall),
            "endsMidSentence": .flag(truncation.endsMidSentence),
            "droppedEmbedCount": .number(truncation.droppedEmbeds.count),
            "wordCount": .number(report.wordCount),
            "remainingPercent": .optional(truncation.notice?.remainingPercent),
            "notice": .optional(truncation.notice?.text),
            "unfinished": sentence(truncation.unfinishedSentence),
            "lastComplete": sentence(truncation.lastCompleteSentence),
            "cutSection": .optional(truncation.cutSection),
            "emptySections": .texts(truncation.emptyTrailingSections),
            "hasEmptySections": .flag(!truncation.emptyTrailingSections.isEmpty),
            "droppedEmbeds": .list(embeds), "hasDroppedEmbeds": .flag(!embeds.isEmpty),
            "cannotSay": .texts(cannotSay),
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
