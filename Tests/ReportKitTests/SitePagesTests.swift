import Foundation
import Testing
@testable import ReportKit

/// Articles to draw: the samples, and the seed and eval articles when ../shared is there.
func articlesForFigures() throws -> [String] {
    var paths = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("articles").path)
        .sorted().map { repositoryRoot.appendingPathComponent("articles/\($0)").path }
    if FileManager.default.fileExists(atPath: seedPath) { paths.append(seedPath) }
    if let names = try? FileManager.default.contentsOfDirectory(atPath: evalArticlesPath) {
        paths += names.sorted().map { "\(evalArticlesPath)/\($0)" }
    }
    return paths
}

func report(at path: String) throws -> Report {
    let article = try ArticleLoader().load(path: path).article
    let (facts, _) = try Understanding(extraGazetteer: nil).facts(for: article, fallbackPublished: nil)
    return Report(article: article, facts: facts)
}

@Suite("Figures")
struct FigureTests {
    @Test("stakeholder graph labels and nodes never overlap, and the drawing is deterministic")
    func graphLayout() throws {
        for path in try articlesForFigures() {
            let report = try report(at: path)
            let graph = StakeholderGraph(report: report, relationLabel: { "relation \($0.rawValue)" })
            let boxes = graph.occupiedBoxes
            for i in boxes.indices {
                for j in boxes.indices where j > i {
                    #expect(!boxes[i].intersects(boxes[j]), "\(path): \(boxes[i]) overlaps \(boxes[j])")
                }
            }
            for box in boxes {
                #expect(box.x >= 0 && box.y >= 0 && box.x + box.width <= graph.width && box.y + box.height <= graph.height, "\(path)")
            }
            let again = StakeholderGraph(report: report, relationLabel: { "relation \($0.rawValue)" })
            #expect(graph.svg(title: "t", description: "d") == again.svg(title: "t", description: "d"))
            #expect(graph.edges.count == report.relations.filter { relation in
                graph.nodes.contains { $0.entity.id == relation.source } && graph.nodes.contains { $0.entity.id == relation.target }
            }.count)
        }
    }

    @Test("entities rank by mentions, then by name, among the kinds asked for")
    func entityRanking() {
        func entity(_ name: String, _ kind: Entity.Kind, mentions: Int) -> Entity {
            Entity(id: "e-\(name)", name: name, kind: kind, mentions: (0..<mentions).map { Mention(sentence: "s\($0 + 1)", text: name) })
        }
        let entities = [entity("Zeta", .organization, mentions: 2), entity("Paris", .place, mentions: 9),
                        entity("Alpha", .organization, mentions: 2), entity("Bob", .person, mentions: 3)]
        #expect(entities.indicesMostMentionedFirst() == [1, 3, 2, 0])
        #expect(entities.indicesMostMentionedFirst { $0 != .place }.map { entities[$0].name } == ["Bob", "Alpha", "Zeta"])
        #expect(entities.indicesMostMentionedFirst { $0 == .media }.isEmpty)
    }

    @Test("timeline marks never overlap and follow the dates' precision")
    func timelineChart() throws {
        for path in try articlesForFigures() {
            let report = try report(at: path)
            let chart = TimelineChart(report: report, describe: { $0.text })
            for i in chart.marks.indices {
                for j in chart.marks.indices where j > i {
                    #expect(!chart.marks[i].box.intersects(chart.marks[j].box), "\(path)")
                }
            }
        }
        // A year is wider than a month, a month wider than a day.
        let year = try #require(TimelineChart.interval("2025")), month = try #require(TimelineChart.interval("2025-03"))
        let day = try #require(TimelineChart.interval("2025-03-04")), range = try #require(TimelineChart.interval("2019/2023"))
        #expect(year.1 - year.0 > month.1 - month.0 && month.1 - month.0 > day.1 - day.0)
        #expect(range.0 == 2019 && range.1 == 2024)
    }

    @Test("hostile names stay inert in SVG labels")
    func svgEscaping() {
        #expect(SVGText.escape("<script>a\u{202E}b</script> & \"x\"") == "&lt;script&gt;ab&lt;/script&gt; &amp; &quot;x&quot;")
    }
}

@Suite("Built pages")
struct BuiltPageTests {
    func build(_ inputs: [String], baseURL: String? = nil) throws -> (String, BuildResult) {
        let output = try temporaryFolder() + "/site"
        let result = try SiteBuild(options: BuildOptions(inputs: inputs, output: output, baseURL: baseURL, sourceDateEpoch: nil)).run()
        return (output, result)
    }

