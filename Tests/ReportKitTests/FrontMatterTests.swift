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

    @Test("slugs made as bytes match slugs made as strings, on random and long names")
    func slugsAgainstStrings() {
        // The string version `Slug.make` replaced, kept as the reference.
        func reference(_ text: String) -> String {
            var result = ""
            var pendingHyphen = false
            for scalar in text.unicodeScalars {
                var folded = scalar.foldedLowercase
                if folded == "œ" { result += pendingHyphen ? "-oe" : "oe"; pendingHyphen = false; continue }
                if folded == "æ" { result += pendingHyphen ? "-ae" : "ae"; pendingHyphen = false; continue }
                if folded == "ß" { folded = "s" }
                if (folded >= "a" && folded <= "z") || (folded >= "0" && folded <= "9") {
                    if pendingHyphen && !result.isEmpty { result.append("-") }
                    pendingHyphen = false
                    result.unicodeScalars.append(folded)
                    if result.count >= Slug.maximumLength { break }
                } else {
                    pendingHyphen = true
                }
            }
            return result
        }
        let pieces = ["a", "Z", "é", "Œ", "œ", "æ", "Æ", "ß", " ", "-", "'", "9", "ü", "東", "\u{1F600}", "İ", ".", "  "]
        var generator = SystemRandomNumberGenerator()
        var names = [String(repeating: "ab ", count: 60), " œuvre", "æ" + String(repeating: "x", count: 79) + "œœ"]
        for _ in 0..<2_000 {
            names.append((0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for name in names where Slug.make(from: name) != reference(name) {
            Issue.record("\(name): \(Slug.make(from: name)) != \(reference(name))")
        }
    }
}
