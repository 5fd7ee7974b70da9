import Foundation
import Testing
@testable import ReportKit

@Suite("Mustache engine")
struct TemplateEngineTests {
    func render(_ source: String, _ model: TemplateModel, escaping: Escaping = .markdown,
                partials: [String: String] = [:]) throws -> (text: String, missed: Set<String>) {
        var templates: [String: CompiledTemplate] = [:]
        for (name, text) in partials { templates[name] = try TemplateParser.parse(text, escaping: escaping) }
        var renderer = TemplateRenderer(templates: templates)
        renderer.render(try TemplateParser.parse(source, escaping: escaping), model: .object(model))
        return (String(decoding: renderer.output, as: UTF8.self), renderer.missed)
    }

    @Test("variables, sections over lists and objects, inverted sections, dotted names, the current item")
    func sections() throws {
        let model: TemplateModel = [
            "title": "A *b*", "raw": "<i>", "items": ["x", "y"], "people": [["name": "Ann"], ["name": "Bo"]],
            "empty": [], "none": .null, "yes": true, "card": ["label": "L", "inner": ["deep": 3]],
        ]
        let source = "{{title}}|{{{raw}}}|{{&raw}}|{{#items}}[{{.}}]{{/items}}|{{#people}}{{name}};{{/people}}|"
            + "{{^empty}}none{{/empty}}|{{#none}}hidden{{/none}}{{^none}}absent{{/none}}|{{#yes}}Y{{/yes}}|"
            + "{{card.label}}{{card.inner.deep}}|{{#card}}{{label}}{{title}}{{/card}}"
        let result = try render(source, model)
        #expect(result.text == "A \\*b\\*|<i>|<i>|[x][y]|Ann;Bo;|none|absent|Y|L3|LA \\*b\\*")
        #expect(result.missed.isEmpty)
    }

    @Test("interface strings folded into the templates render as looking them up does", arguments: Language.allCases)
    func foldedStrings(language: Language) throws {
        let templates = try TemplateSet(overrideDirectory: nil)
        let source = "# {{t.timeline}} {{{t.stakeholders}}}\n{{#items}}- {{.}} ([{{t.evidence}}](#x)){{/items}}\n{{^items}}{{t.no_relations}}{{/items}}"
        let compiled = try TemplateParser.parse(source, escaping: .markdown)
        let folded = CompiledTemplate(nodes: TemplateSet.foldingStrings(compiled.nodes, templates.strings.table(for: language), .markdown),
                                      escaping: .markdown)
        #expect(folded.nodes.count < compiled.nodes.count)
        for items: TemplateValue in [["a *b*", "c"], []] {
            let model = TemplateValue.object(["t": templates.stringScope(language), "items": items])
            var plain = TemplateRenderer(templates: [:]), fast = TemplateRenderer(templates: [:])
            plain.render(compiled, model: model)
            fast.render(folded, model: model)
            #expect(fast.output == plain.output)
            #expect(String(decoding: fast.output, as: UTF8.self).contains(templates.strings.table(for: language)["evidence"] ?? "?")
                    || items == [])
        }
    }

    @Test("HTML templates escape for HTML")
    func htmlEscaping() throws {
        #expect(try render("<p>{{v}}</p>", ["v": "<a href=\"x\">'&'</a>"], escaping: .html).text
            == "<p>&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;</p>")
    }

    @Test("tags alone on their line leave no blank line; standalone partials are indented")
    func standaloneLines() throws {
        let source = "# T\n{{#items}}\n- {{.}}\n{{/items}}\n  {{! a comment }}\n  {{> note}}\nend\n"
        let result = try render(source, ["items": ["a", "b"]], partials: ["note": "one\ntwo\n"])
        #expect(result.text == "# T\n- a\n- b\n  one\n  two\nend\n")
        #expect(try render("a {{#f}}x{{/f}} b\n", ["f": true]).text == "a x b\n")
    }

    @Test("a name found nowhere is recorded; an absent optional is not")
    func misses() throws {
        let result = try render("{{known}}{{typo}}{{card.nope}}", ["known": .null, "card": ["x": "1"]])
        #expect(result.text == "")
        #expect(result.missed == ["typo", "nope"])
    }

    @Test("syntax errors say what and where", arguments: [
        ("a\n{{#s}}\nb\n", 2, 1, "never closed"),
        ("{{#s}}\n{{/t}}\n", 2, 1, "different name"),
        ("x {{/s}}", 1, 3, "never opened"),
        ("ab {{name\n}}", 1, 4, "not closed"),
        ("{{=<% %>=}}", 1, 1, "set-delimiter"),
        ("{{<base}}{{/base}}", 1, 1, "inheritance"),
        ("é {{bad name}}", 1, 3, "invalid name"),
    ])
    func syntaxErrors(source: String, line: Int, column: Int, message: String) {
        do {
            _ = try TemplateParser.parse(source, escaping: .markdown)
            Issue.record("expected a syntax error for \(source)")
        } catch {
            #expect(error.location == SourceLocation(line: line, column: column))
            #expect(error.message.contains(message), "\(error.message)")
        }
    }
}

