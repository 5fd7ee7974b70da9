import Foundation

/// The machine-readable side of the site: sitemap.xml and an Atom feed (both need absolute
/// URLs, so they are written only with a base URL), and per report timeline.json (in
/// TimelineJS's format) and stakeholders.json (the graph).
struct SiteFeeds {
    let baseURL: String
    /// The feed's `updated`: from SOURCE_DATE_EPOCH when set, else the newest publication date,
    /// so that the same inputs give the same bytes.
    let updated: String

    init(baseURL: String, reports: [ReportSummary], sourceDateEpoch: Int?) {
        self.baseURL = baseURL
        if let epoch = sourceDateEpoch {
            self.updated = CalendarDay(daysSinceEpoch: epoch / 86_400).iso + "T00:00:00Z"
        } else {
            self.updated = (reports.compactMap(\.published).max()?.iso ?? "1970-01-01") + "T00:00:00Z"
        }
    }

    static func xml(_ text: String) -> String { SVGText.escape(text) }

    func sitemap(_ reports: [ReportSummary]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        out += "  <url><loc>\(Self.xml(baseURL))</loc></url>\n"
        for report in reports {
            for page in ReportPages.Page.allCases.map(\.urlPath) {
                out += "  <url><loc>\(Self.xml(baseURL + report.slug + "/" + page))</loc>"
                if let day = report.published { out += "<lastmod>\(day.iso)</lastmod>" }
                out += "</url>\n"
            }
        }
        return out + "</urlset>\n"
    }

    func atom(_ reports: [ReportSummary], title: String) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        out += "  <title>\(Self.xml(title))</title>\n  <id>\(Self.xml(baseURL))</id>\n"
        out += "  <link href=\"\(Self.xml(baseURL))\"/>\n  <link rel=\"self\" href=\"\(Self.xml(baseURL + "feed.xml"))\"/>\n"
        out += "  <updated>\(updated)</updated>\n  <generator>reportgen \(ReportKitVersion.string)</generator>\n"
        for report in reports {
            let url = baseURL + report.slug + "/"
            out += "  <entry>\n    <title>\(Self.xml(report.headline))</title>\n    <id>\(Self.xml(url))</id>\n"
            out += "    <link href=\"\(Self.xml(url))\"/>\n"
            out += "    <updated>\((report.published?.iso).map { $0 + "T00:00:00Z" } ?? updated)</updated>\n"
            if let source = report.source { out += "    <author><name>\(Self.xml(source))</name></author>\n" } else {
                out += "    <author><name>reportgen</name></author>\n"
            }
            if let lead = report.leadSentence { out += "    <summary>\(Self.xml(lead))</summary>\n" }
            out += "  </entry>\n"
        }
        return out + "</feed>\n"
    }

    /// Accepts http(s) URLs only and gives them a trailing slash.
    static func normalise(baseURL: String) -> String? {
        guard let safe = SafeURL.http(baseURL) else { return nil }
        return safe.hasSuffix("/") ? safe : safe + "/"
    }
}

enum ReportData {
    struct TimelineJS: Encodable {
        struct Text: Encodable { var headline: String; var text: String }
        struct Day: Encodable { var year: String; var month: String?; var day: String? }
        struct Entry: Encodable {
            var start_date: Day
            var end_date: Day?
            var text: Text
            var unique_id: String
            var group: String?
        }
        var title: Entry?
        var events: [Entry]
    }

    /// timeline.json in TimelineJS's JSON format: dated events only (undated ones have no place on a time axis).
    static func timeline(_ report: Report, describe: (DateMention) -> String) throws -> [UInt8] {
        func day(_ iso: Substring) -> TimelineJS.Day {
            let fields = iso.split(separator: "-").map(String.init)
            return TimelineJS.Day(year: fields[0], month: fields.count > 1 ? String(Int(fields[1]) ?? 1) : nil,
                                  day: fields.count > 2 ? String(Int(fields[2]) ?? 1) : nil)
        }
        var events: [TimelineJS.Entry] = []
        for event in report.events {
            guard let index = event.date, let value = report.dates[index].value else { continue }
            let parts = value.split(separator: "/")
            events.append(TimelineJS.Entry(
                start_date: day(parts[0]), end_date: parts.count > 1 ? day(parts[1]) : nil,
                text: .init(headline: describe(report.dates[index]), text: event.summary), unique_id: event.id,
                group: event.status == .asserted ? nil : event.status.rawValue))
        }
        let timeline = TimelineJS(title: nil, events: events)
        return try JSONWriter.encode(timeline)
    }

    struct Graph: Encodable {
        struct Node: Encodable { var id: String; var name: String; var kind: String; var role: String?; var mentions: Int }
        struct Edge: Encodable { var source: String; var target: String; var kind: String; var status: String; var sentence: String }
        var nodes: [Node]
        var edges: [Edge]
    }

    static func timelineBytes(_ report: Report, format: Formatting) throws(Diagnostic) -> [UInt8] {
        do { return try timeline(report, describe: { format.date($0) }) } catch {
            throw .error(.writeFailed, file: report.metadata.sourcePath, "cannot encode timeline.json: \(error)")
        }
    }

    static func stakeholdersBytes(_ report: Report) throws(Diagnostic) -> [UInt8] {
        do { return try stakeholders(report) } catch {
            throw .error(.writeFailed, file: report.metadata.sourcePath, "cannot encode stakeholders.json: \(error)")
        }
    }

    static func stakeholders(_ report: Report) throws -> [UInt8] {
        let graph = Graph(
            nodes: report.entities.map { .init(id: $0.id, name: $0.name, kind: $0.kind.rawValue, role: $0.role, mentions: $0.mentions.count) },
            edges: report.relations.map { .init(source: $0.source, target: $0.target, kind: $0.kind.rawValue, status: $0.status.rawValue, sentence: $0.sentence) })
        return try JSONWriter.encode(graph)
    }
}
