/// The timeline page: dated events in calendar order grouped by year; relative dates that
/// could not be resolved and undated events apart, in reading order, each with why.
struct TimelinePageModel {
    let report: Report
    let format: Formatting
    /// Entity names by id (`Report.entityNamesByID`), made once for the report's pages.
    let names: [String: String]

    func model() -> TemplateModel {
        var dated: [(key: String, order: Int, event: Event, date: DateMention)] = []
        var unresolved: [TemplateModel] = []
        var undated: [TemplateModel] = []
        for (order, event) in report.events.enumerated() {
            guard let index = event.date, report.dates.indices.contains(index) else {
                undated.append(row(event, when: nil))
                continue
            }
            let date = report.dates[index]
            if let key = date.sortKey {
                dated.append((key, order, event, date))
            } else {
                var entry = row(event, when: date.text)
                entry["why"] = .text(format.word("relative_unanchored"))
                unresolved.append(entry)
            }
        }
        dated.sort { ($0.key, $0.order) < ($1.key, $1.order) }
        var years: [TemplateModel] = []
        var currentYear = ""
        var currentEvents: [TemplateModel] = []
        for item in dated {
            let year = String(item.key.prefix(4))
            if year != currentYear && !currentEvents.isEmpty {
                years.append(["label": .text(currentYear), "events": .objects(currentEvents)])
                currentEvents = []
            }
            currentYear = year
            var when = format.date(item.date)
            if item.date.relative { when += " — “\(item.date.text)”" }
            currentEvents.append(row(item.event, when: when))
        }
        if !currentEvents.isEmpty { years.append(["label": .text(currentYear), "events": .objects(currentEvents)]) }

        let resolvedRelative = report.dates.contains { $0.relative && $0.value != nil }
        let anchorNote: String? = resolvedRelative ? report.metadata.published.map {
            "\(format.word("anchor_note")) \(format.date($0.iso))."
        } : nil
        return [
            "years": .objects(years),
            "unresolved": .objects(unresolved), "hasUnresolved": .flag(!unresolved.isEmpty),
            "undated": .objects(undated), "hasUndated": .flag(!undated.isEmpty),
            "anchorNote": .optional(anchorNote),
        ]
    }

    private func row(_ event: Event, when: String?) -> TemplateModel {
        let participants: [TemplateModel] = event.participants.enumerated().compactMap { index, id in
            guard let name = names[id] else { return nil }
            return ["id": .text(id), "name": .text(name), "last": .flag(index == event.participants.count - 1)]
        }
        return [
            "id": .text(event.id), "when": .optional(when), "summary": .text(event.summary), "sentence": .text(event.sentence),
            "statusLabel": .optional(event.status == .asserted ? nil : format.word("status_\(event.status.rawValue)")),
            "participants": .objects(participants), "hasParticipants": .flag(!participants.isEmpty), "why": "",
        ]
    }
}
