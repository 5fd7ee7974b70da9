import Foundation
import Testing
@testable import ReportKit

@Suite("Incremental builds")
struct IncrementalBuildTests {
    func build(_ inputs: [String], _ output: String, templates: String? = nil, useCache: Bool = true) throws -> BuildResult {
        try SiteBuild(options: BuildOptions(inputs: inputs, output: output, templates: templates, jobs: 2, useCache: useCache)).run()
    }

    func inode(_ path: String) -> (UInt64, Int) {
        var info = stat()
        stat(path, &info)
        return (UInt64(info.st_ino), Int(info.st_mtim.tv_sec))
    }

    /// A folder with `count` articles in `in/`, built twice into `site`, so that both generations
    /// hold every file: the state a rebuild starts from.
    func siteBuiltTwice(articles count: Int) throws -> String {
        let folder = try temporaryFolder()
        try makeArticles(folder, count: count)
        _ = try build([folder + "/in"], folder + "/site")
        _ = try build([folder + "/in"], folder + "/site")
        return folder
    }

    func makeArticles(_ folder: String, count: Int) throws {
        for index in 1...count {
            try writeFile(folder, "in/story-\(index).txt", """
                Globex et Initech signent l'accord numéro \(index)
                Globex a investi \(index) millions d'euros dans Initech en mars 2025, a indiqué Paul Durand.
                Le projet doit durer jusqu'en 2030.
                """)
        }
    }

    @Test("an unchanged rebuild writes nothing; unchanged files keep their inode and time")
    func unchanged() throws {
        let folder = try temporaryFolder()
        try makeArticles(folder, count: 5)
        let first = try build([folder + "/in"], folder + "/site")
        #expect(first.written == first.files && first.unchangedArticles == 0)
        let page = folder + "/site/story-3/timeline.html"
        let before = inode(page)
        let second = try build([folder + "/in"], folder + "/site")
        #expect(second.unchangedArticles == 5)
        #expect(second.written == 0 && second.linked == second.files)
        #expect(inode(page) == before)   // a hard link: the same file, the same time
        let third = try build([folder + "/in"], folder + "/site")
        #expect(third.written == 0 && third.kept == third.files)
        #expect(inode(page) == before)
    }

    @Test("changing one article rewrites only its files and the site-wide pages it appears on")
    func oneChange() throws {
        let folder = try siteBuiltTwice(articles: 6)
        try writeFile(folder, "in/story-2.txt", "Globex change de cap\nGlobex a vendu sa filiale en 2024.\n")
        let result = try build([folder + "/in"], folder + "/site")
        #expect(result.unchangedArticles == 5)
        #expect(result.written <= 7 + 1)   // its 7 files, and the index whose entry changed
        #expect(try read(folder + "/site/story-2/index.html").contains("Globex change de cap"))
        #expect(try read(folder + "/site/index.html").contains("Globex change de cap"))
        // A change that no site-wide page shows leaves them as they were, without rendering them.
        let index = inode(folder + "/site/index.html")
        try writeFile(folder, "in/story-3.txt", try read(folder + "/in/story-3.txt") + "\n")
        _ = try build([folder + "/in"], folder + "/site")
        let again = try build([folder + "/in"], folder + "/site")
        #expect(again.written == 0)
        #expect(inode(folder + "/site/index.html") == index)
    }

    func setModificationTime(_ path: String, _ seconds: Int) {
        var times = [timespec(tv_sec: seconds, tv_nsec: 0), timespec(tv_sec: seconds, tv_nsec: 0)]
        utimensat(AT_FDCWD, path, &times, 0)
    }

