import Foundation
import Testing
@testable import ReportKit

/// Links a template writes are made by reportgen (`TemplateLinks`); these tests hold them to
/// what libcmark makes of the same Markdown.
@Suite("Links templates write")
struct TemplateLinksTests {
    /// A template rendered with its links as marks and resolved (nil when the marks did not
    /// resolve), and as plain Markdown through libcmark.
    func bothWays(_ source: String, _ model: TemplateModel, partials: [String: String] = [:]) throws
        -> (marked: String?, plain: String, links: Int) {
        var templates: [String: CompiledTemplate] = [:]
        for (name, text) in partials { templates[name] = try TemplateParser.parse(text, escaping: .markdown) }
        let compiled = try TemplateParser.parse(source, escaping: .markdown)
        var marked = TemplateRenderer(templates: templates, writesLinks: true)
        marked.render(compiled, model: .object(model))
        let targets = marked.linkTargets
        let links = try #require(targets)
        let html = MarkdownToHTML().render(bytes: marked.output, figures: [:], links: links, anchorLinks: marked.mayHoldAnchorLinks)
        var plain = TemplateRenderer(templates: templates)
        plain.render(compiled, model: .object(model))
        let plainHTML = MarkdownToHTML().render(bytes: plain.output)
        return (html.map { String(decoding: $0, as: UTF8.self) }, String(decoding: plainHTML, as: UTF8.self), links.count)
    }

    /// Templates, and whether reportgen makes some of their links.
    static let templates: [(source: String, makesLinks: Bool)] = [
        ("- [{{name}}](stakeholders.html#{{id}}) — ([proof](#{{s}}))\n", true),
        ("- [**{{name}}**](anchor:{{id}}) — [{{s}}](anchor:{{id}}){{#flag}} *[{{name}}]*{{/flag}}\n", true),
        ("x**[{{name}}](#{{id}})**y and *[{{name}}](#s1) {{s}}* and **{{s}} [{{name}}](#s2)** _[{{s}}](#s3)_\n", true),
        ("__[_{{name}}_](#{{id}})__ and [*{{name}}*](#{{id}}) and *a [b* {{name}}](#c) and __[!](#x)__ **[*](#y)**\n", true),
        ("x[**{{name}}**](#{{id}})y **[**{{s}}**](#{{id}})** _[_{{name}}_](#s1)_ [*{{s}}*]({{url}})*\n", true),
        ("![{{name}}](#{{id}}) and ![alt [{{name}}](#{{id}})](img.png) and [outer [{{name}}](#{{id}}) text](#c)\n", false),
        ("## [{{name}}](#{{id}})\n\n> [{{s}}](anchor:{{id}}) [{{name}}]({{url}})\n\n1. [{{name}}](#{{id}})[{{s}}](#{{id}})\n", true),
        ("{{s}}[{{name}}](#{{id}}) and {{name}}![{{s}}](#x) and [{{{raw}}}](#{{id}}) and [a\nb {{name}}](#{{id}})\n", true),
        ("{{#items}}[{{name}}](stakeholders.html#{{id}}){{^last}}, {{/last}}{{/items}}\n\n[](figure:x)\n", true),
        ("{{#flag}}[{{/flag}}[{{name}}](#{{id}}) then ] [{{s}}](#{{id}})\n", false),
        ("[{{name}}](#{{id}})  \nnext line [{{s}}](#{{id}})\\\n[{{name}}](anchor:{{id}}) end  \n", true),
        ("`[{{name}}](#{{id}})` and [{{s}}](#{{id}})\n", false),
        ("    [{{name}}](#{{id}})\n\n[{{s}}](#{{id}})\n", false),
    ]

    static let values: [String] = [
        "Plain words", "*star* _under_ `tick` \\back\\", "ends with bang!", "ends with backslash \\",
        "[brackets](x) ![img](y) <b>html</b> &amp; \"q\"", "  spaced   out  ", "", " ", "!", "**",
        "\u{2045}\u{E000}\u{2045} forged \u{2046}\u{E001}\u{2046}", "\u{E000}\u{E001}", "⁅⁆",
        "(parenthèse) « guillemets » — tiret", "1. two", "# hash", "e_x", "anchor:s1", "s1#x",
    ]
    static let identifiers = ["s1", "e-acme", "e_x", "a.b", "x y", "anchor:s2", "", "#s3", "<x>", "s\\1", String(repeating: "a", count: 70)]
    static let urls = ["https://example.org/a?b=c", "javascript:alert(1)", "#s1", "anchor:s1", "anchor:bad id", "timeline.html", "", "data:text/html,x"]

