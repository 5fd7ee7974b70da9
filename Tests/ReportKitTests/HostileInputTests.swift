import Foundation
import Testing
@testable import ReportKit

/// Every element and attribute of an HTML or SVG text, by a small tag scanner: enough to prove
/// that nothing in the output can run script, whatever the input.
func scriptRisks(in html: String) -> [String] {
    var risks: [String] = []
    let scalars = Array(html.unicodeScalars)
    var index = 0
    while index < scalars.count {
        guard scalars[index] == "<" else { index += 1; continue }
        var end = index + 1
        var quote: Unicode.Scalar?
        while end < scalars.count {
            let scalar = scalars[end]
            if let open = quote { if scalar == open { quote = nil } } else if scalar == "\"" || scalar == "'" { quote = scalar } else if scalar == ">" { break }
            end += 1
        }
        let tag = String(String.UnicodeScalarView(scalars[index..<min(end + 1, scalars.count)])).lowercased()
        let name = tag.dropFirst().prefix { $0.isLetter || $0 == "/" || $0 == "!" }
        if ["script", "iframe", "object", "embed", "style", "base", "form", "meta http-equiv"].contains(String(name)) { risks.append(tag) }
        // Attributes, read outside quoted values: on* handlers, and URLs with script schemes.
        var attributes: [(String, String)] = []
        var position = tag.unicodeScalars.startIndex
        let view = tag.unicodeScalars
        while position < view.endIndex {
            guard view[position] == " " || view[position] == "\n" else { position = view.index(after: position); continue }
            position = view.index(after: position)
            var name = ""
            while position < view.endIndex, view[position].properties.isAlphabetic || view[position] == "-" {
                name.unicodeScalars.append(view[position]); position = view.index(after: position)
            }
            var value = ""
            if position < view.endIndex, view[position] == "=" {
                position = view.index(after: position)
                if position < view.endIndex, view[position] == "\"" || view[position] == "'" {
                    let quote = view[position]
                    position = view.index(after: position)
                    while position < view.endIndex, view[position] != quote { value.unicodeScalars.append(view[position]); position = view.index(after: position) }
                    if position < view.endIndex { position = view.index(after: position) }
                } else {
                    while position < view.endIndex, view[position] != " ", view[position] != ">" { value.unicodeScalars.append(view[position]); position = view.index(after: position) }
                }
            }
            if !name.isEmpty { attributes.append((name, value)) }
        }
        for (name, value) in attributes {
            if name.hasPrefix("on") { risks.append(tag) }
            if ["href", "src", "action", "xlink:href", "formaction"].contains(name),
               ["javascript:", "vbscript:", "data:text/html"].contains(where: { value.trimmingCharacters(in: .whitespaces).hasPrefix($0) }) {
                risks.append(tag)
            }
        }
        index = end + 1
    }
    return risks
}