    @Test("an input last modified long before it was read is not read again while its size, inode and time stay")
    func statFastPath() throws {
        let folder = try temporaryFolder()
        try makeArticles(folder, count: 2)
        let path = folder + "/in/story-1.txt"
        let anHourAgo = time(nil) - 3600   // one value: two clock reads could straddle a second
        setModificationTime(path, anHourAgo)
        _ = try build([folder + "/in"], folder + "/site")
        // Same size, new bytes, old time restored: only a read would notice, and none happens.
        let original = try read(path)
        try writeFile(folder, "in/story-1.txt", original.replacingOccurrences(of: "Globex", with: "Globux"))
        setModificationTime(path, anHourAgo)
        #expect(try build([folder + "/in"], folder + "/site").unchangedArticles == 2)
        // Any other time (touch) makes it read again.
        setModificationTime(path, anHourAgo + 1800)
        #expect(try build([folder + "/in"], folder + "/site").unchangedArticles == 1)
        #expect(try read(folder + "/site/story-1/index.html").contains("Globux"))
    }

    @Test("an input modified within seconds of being read is always read again, even at the same size and time")
    func racyInputsAreRead() throws {
        let folder = try temporaryFolder()
        try makeArticles(folder, count: 1)
        let path = folder + "/in/story-1.txt"
        _ = try build([folder + "/in"], folder + "/site")
        var info = stat()
        stat(path, &info)
        let original = try read(path)
        try writeFile(folder, "in/story-1.txt", original.replacingOccurrences(of: "Globex", with: "Globux"))
        var times = [info.st_atim, info.st_mtim]
        utimensat(AT_FDCWD, path, &times, 0)   // as if rewritten within the same clock tick
        #expect(try build([folder + "/in"], folder + "/site").unchangedArticles == 0)
        #expect(try read(folder + "/site/story-1/index.html").contains("Globux"))
    }

