import CCmark
import Foundation
import Testing
@testable import ReportKit

@Suite("Templates and escaping")
struct RenderingTests {
    @Test("Markdown escaping keeps inserted text inert")
    func escaping() {
        let html = MarkdownToHTML().render("Text: " + MarkdownEscaping.escape("# <script>alert(1)</script> [x](javascript:alert(1)) {{tag}} | a | b |\n- item"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<a "))
        #expect(!html.contains("<li>"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(html.contains("{{tag}}"))
    }

    @Test("the article HTML reportgen writes is what libcmark makes of the article Markdown", arguments: [
        "Titre\nUne phrase simple. Une autre, « citée » ; fin.",
        "Title\n# <script>alert(1)</script> [x](javascript:alert(1)) {{tag}} | a | b | & &amp; \"q\" 'a' `c` *e* _u_ ~s~\n\n- item\n1. one\n> quote",
        "Heading test\nTabs\tand  double  spaces, \u{00A0}nbsp, \u{200B}zero width, \u{202E}bidi, \u{0007}bell. Microsoft travaillerait avec OpenAI depuis 2019.\n\n## A section?\nSam Altman, PDG d'OpenAI, a investi 10 milliards de dollars en janvier 2025.",
        "Trailing\nEnds with a backslash \\ and a bracket ] and a paren ) and an exclamation !",
    ])
    func articleHTMLMatchesLibcmark(text: String) throws {
        let folder = try temporaryFolder()
        let overview = try #require(DefaultTemplates.files["overview.md"])
        try writeFile(folder, "overview.md", overview.replacingOccurrences(of: "[](figure:article)", with: "{{{articleMarkdown}}}"))
        let article = try loadArticle(text)
        let (facts, _) = try Understanding(extraGazetteer: nil).facts(for: article, fallbackPublished: nil)
        let report = Report(article: article, facts: facts)
        let ours = try ReportPages(report: report, templates: TemplateSet(overrideDirectory: nil)).render(only: [.overview])
        let cmark = try ReportPages(report: report, templates: TemplateSet(overrideDirectory: folder)).render(only: [.overview])
        #expect(ours.count == 1 && cmark.count == 1)
        #expect(String(decoding: ours[0].html, as: UTF8.self) == String(decoding: cmark[0].html, as: UTF8.self))
    }

    @Test("the whitespace list of the UTF-8 escaping walk is Unicode's White_Space above U+009F")
    func whitespaceList() {
        for value in UInt32(160)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if InsertedText.isUnicodeWhitespace(value) != scalar.properties.isWhitespace {
                Issue.record("U+\(String(value, radix: 16, uppercase: true))")
            }
        }
    }

    @Test("the byte walk escapes 3,000 random strings as a walk over scalars does")
    func escapingMatchesScalarWalk() {
        func reference(_ text: String, escaped: Set<UInt8>, html: Bool) -> [UInt8] {
            var out: [UInt8] = [], previousSpace = false
            for scalar in text.unicodeScalars {
                let value = scalar.value
                if value <= 32 || value == 127 || (value >= 128 && (value < 160 || scalar.properties.isWhitespace)) {
                    if !previousSpace { out.append(32) }
                    previousSpace = true
                    continue
                }
                if value < 128 {
                    let byte = UInt8(value)
                    if html {
                        switch byte {
                        case 38: out += Array("&amp;".utf8)
                        case 60: out += Array("&lt;".utf8)
                        case 62: out += Array("&gt;".utf8)
                        case 34: out += Array("&quot;".utf8)
                        default: out.append(byte)
                        }
                    } else {
                        if escaped.contains(byte) { out.append(92) }
                        out.append(byte)
                    }
                } else {
                    if BlockReader.isInvisibleFormatting(scalar) { continue }   // leaves the space state as it is
                    out += Array(String(scalar).utf8)
                }
                previousSpace = false
            }
            return out
        }
        let markdownEscaped = Set("\\`*_[]()<>&!#|\"".utf8)
        let alphabet: [String] = ["a", "Z", "é", " ", " ", "  ", "\t", "\n", "\u{00A0}", "\u{200B}", "\u{2003}", "*", "_", "[", "]", "<", ">", "&",
                                  "\"", "'", "-", ".", "#", "\\", "`", "😀", "日", "\u{0085}", "\u{7F}", "\u{1}", "word", "é ", " x",
                                  "\u{AD}", "’", "«", "\u{2028}", "\u{202F}", "\u{FEFF}", " é", "ü"]
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            var markdown: [UInt8] = [], html: [UInt8] = []
            MarkdownEscaping.append(text, to: &markdown)
            HTMLTextEscaping.append(text, to: &html)
            #expect(markdown == blockStartEscaped(reference(text, escaped: markdownEscaped, html: false)), "\(text.debugDescription)")
            #expect(html == reference(text, escaped: [], html: true), "\(text.debugDescription)")
        }
    }

