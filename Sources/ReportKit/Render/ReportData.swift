/// The data files of a report: timeline.json in TimelineJS's format and stakeholders.json (the
/// graph). Each type writes itself (`JSONFastWritable`) with the keys, order and omitted empty
/// optionals that synthesized `Encodable` conformances gave: the generic containers cost more
/// than the bytes, for files written for every report.
enum ReportData {
    struct TimelineJS: JSONFastWritable {
        struct Text: JSONFastWritable {
            var headline: String
            var text: String

            func writeJSON(to json: JSONWriterState) {
                json.openObject()
                json.field("headline", headline)
                json.field("text", text)
                json.closeObject()
            }
        }

        struct Day: JSONFastWritable {
            var year: String
            var month: String?
            var day: String?

            func writeJSON(to json: JSONWriterState) {
                json.openObject()
                json.field("year", year)
                json.field("month", month)
                json.field("day", day)
                json.closeObject()
            }
        }

        struct Entry: JSONFastWritable {
            var start_date: Day
            var end_date: Day?
            var text: Text
            var unique_id: String
            var group: String?

            func writeJSON(to json: JSONWriterState) {
                json.openObject()
                json.field("start_date", start_date)
                json.field("end_date", end_date)
                json.field("text", text)
                json.field("unique_id", unique_id)
                json.field("group", group)
                json.closeObject()
            }
        }

        var title: Entry?
        var events: [Entry]

        func writeJSON(to json: JSONWriterState) {
            json.openObject()
            json.field("title", title)
            json.field("events", events)
            json.closeObject()
        }
    }

    /// timeline.json in TimelineJS's JSON format: dated events only (undated ones have no place on a time axis).
    static func timeline(_ report: Report, describe: (DateMention) -> String) -> [UInt8] {
        // ISO values ("2024", "2024-03", "2024-03-05", two of them joined by "/") are ASCII, cut on
        // their bytes: a split on characters looked for grapheme breaks at every one of them.
        func fields(_ text: Substring, _ separator: Character) -> [Substring] {
            guard text.utf8.allSatisfy({ $0 < 128 }) else { return text.split(separator: separator) }
            return text.utf8.split(separator: separator.asciiValue!).map { Substring($0) }
        }
        func day(_ iso: Substring) -> TimelineJS.Day {
            let fields = fields(iso, "-")
            return TimelineJS.Day(year: String(fields[0]), month: fields.count > 1 ? String(Int(fields[1]) ?? 1) : nil,
                                  day: fields.count > 2 ? String(Int(fields[2]) ?? 1) : nil)
        }
        var events: [TimelineJS.Entry] = []
        for event in report.events {
            guard let index = event.date, let value = report.dates[index].value else { continue }
            let parts = fields(Substring(value), "/")
            events.append(TimelineJS.Entry(
                start_date: day(parts[0]), end_date: parts.count > 1 ? day(parts[1]) : nil,
                text: .init(headline: describe(report.dates[index]), text: event.summary), unique_id: event.id,
                group: event.status == .asserted ? nil : event.status.rawValue))
        }
        return JSONWriter.encode(written: TimelineJS(title: nil, events: events))
    }

    struct Graph: JSONFastWritable {
        struct Node: JSONFastWritable {
            var id: String
            var name: String
            var kind: String
            var role: String?
            var mentions: Int

            func writeJSON(to json: JSONWriterState) {
                json.openObject()
                json.field("id", id)
                json.field("name", name)
                json.field("kind", kind)
                json.field("role", role)
                json.field("mentions", mentions)
                json.closeObject()
            }
        }

        struct Edge: JSONFastWritable {
            var source: String
            var target: String
            var kind: String
            var status: String
            var sentence: String

            func writeJSON(to json: JSONWriterState) {
                json.openObject()
                json.field("source", source)
                json.field("target", target)
                json.field("kind", kind)
                json.field("status", status)
                json.field("sentence", sentence)
                json.closeObject()
            }
        }

        var nodes: [Node]
        var edges: [Edge]

        func writeJSON(to json: JSONWriterState) {
            json.openObject()
            json.field("nodes", nodes)
            json.field("edges", edges)
            json.closeObject()
        }
    }

    static func timelineBytes(_ report: Report, format: Formatting) -> [UInt8] {
        timeline(report, describe: { format.date($0) })
    }

    static func stakeholdersBytes(_ report: Report) -> [UInt8] {
        JSONWriter.encode(written: Graph(
            nodes: report.entities.map { .init(id: $0.id, name: $0.name, kind: $0.kind.rawValue, role: $0.role, mentions: $0.mentions.count) },
            edges: report.relations.map { .init(source: $0.source, target: $0.target, kind: $0.kind.rawValue, status: $0.status.rawValue, sentence: $0.sentence) }))
    }
}
