import Testing
@testable import ReportKit

@Suite("Front matter")
struct FrontMatterTests {
    @Test("known keys are read, with the body's line offset")
    func reads() throws {
        let text = "---\ntitle: Un titre\nslug: Mon Article\nsource: Le Journal\npublished: 2025-02-03\nlanguage: fr\nauthor: A. B.\n---\nTitre\nTexte.\n"
        let (frontMatter, body, offset, warnings) = try FrontMatter.split(text, path: "a.md")
        #expect(frontMatter.title == "Un titre")
        #expect(frontMatter.slug == "Mon Article")
        #expect(frontMatter.published == CalendarDay(year: 2025, month: 2, day: 3))
        #expect(frontMatter.language == .french)
        #expect(body == "Titre\nTexte.\n")
        #expect(offset == 8)
        #expect(warnings.isEmpty)
    }

    @Test("mistakes are reported at file line and column", arguments: [
        ("---\ntitle: ok\npublished: 2025-13-40\n---\nT\nx.", Diagnostic.Code.invalidDate, 3),
        ("---\nlanguage: klingon\n---\nT\nx.", .unknownLanguage, 2),
        ("---\ntitle: ok\n  bad: [unclosed\n---\nT\nx.", .frontMatter, 3),
        ("---\ntitle: ok\nno closing fence\n", .frontMatter, 1),
        ("---\n- a list\n---\nT\nx.", .frontMatter, 2),
    ])
    func mistakes(text: String, code: Diagnostic.Code, line: Int) {
        if let error = expectDiagnostic({ () throws(Diagnostic) in _ = try FrontMatter.split(text, path: "a.md") }) {
            #expect(error.code == code)
            #expect(error.location?.line == line)
        }
    }

    @Test("control and bidi characters are removed from front matter values")
    func invisibleInValues() throws {
        let (frontMatter, _, _, _) = try FrontMatter.split("---\ntitle: \"Bon\u{202E}jour\u{200B} \\x07monde\"\n---\nT\n", path: "a.md")
        #expect(frontMatter.title == "Bonjour monde")
    }

    @Test("an unknown key is a warning, not an error")
    func unknownKey() throws {
        let (_, _, _, warnings) = try FrontMatter.split("---\ntags: x\n---\nT\n", path: "a.md")
        #expect(warnings.map(\.code) == [.frontMatterUnknownKey])
        #expect(warnings.first?.location?.line == 2)
    }

    @Test("slugs are lowercase ASCII with hyphens", arguments: [
        ("Été 2025 : l'IA à Paris!", "ete-2025-l-ia-a-paris"),
        ("../../etc/passwd", "etc-passwd"),
        ("Œuvre  Complète", "oeuvre-complete"),
        ("000_6ce7a8b7e7fc24bb", "000-6ce7a8b7e7fc24bb"),
    ])
    func slugs(input: String, expected: String) {
        #expect(Slug.make(from: input) == expected)
    }
}