    /// The reference for the start of inserted text: its first character after the space
    /// leading whitespace folds to, when it is unescaped ASCII punctuation, and a dot after
    /// leading digits, get a backslash.
    private func blockStartEscaped(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        let first = out.first == 32 ? 1 : 0
        guard first < out.count else { return out }
        let character = Character(Unicode.Scalar(out[first]))
        if out[first] < 128 && (character.isPunctuation || character.isSymbol) {
            if out[first] != 92 { out.insert(92, at: first) }
            return out
        }
        let digits = out[first...].prefix { $0 >= 48 && $0 <= 57 }.count
        if digits > 0, first + digits < out.count, out[first + digits] == 46 { out.insert(92, at: first + digits) }
        return out
    }

    @Test("escaped text renders as exactly its text wherever a block can start or in a line", arguments: [
        "", "- ", "> ", "1. ", "# ", "- > ", "Intro ", "**Label**: ", "[link ",
    ])
    func escapedTextStaysText(context: String) {
        let pieces: [String] = ["a", "Z", "é", "1", "12", "2024", " ", "  ", "\t", "\n", ".", ")", "(", "-", "+", "=", "~", ":", "'", "\"", "*", "_",
                                "`", "#", ">", "<", "&", "!", "[", "]", "|", "\\", "$", "%", "@", "^", "{", "}", "/", "?", ";", ",",
                                "- ", "1. ", "2) ", "# ", "> ", "***", "---", "===", "```", "~~~", "<div>", "&amp;", "[a](b)", "![i](x)",
                                "<http://x.y>", "[r]: /u", "    code", "\u{00A0}"]
        let markdown = MarkdownToHTML()
        let isBlockContext = context.isEmpty || context.hasSuffix("- ") || context.hasSuffix("> ") || context == "1. " || context == "# "
        var generator = SeededGenerator(seed: 11)
        var checked = 0
        for _ in 0..<1_500 {
            let text = (0..<Int.random(in: 1...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            // What the text should read as: escaped as libcmark escapes text, without the spaces
            // libcmark drops at the ends of a line (and at its start, where a block starts).
            var expected: [UInt8] = []
            HTMLTextEscaping.append(text, to: &expected)
            let closing = context == "[link " ? "]" : ""
            if closing.isEmpty { while expected.last == 32 { expected.removeLast() } }
            if isBlockContext { while expected.first == 32 { expected.removeFirst() } }
            guard !expected.isEmpty else { continue }
            let placeholder = markdown.render(context + "XYZZY" + closing)
            let wanted = placeholder.replacingOccurrences(of: "XYZZY", with: String(decoding: expected, as: UTF8.self))
            let html = markdown.render(context + MarkdownEscaping.escape(text) + closing)
            #expect(html == wanted, "\(context.debugDescription) + \(text.debugDescription)")
            checked += 1
        }
        #expect(checked > 1_000)
    }

    @Test("escaping folds every kind of space to one and drops invisible formatting")
    func escapingWalk() {
        let text = "a\u{00A0}\u{2003} b\u{200B}c\u{0085}d\té\u{1F600}\u{3000}\u{3000}e\n\u{FEFF}f\u{7F}g"
        #expect(MarkdownEscaping.escape(text) == "a bc d é\u{1F600} e f g")
        var html: [UInt8] = []
        HTMLTextEscaping.append("<a & \"b\">\u{2028}ü", to: &html)
        #expect(String(decoding: html, as: UTF8.self) == "&lt;a &amp; &quot;b&quot;&gt; ü")
    }

    @Test("SVG numbers read as String(Double) wrote them, rounded to a tenth")
    func svgNumbers() {
        func reference(_ value: Double) -> String {
            let rounded = (value * 10).rounded() / 10
            return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        }
        var generator = SystemRandomNumberGenerator()
        var values = Array(stride(from: -300.0, to: 3000.0, by: 0.0371)) + [0, -0.04, -0.05, 0.05, 0.25, 2.25, -2.25, 1e9 + 0.35]
        for _ in 0..<5000 { values.append(Double.random(in: -1e6...1e6, using: &generator)) }
        for value in values where SVGText.number(value) != reference(value) {
            Issue.record("\(value): \(SVGText.number(value)) != \(reference(value))")
        }
        // The figures write numbers and text straight into bytes: the same digits and escapes.
        for value in values {
            var writer = SVGWriter()
            writer.number(value)
            if String(decoding: writer.bytes, as: UTF8.self) != reference(value) { Issue.record("writer: \(value)") }
        }
        let text = "<a & \"b\"> 'c'\u{200B}\u{7F}é\u{1F600}"
        var writer = SVGWriter()
        writer.text(text)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == SVGText.escape(text))
        #expect(SVGText.escape(text) == "&lt;a &amp; &quot;b&quot;&gt; &#39;c&#39;é\u{1F600}")
    }

    @Test("SVG text escapes 3,000 random strings as a walk over scalars does")
    func svgTextMatchesScalarWalk() {
        func reference(_ text: String) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                let value = scalar.value
                if value < 32 || (value >= 127 && value < 160) || BlockReader.isInvisibleFormatting(scalar) { continue }
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&#39;"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out
        }
        let alphabet: [String] = ["a", "Z", "é", " ", "\t", "\n", "\u{00A0}", "\u{200B}", "\u{202E}", "\u{AD}", "&", "<", ">", "\"", "'",
                                  "\u{7F}", "\u{85}", "\u{1}", "😀", "日", "’", "word", "Ünïcödé"]
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...20, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            #expect(SVGText.escape(text) == reference(text), "\(text.debugDescription)")
        }
    }

    @Test("pages parsed in the per-thread arena give libcmark's own output, page after page, small and large")
    func arenaMatchesDefaultAllocator() {
        let long = String(repeating: "Une phrase *longue* avec [un lien](https://example.org/a) et `du code`. ", count: 6_000)
        let list = (0..<3_000).map { "- item \($0) [source](index.html#s\($0)) **gras**" }.joined(separator: "\n")
        for markdown in ["# Titre\n\nUn paragraphe.", long, list, "> cite\n\n1. un\n2. deux\n\n```\ncode\n```", long + "\n\n" + list] {
            let expected = markdown.withCString { text -> String in
                let html = cmark_markdown_to_html(text, strlen(text), CMARK_OPT_DEFAULT)!
                defer { free(html) }
                return String(cString: html)
            }
            for _ in 0..<2 { #expect(MarkdownToHTML().render(markdown) == expected) }
        }
    }

    @Test("anchor links become spans with safe ids only")
    func anchors() {
        let html = MarkdownToHTML().render("[A sentence](anchor:s12) and [bad](anchor:\"onload=x)")
        #expect(html.contains("<span class=\"anchor\" id=\"s12\">A sentence</span>"))
        #expect(!html.contains("onload=x\""))
        #expect(html.contains("and bad</p>"))
    }

    @Test("anchors keep their inline content and titles; text that spells an anchor link stays text")
    func anchorEdges() {
        let html = MarkdownToHTML().render("""
            - [**Name** and *more*](anchor:e-1 "a title") then [a link](https://example.org/) and [](anchor:empty_2)
            - [two](anchor:s1)[in a row](anchor:s2) [bad id](anchor:a%20b)
            """)
        #expect(html.contains(#"<span class="anchor" id="e-1"><strong>Name</strong> and <em>more</em></span> then <a href="https://example.org/">a link</a> and <span class="anchor" id="empty_2"></span>"#))
        #expect(html.contains(#"<span class="anchor" id="s1">two</span><span class="anchor" id="s2">in a row</span> bad id</li>"#))
        let injected = "Text " + MarkdownEscaping.escape(#"<a href="anchor:x">y</a> [z](anchor:w)"#)
        let escaped = MarkdownToHTML().render(injected)
        #expect(!escaped.contains("<span"))
        #expect(!escaped.contains("<a "))
    }

    @Test("anchor conversion fits the densest page: nothing but one-letter anchors around nothing")
    func densestAnchors() {
        // Each `<a href="anchor:x"></a>` (23 bytes) becomes a span 12 bytes longer: the most the
        // conversion can grow a page, written into a buffer sized before it starts.
        let count = 5_000
        let html = Array(String(repeating: #"<a href="anchor:x"></a>"#, count: count).utf8)
        let converted = html.withUnsafeBufferPointer { MarkdownToHTML.convertingAnchors($0) }
        #expect(converted == Array(String(repeating: #"<span class="anchor" id="x"></span>"#, count: count).utf8))
        #expect([UInt8]().withUnsafeBufferPointer { MarkdownToHTML.convertingAnchors($0) }.isEmpty)
    }

    @Test("the built-in templates match the templates/ folder")
    func embeddedTemplatesAreCurrent() throws {
        let folder = repositoryRoot.appendingPathComponent("templates").path
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names == DefaultTemplates.files.keys.sorted(), "run scripts/embed-templates.py")
        for name in names {
            let text = try read((folder as NSString).appendingPathComponent(name))
            #expect(DefaultTemplates.files[name] == text, "run scripts/embed-templates.py (\(name) differs)")
        }
    }

    @Test("a template syntax error names the file, line and column")
    func syntaxError() throws {
        let folder = try temporaryFolder()
        try writeFile(folder, "overview.md", "# {{headline}}\n\n{{#sections}}\ntext\n{{/wrong}}\n")
        if let error = expectDiagnostic({ () throws(Diagnostic) in _ = try TemplateSet(overrideDirectory: folder) }) {
            #expect(error.code == .templateSyntax)
            #expect(error.file == "\(folder)/overview.md")
            #expect(error.location?.line == 5)
            #expect(error.description.contains("overview.md:5:"))
        }
    }

    @Test("an unknown variable is an error at its place, not an empty string")
    func unknownVariable() throws {
        let folder = try temporaryFolder()
        try writeFile(folder, "paywall.md", "# {{headline}}\n\nCut: {{trunaction}}\n")
        let templates = try TemplateSet(overrideDirectory: folder)
        let report = Report(article: try loadArticle("Titre\nUne phrase."), facts: Facts())
        if let error = expectDiagnostic({ () throws(Diagnostic) in _ = try ReportPages(report: report, templates: templates).render() }) {
            #expect(error.code == .templateVariable)
            #expect(error.location == Place(line: 3, column: 6))
            #expect(error.message.contains("trunaction"))
        }
    }

    @Test("an unknown partial is an error")
    func unknownPartial() throws {
        let folder = try temporaryFolder()
        try writeFile(folder, "index.md", "{{> missing}}\n")
        #expect(throws: Diagnostic.self) { try TemplateSet(overrideDirectory: folder) }
    }
}