    /// Every `href` in `html`, as (path part, fragment).
    func links(in html: String) -> [(String, String?)] {
        var result: [(String, String?)] = []
        var rest = Substring(html)
        while let range = rest.range(of: "href=\"") {
            rest = rest[range.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let target = String(rest[..<end])
            let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
            result.append((String(parts[0]), parts.count > 1 ? String(parts[1]) : nil))
            rest = rest[end...]
        }
        return result
    }

    func normalise(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == ".." { _ = parts.popLast() } else if part != "." { parts.append(part) }
        }
        return parts.joined(separator: "/")
    }

    @Test("every internal link and anchor resolves, on every page")
    func evidenceLinks() throws {
        let inputs = try articlesForFigures()
        let (output, _) = try build(inputs)
        let site = try snapshot(output)
        var checked = 0
        for (path, data) in site where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            let folder = (path as NSString).deletingLastPathComponent
            for (target, fragment) in links(in: html) where !target.hasPrefix("http") {
                let resolved = target.isEmpty ? path : normalise(folder.isEmpty ? target : folder + "/" + target)
                let page = try #require(site[resolved], "\(path) links to missing \(target)")
                if let fragment, !fragment.isEmpty {
                    let text = String(decoding: page, as: UTF8.self)
                    #expect(text.contains("id=\"\(fragment)\""), "\(path) → \(target)#\(fragment)")
                    checked += 1
                }
            }
        }
        #expect(checked >= 30 * inputs.count)   // fragment links per report, so that the check is not vacuous
    }

    @Test("interface words follow the article's language", arguments: [
        ("articles/nordlicht-batteries.md", "nordlicht-battery-plant", ["Timeline", "Stakeholders", "Key facts"], "en"),
        ("articles/cloudia-rachat.txt", "cloudia-rachat", ["Chronologie", "Acteurs", "Faits clés"], "fr"),
    ])
    func interfaceLanguage(input: String, slug: String, words: [String], lang: String) throws {
        let (output, _) = try build([repositoryRoot.appendingPathComponent(input).path])
        let overview = try read("\(output)/\(slug)/index.html")
        #expect(overview.contains("<html lang=\"\(lang)\">"))
        for word in words { #expect(overview.contains(word), "\(word)") }
    }

    @Test("with a base URL: canonical links, sitemap and Atom feed with absolute URLs")
    func feeds() throws {
        let (output, result) = try build([repositoryRoot.appendingPathComponent("articles").path], baseURL: "https://example.org/briefings")
        let sitemap = try read(output + "/sitemap.xml")
        #expect(sitemap.contains("<loc>https://example.org/briefings/nordlicht-battery-plant/timeline.html</loc>"))
        let feed = try read(output + "/feed.xml")
        #expect(feed.contains("<entry>") && feed.contains("https://example.org/briefings/cloudia-rachat/"))
        let overview = try read(output + "/nordlicht-battery-plant/index.html")
        #expect(overview.contains("<link rel=\"canonical\" href=\"https://example.org/briefings/nordlicht-battery-plant/\">"))
        #expect(!result.diagnostics.contains { $0.code == .missingBaseURL })
    }

    @Test("without a base URL: a warning, no sitemap or feed, still a site")
    func noBaseURL() throws {
        let (output, result) = try build([repositoryRoot.appendingPathComponent("articles").path])
        #expect(result.diagnostics.contains { $0.code == .missingBaseURL && $0.severity == .warning })
        #expect(!FileManager.default.fileExists(atPath: output + "/sitemap.xml"))
        #expect(FileManager.default.fileExists(atPath: output + "/index.html"))
    }

    @Test("timeline.json and stakeholders.json sit beside each report")
    func dataFiles() throws {
        let (output, _) = try build([repositoryRoot.appendingPathComponent("articles/nordlicht-batteries.md").path])
        let timeline = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + "/nordlicht-battery-plant/timeline.json"))) as? [String: Any]
        let events = try #require(timeline?["events"] as? [[String: Any]])
        #expect(events.contains { ($0["start_date"] as? [String: Any])?["year"] as? String == "2028" })
        let graph = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + "/nordlicht-battery-plant/stakeholders.json"))) as? [String: Any]
        #expect((graph?["nodes"] as? [Any])?.isEmpty == false)
        #expect((graph?["edges"] as? [Any])?.isEmpty == false)
    }
}