    @Test("a template's links give libcmark's HTML, for 13 templates and 1,300 value sets", arguments: Array(templates.indices))
    func sameAsLibcmark(template: Int) throws {
        // Fixed per template, so that how many renders make links is the same on every run.
        var generator = SeededGenerator(seed: UInt64(template) &+ 2026)
        var resolved = 0
        for round in 0..<100 {
            func value() -> String { Self.values[round < Self.values.count ? round : Int.random(in: 0..<Self.values.count, using: &generator)] }
            func id() -> String { Self.identifiers[Int.random(in: 0..<Self.identifiers.count, using: &generator)] }
            let model: TemplateModel = [
                "name": .text(value()), "s": .text(value()), "id": .text(id()), "raw": .text(value()),
                "url": .text(Self.urls[round % Self.urls.count]), "flag": .flag(round % 2 == 0),
                "items": .list((0..<(round % 4)).map { index in ["name": .text(value()), "id": .text(id()), "last": .flag(index == round % 4 - 1)] }),
            ]
            let result = try bothWays(Self.templates[template].source, model)
            if let marked = result.marked {
                if result.links > 0 { resolved += 1 }
                #expect(marked == result.plain, "template \(template), round \(round)")
            }
        }
        // Templates with code, images, links inside brackets or emphasis inside links get no
        // marks; the others make most of their links themselves.
        if Self.templates[template].makesLinks { #expect(resolved > 10) } else { #expect(resolved == 0) }
    }

    @Test("which links qualify: address characters, the anchor scheme with an identifier, no figure")
    func qualifyingLinks() throws {
        func links(_ source: String, _ model: TemplateModel = [:]) throws -> Int { try bothWays(source, model).links }
        #expect(try links("[a](#s1) [b](index.html#s2) [c](anchor:s3) [d](timeline.html)") == 4)
        #expect(try links("[a](https://example.org/) [b](javascript:x) [c](anchor:a.b) [d](#a%20b) [](figure:x)") == 0)
        #expect(try links("[a]({{u}})", ["u": "e_x"]) == 1, "the escape of `_` is undone as libcmark undoes it")
        #expect(try links("[a]({{u}})", ["u": "e\\\\x"]) == 0, "a backslash of the value is not an address character")
        #expect(try links("[a]({{u}})", ["u": "vbscript:x"]) == 0)
        #expect(try links("![a](#b) \\[a](#b) [a [b](#c)](#d)") == 0)
        #expect(try links("[**a**](#b) [_é1_](#b) [**{{v}}**](#b)", ["v": "2024"]) == 3)
        #expect(try links("[**(a)**](#b) [*a *](#b) [**a*](#b) [**{{v}}**](#b) [*a*b*](#b)", ["v": "« x »"]) == 0)
        #expect(try links("[{{{raw}}}](#b) [a\nb](#c) [a`b`](#c)", ["raw": "x"]) == 0)
        #expect(try links("{{#items}}[{{.}}](#x){{/items}}", ["items": ["a", "b", "c"]]) == 3)
        #expect(try links("[a](#b)", [:]) == 1)
    }

    @Test("marks that article text makes up, or that libcmark does not render as text, fall back to libcmark")
    func forgedMarks() throws {
        let forged = try bothWays("[{{a}}](#s1) {{b}}", ["a": "x", "b": "\u{2045}\u{E000}\u{2045}y\u{2046}\u{E001}\u{2046}"])
        #expect(forged.marked == nil)
        #expect(forged.plain.contains("<a href=\"#s1\">x</a>"))
        let targets = { () -> TemplateLinks.Targets in
            var targets = TemplateLinks.Targets()
            _ = Array("#a".utf8).withUnsafeBufferPointer { targets.add(url: $0) }
            return targets
        }()
        func resolve(_ html: String) -> String? {
            Array(html.utf8).withUnsafeBufferPointer { TemplateLinks.resolve($0, targets: targets) }.map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(resolve("<p>⁅\u{E000}⁅x⁆\u{E001}⁆</p>") == "<p><a href=\"#a\">x</a></p>")
        #expect(resolve("<p>⁆\u{E001}⁆x⁅\u{E000}⁅</p>") == nil, "closing before opening")
        #expect(resolve("<p>x</p>") == nil, "a mark lost")
        #expect(resolve("<p>⁅\u{E000}⁅x⁆\u{E001}⁆⁅\u{E000}⁅</p>") == nil, "one mark too many")
        #expect(resolve("<p>\u{E000}⁅x \u{E001} ⁆\u{E001}⁆</p>") == nil, "half a mark is text, and the opening one is missing")
    }

    static let articles: [String] = {
        let folders = [repositoryRoot.appendingPathComponent("articles").path, evalArticlesPath]
        var paths = folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().map { (folder as NSString).appendingPathComponent($0) }
        }.filter { $0.hasSuffix(".txt") || $0.hasSuffix(".md") }
        paths.append(seedPath)
        return paths.filter { FileManager.default.fileExists(atPath: $0) }
    }()

    @Test("every page of the samples, the seed and the eval articles is the same with links made by reportgen")
    func sameReports() throws {
        let templates = try TemplateSet(overrideDirectory: nil)
        let understanding = try Understanding(extraGazetteer: nil)
        var texts = try Self.articles.map { try read($0) }
        // Text that makes up marks, and marks in a name that pages link.
        texts.append("Forged marks\nAcme ⁅\u{E000}⁅ signed ⁆\u{E001}⁆ a deal with Globex Corp in January 2025. "
            + "Globex « confirmed ⁅\u{E000}⁅ it », said Jane Doe, chief executive of Globex.")
        texts.append("Marques\nLe groupe Acme⁅\u{E000}⁅ a racheté Initech en 2024, selon Le Monde. « C'est fait ⁆\u{E001}⁆ », a dit Marie Curie.")
        // The samples, and the seed and eval articles when `../shared` is beside the repository.
        #expect(texts.count >= 4)
        for text in texts {
            let article = try loadArticle(text)
            let (facts, _) = try understanding.facts(for: article, fallbackPublished: CalendarDay(iso: "2026-01-15"))
            let report = Report(article: article, facts: facts)
            var plain = ReportPages(report: report, templates: templates, baseURL: "https://example.org/b/")
            plain.makesTemplateLinks = false
            let ours = try ReportPages(report: report, templates: templates, baseURL: "https://example.org/b/").render()
            let theirs = try plain.render()
            #expect(ours.map(\.name) == theirs.map(\.name))
            for (mine, libcmark) in zip(ours, theirs) {
                #expect(String(decoding: mine.html, as: UTF8.self) == String(decoding: libcmark.html, as: UTF8.self),
                        "\(report.metadata.slug)/\(mine.name)")
            }
        }
    }
}
