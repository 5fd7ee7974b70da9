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

    @Test("anchor links become spans with safe ids only")
    func anchors() {
        let html = MarkdownToHTML().render("[A sentence](anchor:s12) and [bad](anchor:\"onload=x)")
        #expect(html.contains("<span class=\"anchor\" id=\"s12\">A sentence</span>"))
        #expect(!html.contains("onload=x\""))
        #expect(html.contains("and bad</p>"))
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