@Suite("Mustache engine on malformed themes")
struct TemplateEngineRobustnessTests {
    /// Templates made of Mustache fragments in random order (a fixed seed): each one parses or
    /// fails with a place inside the text, and what parses renders without trapping.
    @Test("random fragments parse or fail cleanly, never trap")
    func randomFragments() {
        let fragments = ["{{", "}}", "}}}", "{{{", "#", "/", "^", ">", "!", "&", "=", "%", "<", "$", "a", "b.c", ".",
                         "\n", " ", "  ", "é", "{", "}", "{{#a}}", "{{/a}}", "{{^b}}", "{{/b}}", "{{> p}}", "{{.}}", "text"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        let partial = try? TemplateParser.parse("partial {{a}}\n", escaping: .markdown)
        var parsed = 0, refused = 0
        for _ in 0..<3000 {
            let source = (0..<(next() % 24)).map { _ in fragments[next() % fragments.count] }.joined()
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
            do {
                let template = try TemplateParser.parse(source, escaping: next() % 2 == 0 ? .markdown : .html)
                var renderer = TemplateRenderer(templates: partial.map { ["p": $0] } ?? [:])
                renderer.render(template, model: ["a": ["x", "y"], "b": ["c": "<&>"], "text": "t"])
                parsed += 1
            } catch {
                refused += 1
                #expect(error.location.line >= 1 && error.location.line <= lines.count, "\(source)")
                #expect(error.location.column >= 1, "\(source)")
            }
        }
        #expect(parsed > 100 && refused > 100)
    }
}

@Suite("JSON writer")
struct JSONWriterTests {
    struct Sample: Codable, Equatable {
        var text: String
        var number: Int
        var ratio: Double
        var flag: Bool
        var optional: String?
        var list: [Int]
        var nested: [String: [String]]
        var day: CalendarDay
        var language: Language
    }