    @Test("an input's stamp is its size, inode and time in decimal, as manifests of earlier builds recorded them")
    func stampFormat() {
        var info = stat()
        info.st_size = 5_308_444
        info.st_ino = 18_446_744_073_709_551_615
        info.st_mtim = timespec(tv_sec: 1_600_000_427, tv_nsec: 5)
        #expect(ArticleInput.stamp(of: info) == "5308444:18446744073709551615:1600000427.5")
        info.st_size = 0; info.st_ino = 1; info.st_mtim = timespec(tv_sec: 0, tv_nsec: 999_999_999)
        #expect(ArticleInput.stamp(of: info) == "0:1:0.999999999")
        // Too recent to trust: no stamp, so the file is always read.
        info.st_mtim = timespec(tv_sec: time(nil), tv_nsec: 0)
        #expect(ArticleInput.stamp(of: info) == "")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let value = generator.next() >> UInt64.random(in: 0...63)
            let text = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
                String(decoding: UnsafeBufferPointer(rebasing: buffer[..<DecimalDigits.write(value, into: buffer)]), as: UTF8.self)
            }
            #expect(text == String(value))
        }
    }

    @Test("changing a template re-renders only the pages that use it")
    func templateChange() throws {
        let folder = try temporaryFolder()
        try makeArticles(folder, count: 4)
        let templates = folder + "/theme"
        try FileManager.default.createDirectory(atPath: templates, withIntermediateDirectories: true)
        for (name, text) in DefaultTemplates.files { try writeFile(templates, name, text) }
        _ = try build([folder + "/in"], folder + "/site", templates: templates)
        _ = try build([folder + "/in"], folder + "/site", templates: templates)
        try writeFile(templates, "timeline.md", DefaultTemplates.files["timeline.md"]! + "\nEnd of timeline.\n")
        let result = try build([folder + "/in"], folder + "/site", templates: templates)
        #expect(result.written == 4)   // one timeline page per article; nothing else
        #expect(try read(folder + "/site/story-1/timeline.html").contains("End of timeline."))
    }

    @Test("the output keeps naming the link, not the generation it points to")
    func outputPathIsTheLink() throws {
        let folder = try temporaryFolder()
        try makeArticles(folder, count: 1)
        _ = try build([folder + "/in"], folder + "/site")
        #expect(OutputSite(path: folder + "/site/").path == folder + "/site")
        _ = try build([folder + "/in"], folder + "/site")
        _ = try build([folder + "/in"], folder + "/site")
        var names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names == [".site.gen-a", ".site.gen-b", "in", "site"])
        // The same from the command line, run inside the folder with an absolute --output: the
        // working folder once decided how Foundation resolved the link, and rebuilds then
        // created generations of generations.
        guard let binary = builtBinary() else {
            print("skipped the command-line half: no built reportgen binary")
            return
        }
        for _ in 0..<3 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["build", folder + "/in", "--output", folder + "/site", "--quiet"]
            process.currentDirectoryURL = URL(fileURLWithPath: folder)
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names == [".site.gen-a", ".site.gen-b", "in", "site"])
    }

    @Test("both generations ask ext4 to spread their report folders; the flag changes no byte")
    func generationsSpreadTheirFolders() throws {
        let folder = try siteBuiltTwice(articles: 2)
        let probe = try temporaryFolder()
        let flagsBefore = FolderPlacement.flags(of: probe)
        guard FolderPlacement.spreadSubfolders(of: probe) == .spread, let flagsBefore else {
            print("skipped: this file system has no top-of-hierarchy flag")
            return
        }
        #expect(FolderPlacement.spreadsSubfolders(probe))
        #expect(FolderPlacement.flags(of: probe) == flagsBefore | FolderPlacement.topDirectoryFlag)
        for generation in [".site.gen-a", ".site.gen-b"] {
            #expect(FolderPlacement.spreadsSubfolders(folder + "/" + generation))
            #expect(!FolderPlacement.spreadsSubfolders(folder + "/" + generation + "/story-1"))
        }
        // Setting it again keeps it and the folder's other flags.
        #expect(FolderPlacement.spreadSubfolders(of: probe) == .spread)
        #expect(FolderPlacement.flags(of: probe) == flagsBefore | FolderPlacement.topDirectoryFlag)
        #expect(FolderPlacement.spreadSubfolders(of: probe + "/missing") == .unsupported)
        #expect(try snapshot(folder + "/.site.gen-a") == snapshot(folder + "/.site.gen-b"))
    }

    @Test("a removed article's folder disappears from both generations")
    func removedArticle() throws {
        let folder = try siteBuiltTwice(articles: 3)
        try FileManager.default.removeItem(atPath: folder + "/in/story-2.txt")
        _ = try build([folder + "/in"], folder + "/site")
        #expect(!FileManager.default.fileExists(atPath: folder + "/site/story-2"))
        _ = try build([folder + "/in"], folder + "/site")
        #expect(!FileManager.default.fileExists(atPath: folder + "/site/story-2"))
        #expect(FileManager.default.fileExists(atPath: folder + "/site/story-3/timeline.html"))
    }

    @Test("files a killed build left in the generation being built are gone once the next build publishes it")
    func killedBuildLeftovers() throws {
        let folder = try siteBuiltTwice(articles: 2)
        // The next build updates the unpublished generation: make it look like a killed build's.
        let published = try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/site")
        let other = folder + "/" + (published.hasSuffix("gen-a") ? ".site.gen-b" : ".site.gen-a")
        try FileManager.default.removeItem(atPath: other + "/" + SiteManifest.fileName)
        try writeFile(other, "story-9/index.html", "left by a killed build")
        try writeFile(other, "stray.txt", "left by a killed build")
        let before = try snapshot(folder + "/site")
        _ = try build([folder + "/in"], folder + "/site")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/site") != published)
        #expect(!FileManager.default.fileExists(atPath: folder + "/site/story-9"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/site/stray.txt"))
        #expect(try snapshot(folder + "/site") == before)
    }

    @Test("--no-cache rebuilds every file; the output is the same bytes")
    func noCache() throws {
        let folder = try temporaryFolder()
        try makeArticles(folder, count: 3)
        _ = try build([folder + "/in"], folder + "/site")
        let before = try snapshot(folder + "/site")
        let cold = try build([folder + "/in"], folder + "/site", useCache: false)
        #expect(cold.written == cold.files)
        #expect(try snapshot(folder + "/site") == before)
    }

    @Test("the same articles in any order and with any number of jobs give the same bytes")
    func orderAndJobs() throws {
        let folder = try temporaryFolder()
        try makeArticles(folder, count: 8)
        let paths = (1...8).map { "\(folder)/in/story-\($0).txt" }
        _ = try SiteBuild(options: BuildOptions(inputs: paths, output: folder + "/one", jobs: 1)).run()
        _ = try SiteBuild(options: BuildOptions(inputs: paths.reversed(), output: folder + "/two", jobs: 3)).run()
        #expect(try snapshot(folder + "/one") == snapshot(folder + "/two"))
    }

    @Test("the manifest reads back what it wrote, whatever the names hold; an older format reads as none")
    func manifestRoundTrip() throws {
        let odd = "a\tb\nc\\d\re é"
        let summary = ReportSummary(sourcePath: "in/\(odd).txt", slug: "s", headline: odd, source: nil,
                                    published: CalendarDay(iso: "2025-01-31"), language: .french, wordCount: 12,
                                    isTruncated: true, leadSentence: "")
        let outputs: [SiteManifest.Output] = [.init(name: "index.html", digest: Digest(0x0123456789abcde), templates: Digest(1)),
                                              .init(name: "x\(odd)", digest: Digest(0xfedcba987654321), templates: Digest(.max))]
        var manifest = SiteManifest()
        manifest.addSiteFile("\(odd)/x", digest: Digest(15))
        manifest.add(source: "in/\(odd).txt", .init(key: Digest(7), slug: "s", stamp: "1:2:3.4", content: Digest(8), outputs: outputs, summary: summary))
        let bytes = manifest.encoded()
        let decoded = try #require(SiteManifest(decoding: bytes))
        #expect(decoded.encoded() == bytes)
        #expect(decoded.siteFiles == manifest.siteFiles)
        #expect(decoded.reportFiles["s"] == outputs)
        #expect(decoded.contains(path: "s/x\(odd)") && decoded.contains(path: "\(odd)/x") && !decoded.contains(path: "s/report.json"))
        let record = try #require(decoded.articles["in/\(odd).txt"])
        #expect(record.outputs == outputs)
        let filesOnly = try #require(SiteManifest(decoding: bytes, filesOnly: true))
        #expect(filesOnly.articles.isEmpty && filesOnly.reportFiles == decoded.reportFiles)
        #expect(record.summary.headline == odd && record.summary.source == nil && record.summary.leadSentence == "")
        #expect(record.summary.published?.iso == "2025-01-31" && record.summary.isTruncated)
        // Read back, a record gives the fields of its summary in place (what the site key digests),
        // escapes undone and optionals marked, as the summary it was written from gives them.
        func fields(_ record: SiteManifest.ArticleRecord) -> [String] {
            var all: [String] = []
            record.forEachSummaryField { prefix, bytes in
                all.append((prefix.map { String(UnicodeScalar($0)) } ?? "-") + String(decoding: bytes, as: UTF8.self))
            }
            return all
        }
        func fields(_ summary: ReportSummary) -> [String] {
            var all: [String] = []
            SiteManifest.forEachSummaryField(summary) { prefix, value in all.append((prefix.map { String(UnicodeScalar($0)) } ?? "-") + value) }
            return all
        }
        #expect(record.line != nil && fields(record) == fields(summary) && fields(record.summary) == fields(summary))
        #expect(fields(summary) == ["-in/\(odd).txt", "-s", "-\(odd)", "-", "=2025-01-31", "-fr", "-12", "-1", "="])
        #expect(SiteManifest(decoding: Array("{\"files\":{}}".utf8)) == nil)
        for value: UInt64 in [0, 1, 0xabc, .max] { #expect(Digest(hex: Digest(value).hex) == Digest(value)) }
        #expect(Digest(hex: "0123456789abcdE") == nil && Digest(hex: "0123456789abcd") == nil && Digest(hex: "0123456789abcdef") == nil)
        #expect(SiteManifest(decoding: Array("reportgen-manifest 3\tg\tk\nend\n".utf8)) == nil)
        for cut in [4, 20, 40, bytes.count / 2] { #expect(SiteManifest(decoding: Array(bytes.dropLast(cut))) == nil) }
    }

    @Test("a record is found by its source whether the inputs come in the manifest's order or not")
    func recordsByPositionOrSource() throws {
        var manifest = SiteManifest()
        for name in ["a", "b", "c"] {
            let summary = ReportSummary(sourcePath: "in/\(name).txt", slug: name, headline: name, source: nil, published: nil,
                                        language: .english, wordCount: 1, isTruncated: false, leadSentence: nil)
            manifest.add(source: "in/\(name).txt", .init(key: Digest(1), slug: name, stamp: "", content: Digest(2), outputs: [], summary: summary))
        }
        let decoded = try #require(SiteManifest(decoding: manifest.encoded()))
        var same = decoded, other = decoded
        same.indexSources(unlessOrderedAs: ["in/a.txt", "in/b.txt", "in/c.txt"])
        other.indexSources(unlessOrderedAs: ["in/c.txt", "in/x.txt", "in/a.txt"])
        for (position, name) in ["a", "b", "c"].enumerated() {
            #expect(same.record(for: "in/\(name).txt", at: position)?.slug == name)
        }
        #expect(other.record(for: "in/c.txt", at: 0)?.slug == "c" && other.record(for: "in/a.txt", at: 2)?.slug == "a")
        #expect(other.record(for: "in/x.txt", at: 1) == nil && same.record(for: "in/x.txt", at: 1) == nil)
        // Asked out of order without the index, the record is still the right one.
        #expect(decoded.record(for: "in/c.txt", at: 0)?.slug == "c")
    }

    @Test("a rebuild writes the records it reuses back as they were read, the same bytes as encoding them anew")
    func reusedRecordsKeepTheirLines() throws {
        // A record with a line is written as that line, not from its fields.
        var manifest = SiteManifest()
        manifest.add(source: "in/a.txt", .init(key: Digest(1), slug: "a", stamp: "", content: Digest(2), outputs: [],
                                               summaryFields: 0..<0, line: Array("A\tas read".utf8)[...]))
        #expect(String(decoding: manifest.encoded(), as: UTF8.self).contains("\nA\tas read\nend\n"))

        let folder = try siteBuiltTwice(articles: 4)
        func published() throws -> [UInt8] {
            let generation = try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/site")
            return try #require(FileOperations.readFile(folder + "/" + generation + "/" + SiteManifest.fileName))
        }
        let before = try #require(SiteManifest(decoding: try published()))
        try writeFile(folder, "in/story-2.txt", "Globex change de cap\nGlobex a vendu sa filiale en 2024.\n")
        _ = try build([folder + "/in"], folder + "/site")
        let bytes = try published()
        let after = try #require(SiteManifest(decoding: bytes))
        // The reused records are those of the build before, and the article that changed has a new one.
        for source in after.articleOrder {
            let changed = source.hasSuffix("story-2.txt")
            #expect((after.articles[source]?.line == before.articles[source]?.line) == !changed)
            #expect((after.articles[source]?.content == before.articles[source]?.content) == !changed)
        }
        // Every record encoded anew from its fields gives the bytes the rebuild wrote.
        var fresh = SiteManifest()
        fresh.siteKey = after.siteKey
        for path in after.siteFileOrder { fresh.addSiteFile(path, digest: after.siteFiles[path]!) }
        for source in after.articleOrder {
            let record = after.articles[source]!
            fresh.add(source: source, .init(key: record.key, slug: record.slug, stamp: record.stamp, content: record.content,
                                            outputs: record.outputs, summary: record.summary))
        }
        #expect(fresh.encoded() == bytes)
    }
}
