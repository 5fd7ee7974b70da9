import Foundation
import Testing
@testable import ReportKit

@Suite("Building sites end to end")
struct BuildTests {
    func build(_ inputs: [String], into output: String, operations: FileOperations = .live) throws(DiagnosticList) -> BuildResult {
        try SiteBuild(options: BuildOptions(inputs: inputs, output: output, fileOperations: operations)).run()
    }

    @Test("the seed article builds four pages and report.json with its structure and truncation")
    func seed() throws {
        guard FileManager.default.fileExists(atPath: seedPath) else {
            print("skipped: \(seedPath) is not there")
            return
        }
        let output = try temporaryFolder() + "/site"
        let result = try build([seedPath], into: output)
        let slug = try #require(result.reports.first?.slug)
        for page in ["index.html", "timeline.html", "stakeholders.html", "paywall.html", "report.json"] {
            #expect(FileManager.default.fileExists(atPath: "\(output)/\(slug)/\(page)"), "\(page)")
        }
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: "\(output)/\(slug)/report.json")))
        #expect(report.schemaVersion == 2)
        #expect(report.headline.text.hasPrefix("Microsoft travaillerait"))
        #expect(report.sections.compactMap(\.heading).count == 3)
        #expect(report.sections.compactMap(\.heading).last?.hasSuffix("?") == true)
        #expect(report.truncation.paywall)
        #expect(report.truncation.notice?.text.contains("réservée aux abonnés") == true)
        #expect(!report.sentences.contains { $0.text.contains("abonnés") })
        #expect(report.truncation.endsMidSentence)
        #expect(report.truncation.unfinishedSentence?.text.hasSuffix("d'opérer...") == true)
        #expect(report.truncation.droppedEmbeds.count == 1)
        #expect(report.truncation.droppedEmbeds.first?.text.hasSuffix("axé sur le raisonnement :") == true)

        let overview = try read("\(output)/\(slug)/index.html")
        #expect(overview.contains("<html lang=\"fr\">"))
        #expect(overview.contains("id=\"s1\""))
        let paywall = try read("\(output)/\(slug)/paywall.html")
        #expect(paywall.contains("réservée aux abonnés"))
        #expect(paywall.contains("d'opérer..."))
    }

    @Test("two builds of the same input are byte-identical")
    func reproducible() throws {
        let folder = try temporaryFolder()
        let first = try build([repositoryRoot.appendingPathComponent("articles").path], into: folder + "/a")
        _ = try build([repositoryRoot.appendingPathComponent("articles").path], into: folder + "/b")
        #expect(first.reports.count >= 2)
        let a = try snapshot(folder + "/a"), b = try snapshot(folder + "/b")
        #expect(a.count > 8)
        #expect(a == b)
    }

    @Test("an output inside folders that do not exist yet is made, as mkdir -p would")
    func nestedOutput() throws {
        let folder = try temporaryFolder()
        let article = try writeFile(folder, "in/one.txt", "Titre\nUne phrase.\n")
        let result = try build([article], into: folder + "/public/briefings/site")
        #expect(result.reports.count == 1)
        #expect(FileManager.default.fileExists(atPath: folder + "/public/briefings/site/one/index.html"))
    }

    @Test("a failing build leaves the previous output untouched")
    func failedBuildKeepsOutput() throws {
        let folder = try temporaryFolder()
        let article = try writeFile(folder, "in/one.txt", "Titre\nUne phrase complète.\n")
        let output = folder + "/site"
        _ = try build([article], into: output)
        let before = try snapshot(output)
        // The third write fails, as a full disk would.
        let counter = Counter()
        let failing = FileOperations(
            write: { path, bytes in
                if counter.next() == 3 { throw CocoaError(.fileWriteOutOfSpace) }
                try FileOperations.live.write(path, bytes)
            },
            createDirectory: FileOperations.live.createDirectory)
        try writeFile(folder, "in/one.txt", "Titre changé\nUne autre phrase.\n")
        #expect(throws: DiagnosticList.self) { try build([article], into: output, operations: failing) }
        #expect(try snapshot(output) == before)
        // And an article error leaves it untouched too.
        try writeFile(folder, "in/one.txt", "")
        #expect(throws: DiagnosticList.self) { try build([article], into: output) }
        #expect(try snapshot(output) == before)
        // So does a theme error, found while the output's manifests are being read.
        try writeFile(folder, "in/one.txt", "Titre\nUne phrase complète.\n")
        try writeFile(folder, "theme/overview.md", "# {{headline}\n")
        #expect(throws: DiagnosticList.self) {
            try SiteBuild(options: BuildOptions(inputs: [article], output: output, templates: folder + "/theme")).run()
        }
        #expect(try snapshot(output) == before)
        // No lock or temporary link is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains("lock") || $0.contains("link") }.isEmpty)
    }

    @Test("two articles with the same slug are an error naming both files")
    func slugCollision() throws {
        let folder = try temporaryFolder()
        try writeFile(folder, "a/story.txt", "Titre\nTexte.\n")
        try writeFile(folder, "b/story.md", "# Title\n\nText.\n")
        do {
            _ = try build([folder + "/a", folder + "/b"], into: folder + "/site")
        } catch {
            Issue.record("the first article should still build: \(error)")
        }
        let result = try build([folder + "/a", folder + "/b"], into: folder + "/site")
        #expect(result.failedArticles == 1)
        let message = result.errors.first?.description ?? ""
        #expect(message.contains("a/story.txt") && message.contains("b/story.md"))
    }

    @Test("articles built in small batches give the same site, slug errors and progress as in one batch")
    func batches() throws {
        let folder = try temporaryFolder()
        for (index, name) in ["a", "b", "c", "d", "e", "f", "g"].enumerated() {
            // "f" takes the slug of "b", in a later batch.
            let slug = name == "f" ? "slug: b\n" : ""
            try writeFile(folder, "in/\(name).txt", "---\n\(slug)---\nTitre \(name)\n\nLe \(index + 1) mars 2025, Acme a acheté Globex pour \(index + 2) millions d'euros.\n")
        }
        try writeFile(folder, "in/h.txt", "")   // fails when read, in the last batch
        final class Progress: @unchecked Sendable {
            let lock = NSLock()
            var seen: [(done: Int, total: Int)] = []
        }
        func run(perBatch: Int, into output: String) throws -> (BuildResult, [(done: Int, total: Int)]) {
            var options = BuildOptions(inputs: [folder + "/in"], output: output)
            options.articlesPerBatch = perBatch
            let progress = Progress()
            let result = try SiteBuild(options: options, events: { event in
                guard case .articleDone(let done, let total) = event else { return }
                progress.lock.lock(); progress.seen.append((done, total)); progress.lock.unlock()
            }).run()
            return (result, progress.seen)
        }
        let (whole, _) = try run(perBatch: 256, into: folder + "/whole")
        let (batched, progress) = try run(perBatch: 3, into: folder + "/batched")
        #expect(try snapshot(folder + "/batched") == snapshot(folder + "/whole"))
        #expect(batched.reports.map(\.slug) == whole.reports.map(\.slug))
        #expect(batched.reports.count == 6)
        #expect(batched.errors.map(\.description) == whole.errors.map(\.description))
        #expect(batched.errors.count == 2)
        #expect(batched.errors.contains { $0.description.contains("f.txt") && $0.description.contains("b.txt") })
        // Progress counts every article, failed ones too, and never goes back.
        #expect(progress.allSatisfy { $0.total == 8 })
        #expect(progress.map(\.done).sorted() == progress.map(\.done))
        #expect(progress.last?.done == 8)
    }

    @Test("a non-empty folder reportgen did not create is never replaced")
    func refusesForeignFolder() throws {
        let folder = try temporaryFolder()
        let article = try writeFile(folder, "one.txt", "Titre\nTexte.\n")
        try writeFile(folder, "mine/notes.txt", "precious")
        #expect(throws: DiagnosticList.self) { try build([article], into: folder + "/mine") }
        #expect(try read(folder + "/mine/notes.txt") == "precious")
    }

    @Test("a hostile article comes out as inert text on every page")
    func hostileArticle() throws {
        let folder = try temporaryFolder()
        let article = try writeFile(folder, "evil.md", """
            ---
            title: "<script>alert(1)</script>"
            url: "javascript:alert(1)"
            ---
            # Headline <img src=x onerror=alert(1)>

            A [link](javascript:alert(1)) and <script>alert(2)</script> and {{t.skip}} here.

            | a | b |
            |---|---|

            # not a heading inside text? <b>bold</b>
            """)
        let output = folder + "/site"
        _ = try build([article], into: output)
        for (path, data) in try snapshot(output) where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            #expect(!html.contains("<script"), "\(path)")
            #expect(!html.contains("<img"), "\(path)")
            #expect(!html.lowercased().contains("javascript:alert(1)\""), "\(path)")
            #expect(!html.contains("href=\"javascript"), "\(path)")
            #expect(!html.contains("<b>"), "\(path)")
        }
        let overview = try read(output + "/evil/index.html")
        #expect(overview.contains("{{t.skip}}"))
        #expect(overview.contains("&lt;script&gt;alert(2)&lt;/script&gt;"))
    }
}

final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func next() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
}
