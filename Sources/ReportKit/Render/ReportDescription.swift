/// A plain-text digest of a report for the terminal (`reportgen inspect`).
public struct ReportDescription {
    public let report: Report

    public init(report: Report) { self.report = report }

    public var text: String {
        var lines: [String] = []
        let meta = report.metadata
        lines.append("\(report.headline.text)")
        lines.append("  slug \(meta.slug) · \(meta.language.rawValue)\(meta.languageWasDetected ? " (detected)" : "") · "
            + "\(report.wordCount) words · \(report.sections.count) sections · \(report.sentences.count) sentences"
            + (meta.published.map { " · published \($0.iso)" } ?? ""))
        for section in report.sections where section.heading != nil {
            lines.append("  § \(section.heading!)")
        }
        let names = report.entityNamesByID
        lines.append("entities (\(report.entities.count))")
        for entity in report.entities {
            var line = "  \(entity.kind.rawValue): \(entity.name) ×\(entity.mentions.count)"
            if let role = entity.role { line += " — \(role)" }
            if !entity.aliases.isEmpty { line += " [\(entity.aliases.joined(separator: "; "))]" }
            lines.append(line)
        }
        lines.append("dates (\(report.dates.count))")
        for date in report.dates {
            lines.append("  \(date.text) → \(date.value ?? "unresolved") (\(date.precision.rawValue)\(date.relative ? ", relative" : "")) \(date.sentence)")
        }
        lines.append("amounts (\(report.amounts.count))")
        for amount in report.amounts {
            lines.append("  \(amount.text) → \(amount.value) \(amount.currency) \(amount.qualifier.rawValue) \(amount.sentence)")
        }
        lines.append("quotes (\(report.quotes.count))")
        for quote in report.quotes {
            lines.append("  “\(quote.text.prefix(60))…” — \(quote.speaker.flatMap { names[$0] } ?? "unattributed") \(quote.sentence)")
        }
        lines.append("claims (\(report.claims.count))")
        for claim in report.claims {
            lines.append("  \(claim.sentence) \(claim.status.rawValue)\(claim.source.flatMap { " by " + (names[$0] ?? $0) } ?? "") [\(claim.cues.joined(separator: ", "))]")
        }
        lines.append("events (\(report.events.count))")
        for event in report.events {
            let date = event.date.map { report.dates[$0].value ?? report.dates[$0].text } ?? "undated"
            lines.append("  \(date): \(event.summary.prefix(90)) [\(event.status.rawValue)] \(event.sentence)")
        }
        lines.append("relations (\(report.relations.count))")
        for relation in report.relations {
            lines.append("  \(names[relation.source] ?? relation.source) —\(relation.kind.rawValue)→ \(names[relation.target] ?? relation.target) [\(relation.status.rawValue)] \(relation.sentence)")
        }
        let truncation = report.truncation
        lines.append("truncation: paywall \(truncation.paywall), endsMidSentence \(truncation.endsMidSentence), droppedEmbeds \(truncation.droppedEmbeds.count)")
        if let notice = truncation.notice { lines.append("  notice: \(notice.text.prefix(100))") }
        if let unfinished = truncation.unfinishedSentence { lines.append("  unfinished: …\(unfinished.text.suffix(60))") }
        for embed in truncation.droppedEmbeds { lines.append("  dropped embed after: …\(embed.text.suffix(60)) (\(embed.reason.rawValue))") }
        return lines.joined(separator: "\n")
    }
}
