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