    @Test("what it writes reads back, with control characters and quotes escaped")
    func roundTrip() throws {
        let sample = Sample(text: "a \"q\" \\ / \n\t\u{1} é", number: -3, ratio: 1.5e9 + 0.25, flag: true, optional: nil,
                            list: [], nested: ["k": ["v"], "e": []], day: CalendarDay(iso: "2025-02-07")!, language: .french)
        let bytes = try JSONWriter.encode(sample)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\"list\" : []"))
        #expect(text.contains("\\u0001") && text.contains(" / "))
        #expect(!text.contains("optional"))
        #expect(try JSONDecoder().decode(Sample.self, from: Data(bytes)) == sample)
    }

    @Test("a character to escape is escaped wherever it stands in the string, among ASCII or not")
    func escapesAtEveryPosition() throws {
        let specials = (0..<32).map { Character(Unicode.Scalar(UInt8($0))) } + ["\"", "\\"]
        for special in specials {
            for filler in ["abcdefghijklmnopqr", "éàüçœ€«»—…ñøß"] {
                for position in 0...17 {
                    var text = String(filler.prefix(position))
                    text.append(special)
                    text += filler.dropFirst(position)
                    let sample = ["t": text]
                    let bytes = try JSONWriter.encode(sample)
                    #expect(try JSONDecoder().decode([String: String].self, from: Data(bytes)) == sample)
                }
            }
        }
    }

    @Test("integers are written as String writes them, at every number of digits")
    func integers() throws {
        var values: [Int] = [0, 9, 10, 99, 100, 999_999_999_999_999_999, 1_000_000_000_000_000_000, Int.max, -1, -10, Int.min]
        var power = 1
        for _ in 0..<18 { power *= 10; values += [power - 1, power, power + 1] }
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<2_000 { values.append(Int.random(in: Int.min...Int.max, using: &generator) >> Int.random(in: 0...62, using: &generator)) }
        let bytes = try JSONWriter.encode(values)
        let written = String(decoding: bytes, as: UTF8.self).split(whereSeparator: { !"-0123456789".contains($0) }).map(String.init)
        #expect(written == values.map { String($0) })
    }

    @Test("a document larger than the first buffer grows and still reads back")
    func growth() throws {
        let long = String(repeating: "Phrase « longue », avec des accents é à ü. ", count: 40)
        let sample = Sample(text: long, number: 7, ratio: 0.5, flag: false, optional: "x",
                            list: Array(0..<20_000), nested: Dictionary(uniqueKeysWithValues: (0..<300).map { ("k\($0)", [long]) }),
                            day: CalendarDay(iso: "2025-02-07")!, language: .english)
        let bytes = try JSONWriter.encode(sample)
        #expect(bytes.count > 4 * 64 * 1024)
        #expect(try JSONDecoder().decode(Sample.self, from: Data(bytes)) == sample)
    }

    /// The seed when `../shared` is beside the repository, and a shipped sample always: a fresh
    /// clone on its own still runs this test.
    static let roundTripSources = [seedPath, repositoryRoot.appendingPathComponent("articles/cloudia-rachat.txt").path]
        .filter { FileManager.default.fileExists(atPath: $0) }

    @Test("a report (the seed's, a sample's) reads back as the same report", arguments: roundTripSources)
    func reportRoundTrip(path: String) throws {
        let article = try loadArticle(try read(path))
        let report = Report(article: article, facts: try Understanding(extraGazetteer: nil).facts(for: article, fallbackPublished: nil).0)
        let decoded = try JSONDecoder().decode(Report.self, from: Data(try JSONWriter.encode(report)))
        #expect(try JSONWriter.encode(decoded) == JSONWriter.encode(report))
        // The hand-written parts write what the Codable conformances would: same tree as Foundation's.
        let ours = try JSONSerialization.jsonObject(with: Data(try JSONWriter.encode(report))) as? NSDictionary
        let foundation = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(report)) as? NSDictionary
        #expect(ours != nil && ours == foundation)
    }
}

@Suite("Phrase matcher")
struct PhraseMatcherTests {
    @Test("the first phrase of the list that occurs wins, wherever it occurs; short and accented phrases work")
    func firstPhrase() {
        let matcher = PhraseMatcher(["reste à lire", "abonnez-vous", "a", "article réservé"])
        #expect(matcher.firstPhrase(in: "cet article réservé aux abonnés, abonnez-vous") == "abonnez-vous")
        #expect(matcher.firstPhrase(in: "il vous reste à lire 80 %") == "reste à lire")
        #expect(matcher.firstPhrase(in: "article réservé") == "a")
        #expect(matcher.firstPhrase(in: "rien ici") == nil)
        #expect(PhraseMatcher(["xy"]).firstPhrase(in: "x") == nil)
        #expect(PhraseMatcher(["xy"]).firstPhrase(in: "") == nil)
    }
}

@Suite("Word digests")
struct WordDigestTests {
    @Test("a token's digests are those of its folded form and key, whatever the script and case")
    func tokenDigests() {
        let tokens = Tokenizer.tokens("L'État et OpenAI, U.S. Inc. `x` ÉCOLE über 3,5 Md$ — « Scribe » d'Apple's")
        #expect(tokens.count > 10)
        for token in tokens {
            #expect(token.hash == WordHash.of(token.folded), "\(token.text)")
            #expect(token.keyHash == WordHash.of(token.key), "\(token.text)")
            #expect(token.folded == foldForMatching(token.text), "\(token.text)")
        }
        let filter = WordFilter(["openai", "etat", "ecole"])
        #expect(tokens.filter { filter.mightContain($0.hash) }.map(\.folded).contains("openai"))
    }
}