@Suite("Hostile and broken input")
struct HostileInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var file: String
        var bytes: [UInt8]
        /// nil: the article builds; else the diagnostic it must fail with.
        var error: Diagnostic.Code?
        var warning: Diagnostic.Code? = nil
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "empty file", file: "a.txt", bytes: [], error: .emptyArticle),
        Case(name: "whitespace only", file: "a.txt", bytes: Array("  \n\n\t ".utf8), error: .emptyArticle),
        Case(name: "binary with NUL", file: "a.txt", bytes: [0x89, 0x50, 0x4E, 0x47, 0, 0, 1, 2], error: .invalidEncoding),
        Case(name: "NUL in text", file: "a.txt", bytes: Array("Titre\nTexte\u{0}suite.".utf8), error: .binaryData),
        Case(name: "Latin-1 bytes", file: "a.txt", bytes: Array("Titre\n".utf8) + [0x43, 0x61, 0x66, 0xE9], error: .invalidEncoding),
        Case(name: "front matter not closed", file: "a.md", bytes: Array("---\ntitle: x\n# T\n".utf8), error: .frontMatter),
        Case(name: "front matter mistyped date", file: "a.md", bytes: Array("---\npublished: yesterday\n---\n# T\n\nx.".utf8), error: .invalidDate),
        Case(name: "impossible date", file: "a.md", bytes: Array("---\npublished: 2025-02-30\n---\n# T\n\nx.".utf8), error: .invalidDate),
        Case(name: "unknown language", file: "a.md", bytes: Array("---\nlanguage: tlh\n---\n# T\n\nx.".utf8), error: .unknownLanguage),
        Case(name: "slug without letters", file: "a.md", bytes: Array("---\nslug: \"../..\"\n---\n# T\n\nx.".utf8), error: .invalidSlug),
        Case(name: "line over the limit", file: "a.txt", bytes: Array("T\n".utf8) + [UInt8](repeating: 97, count: SourceText.maximumLineScalars + 1), error: .lineTooLong),
        Case(name: "bidi and zero-width characters", file: "a.txt", bytes: Array("Titre\nMicro\u{200B}soft \u{202E}gnal\u{202C} a publié.".utf8), error: nil, warning: .unsafeCharacters),
        Case(name: "markup, Mustache and a javascript URL", file: "a.md", bytes: Array("""
            ---
            title: "<img src=x onerror=alert(1)>"
            url: "javascript:alert(1)"
            slug: "../../../tmp/evil"
            ---
            # <script>alert(1)</script> {{t.skip}}

            <a href="javascript:alert(2)" onclick="x()">click</a> [x](javascript:alert(3)) ![i](data:text/html,<b>)

            <svg onload=alert(4)> | a | b |
            """.utf8), error: nil),
        // Found by FuzzLoader: a Markdown headline with nothing after it.
        Case(name: "headline only", file: "a.md", bytes: Array("---\ntitle: x\n---\n# Tex ade Globex.\n".utf8), error: .emptyArticle),
        // Found by FuzzUnderstanding: a speaker named before the verb after an unclosed quote.
        Case(name: "speaker before the verb, quote cut", file: "a.txt", bytes: Array("Headline\nNvidia CEO Jens---\ntitle: \"x\"en Huang said on Monday it could 9".utf8), error: nil),
        Case(name: "a 150,000-character word", file: "a.txt", bytes: Array(("Titre\n" + String(repeating: "A", count: 150_000) + ".").utf8), error: nil),
        Case(name: "pathological punctuation", file: "a.txt", bytes: Array(("Titre\n" + String(repeating: "« … » “ ” \" ' ! ? . : ", count: 4_000)).utf8), error: nil),
    ]

    @Test("each input gives its diagnostic or an inert site", arguments: cases)
    func hostile(_ example: Case) throws {
        let folder = try temporaryFolder()
        let path = (folder as NSString).appendingPathComponent(example.file)
        try Data(example.bytes).write(to: URL(fileURLWithPath: path))
        let output = folder + "/site"
        do {
            let result = try SiteBuild(options: BuildOptions(inputs: [path], output: output)).run()
            #expect(example.error == nil, "expected \(String(describing: example.error))")
            if let warning = example.warning { #expect(result.diagnostics.contains { $0.code == warning }) }
            let site = try snapshot(output)
            for (file, data) in site where file.hasSuffix(".html") {
                #expect(scriptRisks(in: String(decoding: data, as: UTF8.self)).isEmpty, "\(file)")
            }
            // Every file stays inside the output folder, under safe names.
            for file in site.keys { #expect(!file.contains("..") && file.unicodeScalars.allSatisfy { $0.value < 128 }) }
            #expect(!FileManager.default.fileExists(atPath: "/tmp/evil"))
        } catch let error as DiagnosticList {
            let codes = error.diagnostics.map(\.code)
            #expect(example.error.map { codes.contains($0) } == true, "\(error)")
            #expect(error.diagnostics.allSatisfy { $0.file != nil && $0.hint != nil || $0.code == .noArticles }, "\(error)")
            #expect(!FileManager.default.fileExists(atPath: output))
        }
    }

    @Test("the scanner used above does see script")
    func scannerSeesScript() {
        #expect(!scriptRisks(in: "<p><script>x</script></p>").isEmpty)
        #expect(!scriptRisks(in: "<svg onload=\"x\">").isEmpty)
        #expect(!scriptRisks(in: "<a href=\"javascript:x\">").isEmpty)
        #expect(scriptRisks(in: "<p class=\"one\">only text</p>").isEmpty)
    }

    @Test("one bad article is reported with its path and the others still build; --strict stops")
    func partialFailure() throws {
        let folder = try temporaryFolder()
        try writeFile(folder, "in/good.txt", "Titre\nUne phrase.\n")
        try Data([0xFF, 0xFE, 0x00, 0xD8]).write(to: URL(fileURLWithPath: folder + "/in/bad.txt"))
        let result = try SiteBuild(options: BuildOptions(inputs: [folder + "/in"], output: folder + "/site")).run()
        #expect(result.failedArticles == 1 && result.reports.count == 1)
        #expect(result.errors.first?.file?.hasSuffix("bad.txt") == true)
        #expect(throws: DiagnosticList.self) {
            try SiteBuild(options: BuildOptions(inputs: [folder + "/in"], output: folder + "/strict", strict: true)).run()
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/strict"))
    }

    @Test("a symbolic link loop in an input folder does not hang the build")
    func symlinkLoop() throws {
        let folder = try temporaryFolder()
        try writeFile(folder, "in/a.txt", "Titre\nUne phrase.\n")
        try FileManager.default.createSymbolicLink(atPath: folder + "/in/loop", withDestinationPath: folder + "/in")
        let result = try SiteBuild(options: BuildOptions(inputs: [folder + "/in"], output: folder + "/site")).run()
        #expect(result.reports.count == 1)
    }

    @Test("a template that includes itself is an error at the include, not a crash")
    func recursivePartial() throws {
        let folder = try temporaryFolder()
        try writeFile(folder, "loop.md", "again {{> loop}}\n")
        try writeFile(folder, "overview.md", "# {{headline}}\n{{> loop}}\n")
        if let error = expectDiagnostic({ () throws(Diagnostic) in _ = try TemplateSet(overrideDirectory: folder) }) {
            #expect(error.code == .templatePartial)
            #expect(error.file == folder + "/loop.md" && error.location == Place(line: 1, column: 7))
        }
    }

    @Test("two builds at once: the second fails clearly and the first completes")
    func concurrentBuilds() throws {
        let folder = try temporaryFolder()
        try writeFile(folder, "in/a.txt", "Titre\nUne phrase.\n")
        let output = folder + "/site"
        let site = OutputSite(path: output)
        try site.begin(useCache: true)   // holds the lock, as a running build does
        #expect {
            try SiteBuild(options: BuildOptions(inputs: [folder + "/in"], output: output)).run()
        } throws: { error in
            (error as? DiagnosticList)?.diagnostics.first?.code == .outputLocked
        }
        site.abandon()
        _ = try SiteBuild(options: BuildOptions(inputs: [folder + "/in"], output: output)).run()
    }

    @Test("clean deletes the site and its generations, but not under a running build nor a folder it did not make")
    func cleaning() throws {
        let folder = try temporaryFolder()
        try writeFile(folder, "in/a.txt", "Titre\nUne phrase.\n")
        let output = folder + "/site"
        _ = try SiteBuild(options: BuildOptions(inputs: [folder + "/in"], output: output)).run()
        _ = try SiteBuild(options: BuildOptions(inputs: [folder + "/in"], output: output)).run()
        let running = OutputSite(path: output)
        try running.begin(useCache: true)   // holds the lock, as a running build does
        if let error = expectDiagnostic({ () throws(Diagnostic) in try OutputSite(path: output).clean() }) {
            #expect(error.code == .outputLocked)
        }
        #expect(FileManager.default.fileExists(atPath: output + "/a/index.html"))
        running.abandon()
        try OutputSite(path: output).clean()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["in"])
        // A folder reportgen did not make is left as it is.
        try writeFile(folder, "mine/notes.txt", "x")
        #expect(throws: Diagnostic.self) { try OutputSite(path: folder + "/mine").clean() }
        #expect(FileManager.default.fileExists(atPath: folder + "/mine/notes.txt"))
    }

    @Test("a lock file nobody holds, empty or naming a process, does not stop the next build")
    func leftoverLockFiles() throws {
        let folder = try temporaryFolder()
        try writeFile(folder, "in/a.txt", "Titre\nUne phrase.\n")
        let output = folder + "/site"
        // What a build killed between creating its lock and writing its PID left with the old
        // lock, and what a build of another process (this one, still running) leaves at worst.
        for leftover in ["", "\(getpid())\n"] {
            try writeFile(folder, ".site.lock", leftover)
            _ = try SiteBuild(options: BuildOptions(inputs: [folder + "/in"], output: output)).run()
            #expect(!FileManager.default.fileExists(atPath: folder + "/.site.lock"))
        }
    }

    @Test("a build killed at any moment leaves the published site complete")
    func killedBuild() throws {
        guard let binary = builtBinary() else {
            print("skipped: no built reportgen binary (run swift build first)")
            return
        }
        let folder = try temporaryFolder()
        for index in 1...150 {
            try writeFile(folder, "in/story-\(index).txt", "Titre \(index)\nGlobex a investi \(index) millions d'euros dans Initech en 2024.\n")
        }
        let output = folder + "/site"
        _ = try SiteBuild(options: BuildOptions(inputs: [folder + "/in"], output: output)).run()
        var before = try snapshot(output)
        for (index, delay) in [5_000, 30_000, 80_000, 150_000].enumerated() {
            try writeFile(folder, "in/story-1.txt", "Titre changé \(index)\nUne autre phrase, numéro \(index).\n")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["build", folder + "/in", "--output", output, "--quiet", "--no-cache"]
            process.standardError = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            usleep(useconds_t(delay))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let after = try snapshot(output)
            // Either the old site or a complete new one: never a mix.
            let isOld = after == before
            let isNew = after.keys.sorted() == before.keys.sorted()
                && String(decoding: after["story-1/index.html"] ?? Data(), as: UTF8.self).contains("Titre changé \(index)")
            #expect(isOld || isNew, "after a kill at \(delay) µs")
            before = after
        }
        // The next build recovers the stale lock and completes.
        let result = try SiteBuild(options: BuildOptions(inputs: [folder + "/in"], output: output)).run()
        #expect(result.reports.count == 150)
    }
}

@Suite("Faults while writing")
struct WriteFaultTests {
    /// A file system whose Nth write or link fails, as a full disk would.
    static func failing(at failure: Int, counter: Counter) -> FileOperations {
        FileOperations(
            write: { path, bytes in
                if counter.next() == failure { throw FileOperations.SystemError(call: "write", path: path, code: ENOSPC) }
                try FileOperations.live.write(path, bytes)
            },
            link: { existing, new in
                if counter.next() == failure { throw FileOperations.SystemError(call: "link", path: new, code: ENOSPC) }
                try FileOperations.live.link(existing, new)
            },
            createDirectory: FileOperations.live.createDirectory)
    }

    @Test("a failure at any write leaves the published site exactly as it was", arguments: Array(1...30))
    func failAt(_ failure: Int) throws {
        let folder = try temporaryFolder()
        for index in 1...3 { try writeFile(folder, "in/s\(index).txt", "Titre \(index)\nGlobex a investi \(index) millions d'euros.\n") }
        let output = folder + "/site"
        _ = try SiteBuild(options: BuildOptions(inputs: [folder + "/in"], output: output)).run()
        let before = try snapshot(output)
        try writeFile(folder, "in/s2.txt", "Titre changé\nUne autre phrase.\n")
        let counter = Counter()
        do {
            _ = try SiteBuild(options: BuildOptions(inputs: [folder + "/in"], output: output,
                                                    fileOperations: Self.failing(at: failure, counter: counter))).run()
            // Fewer writes than `failure`: the build succeeded and published the new site.
            #expect(try read(output + "/s2/index.html").contains("Titre changé"))
        } catch {
            let after = try snapshot(output)
            let changed = Set(after.keys).symmetricDifference(before.keys).union(after.keys.filter { before[$0] != nil && before[$0] != after[$0] })
            #expect(after == before, "failure at write \(failure): \(changed.sorted()) \(error)")
        }
        // And the next build, without faults, completes.
        _ = try SiteBuild(options: BuildOptions(inputs: [folder + "/in"], output: output)).run()
        #expect(try read(output + "/s2/index.html").contains("Titre changé"))
    }

    @Test("a pipe among the articles is reported without blocking; a vanished file is reported")
    func oddFiles() throws {
        let folder = try temporaryFolder()
        try writeFile(folder, "in/a.txt", "Titre\nUne phrase.\n")
        #expect(mkfifo(folder + "/in/b.txt", 0o644) == 0)
        let result = try SiteBuild(options: BuildOptions(inputs: [folder + "/in"], output: folder + "/site")).run()
        #expect(result.reports.count == 1)
        #expect(result.errors.first?.code == .unreadableFile && result.errors.first?.file?.hasSuffix("b.txt") == true)
        if let error = expectDiagnostic({ () throws(Diagnostic) in _ = try ArticleInput(path: folder + "/in/gone.txt", settings: "", cached: nil) }) {
            #expect(error.code == .fileNotFound)
        }
    }
}
