import Foundation

/// One input article as the build first sees it: its cache key, its slug and, unless the cache
/// has it, its decoded text (decoded once: the slug needs it and so does the loader).
/// A class, never changed once made: each input passes through several arrays on its way to
/// the pipeline, and every copy of a structure retained its four strings and its record.
final class ArticleInput: Sendable {
    let path: String
    let source: SourceText?
    let key: Digest
    let slug: String
    /// Digest of the article's bytes, and the file's size, inode and modification time when it
    /// was read (empty when the file was too new to trust: see `stamp(of:)`).
    let content: Digest
    let stamp: String
    /// The record of an earlier build with the same key, when there is one.
    let cached: SiteManifest.ArticleRecord?

    init(path: String, settings: String, cached: SiteManifest.ArticleRecord?) throws(Diagnostic) {
        self.path = path
        // Only regular files: a FIFO or a device would block the build or never end.
        var info = stat()
        // (Through `withCString`: passing the `String` made a C copy of every input's path.)
        guard path.withCString({ stat($0, &info) }) == 0 else {
            throw .error(.fileNotFound, file: path, "the article disappeared during the build", hint: "check the input folder and build again")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw .error(.unreadableFile, file: path, "not a regular file (a pipe, socket or device)", hint: "remove it from the input folder")
        }
        guard info.st_size <= SourceText.maximumBytes else {
            throw .error(.fileTooLarge, file: path, "file is \(info.st_size) bytes; the limit for one article is \(SourceText.maximumBytes) bytes",
                hint: "split the file into one article per file")
        }
        stamp = Self.stamp(of: info, known: cached?.stamp)
        // Same size, inode and modification time as when an earlier build read it: the bytes are
        // those it digested, and the file need not be read again.
        if let cached, !stamp.isEmpty, cached.stamp == stamp,
           ContentDigest.key(content: cached.content, settings: settings) == cached.key {
            self.cached = cached
            self.source = nil
            content = cached.content
            key = cached.key
            slug = cached.slug
            return
        }
        guard let bytes = FileOperations.readFile(path) else {
            throw .error(FileManager.default.fileExists(atPath: path) ? .unreadableFile : .fileNotFound, file: path,
                "cannot read the article", hint: "check that the file exists and is readable")
        }
        content = ContentDigest.of(bytes)
        key = ContentDigest.key(content: content, settings: settings)
        if let cached, cached.key == key {
            self.cached = cached
            self.source = nil
            slug = cached.slug
        } else {
            self.cached = nil
            // The slug comes from front matter or the file name.
            let source = try SourceText(bytes: bytes, path: path)
            let (frontMatter, _, _, _) = try FrontMatter.split(source.text, path: path)
            slug = try ArticleLoader.slug(frontMatter: frontMatter, path: path, override: nil)
            self.source = source
        }
    }

    /// Size, inode and modification time, trusted only for a file last modified over two
    /// seconds before it was read: file systems stamp times coarsely (ext4: a few ms), so a
    /// file rewritten within the same tick as the read would otherwise look unchanged.
    /// - Parameter known: the stamp an earlier build recorded, handed back when it is the same
    ///   (most inputs of a rebuild), so that no new string is made.
    static func stamp(of info: stat, known: String? = nil) -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        guard info.st_mtim.tv_sec < now.tv_sec - 2 else { return "" }
        // "size:inode:seconds.nanoseconds", written digit by digit: every input of every rebuild
        // is stamped, and interpolating four integers cost about 3,900 instructions a file.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4 * (DecimalDigits.maximumCount + 1)) { buffer in
            var length = 0
            func field(_ value: some BinaryInteger, after separator: UInt8?) {
                if let separator { buffer[length] = separator; length += 1 }
                if value < 0 { buffer[length] = UInt8(ascii: "-"); length += 1 }
                length += DecimalDigits.write(UInt64(value.magnitude), into: UnsafeMutableBufferPointer(rebasing: buffer[length...]))
            }
            field(info.st_size, after: nil)
            field(info.st_ino, after: UInt8(ascii: ":"))
            field(info.st_mtim.tv_sec, after: UInt8(ascii: ":"))
            field(info.st_mtim.tv_nsec, after: UInt8(ascii: "."))
            let stamp = UnsafeBufferPointer(rebasing: buffer[..<length])
            if var known, known.withUTF8({ $0.count == length && memcmp($0.baseAddress!, stamp.baseAddress!, length) == 0 }) { return known }
            return String(decoding: stamp, as: UTF8.self)
        }
    }

    /// Every input, in the order given, read on `jobs` threads; `files` are the build's inputs
    /// from number `firstPosition` on (see `SiteManifest.record(for:at:)`).
    static func read(_ files: [String], from firstPosition: Int, settings: String, cached: SiteManifest?, jobs: Int) -> [Result<ArticleInput, Diagnostic>] {
        let results = ResultSlots<Result<ArticleInput, Diagnostic>>(count: files.count)
        ParallelLoop.forEach(count: files.count, jobs: jobs) { index in
            let file = files[index]
            results.set(index, Result { () throws(Diagnostic) in
                try ArticleInput(path: file, settings: settings, cached: cached?.record(for: file, at: firstPosition + index))
            })
            return true
        }
        return results.values.map { $0! }
    }

    func record(outputs: [SiteManifest.Output], summary: ReportSummary) -> SiteManifest.ArticleRecord {
        SiteManifest.ArticleRecord(key: key, slug: slug, stamp: stamp, content: content, outputs: outputs, summary: summary)
    }

    /// The cached record itself when nothing in it changed (so that it is written back as it
    /// was read), else a new record with these outputs and the cached summary.
    func record(reusing cached: SiteManifest.ArticleRecord, outputs: [SiteManifest.Output]) -> SiteManifest.ArticleRecord {
        if cached.key == key, cached.slug == slug, cached.stamp == stamp, cached.content == content, cached.outputs == outputs {
            return cached
        }
        return record(outputs: outputs, summary: cached.summary)
    }
}

/// What became of one article.
struct ArticleOutcome: Sendable {
    var path: String
    var record: SiteManifest.ArticleRecord?
    var diagnostics: [Diagnostic] = []
    var reused = false
}

/// Load → understand → render → write for each article, on a bounded number of threads.
/// Each article's result depends only on the article, so output is the same whatever the order.
struct ArticlePipeline: @unchecked Sendable {
    let templates: TemplateSet
    let understanding: Understanding
    let baseURL: String?
    let published: CalendarDay?
    let site: OutputSite?

    /// Digest of what each file of a report depends on besides the article, by file name.
    func outputDigests() -> TemplateDigests {
        var digests = TemplateDigests()
        let shared = [TemplateSet.layoutTemplate, TemplateSet.stringsFile] + templates.partialNames
        for page in ReportPages.Page.allCases {
            digests[page.outputName] = ContentDigest.of(([page.template] + shared).map { templates.sources[$0]?.text ?? "" })
        }
        digests["report.json"] = ContentDigest.of(["report"])
        digests["timeline.json"] = ContentDigest.of([templates.sources[TemplateSet.stringsFile]?.text ?? ""])
        digests["stakeholders.json"] = ContentDigest.of(["stakeholders"])
        return digests
    }

    /// Processes `inputs` and appends what became of each to `outcomes`, in input order.
    /// `digests` is `outputDigests()`, made once per build; `progress` places these inputs in the
    /// whole build: how many articles came before them, and how many there are in all.
    /// Returns false when the build must stop: a write failed, or an article failed in strict mode.
    func process(_ inputs: [ArticleInput], digests: TemplateDigests, jobs: Int, strict: Bool, progress: (done: Int, total: Int),
                 events: @escaping @Sendable (BuildEvent) -> Void, into outcomes: inout [ArticleOutcome]) -> Bool {
        let results = OutcomeStore(count: inputs.count)
        ParallelLoop.forEach(count: inputs.count, jobs: jobs) { index in
            if (strict && results.failed) || results.writeFailed { return false }
            let outcome = process(inputs[index], digests: digests)
            results.set(index, outcome)
            events(.articleDone(done: progress.done + results.doneCount, total: progress.total))
            outcome.diagnostics.forEach { events(.diagnostic($0)) }
            return true
        }
        for case let outcome? in results.outcomes { outcomes.append(outcome) }
        return !((strict && results.failed) || results.writeFailed)
    }

    private func process(_ input: ArticleInput, digests: TemplateDigests) -> ArticleOutcome {
        var outcome = ArticleOutcome(path: input.path)
        let slug = input.slug
        do throws(Diagnostic) {
            // Reuse: same bytes and settings, and files made with the same templates.
            // (An input has a cached record only when the published generation's manifest was read.)
            if let cached = input.cached, let site {
                let stale = cached.outputs.filter { digests[$0.name] != $0.templates }
                var rendered: [String: [UInt8]] = [:]
                if !stale.isEmpty {
                    let report = try cachedReport(slug: slug, site: site)
                    let renderer = ReportPages(report: report, templates: templates, baseURL: baseURL)
                    let kinds = Set(stale.compactMap { ReportPages.Page(outputName: $0.name) })
                    for page in try renderer.render(only: kinds) { rendered[page.name] = page.html }
                    if stale.contains(where: { $0.name == "timeline.json" }) {
                        rendered["timeline.json"] = ReportData.timelineBytes(report, format: renderer.format)
                    }
                }
                var outputs = cached.outputs
                var files: [OutputSite.FolderFile] = []
                files.reserveCapacity(outputs.count)
                for index in outputs.indices {
                    let name = outputs[index].name
                    // (Usually nothing was rendered: no name is hashed then.)
                    let bytes = rendered.isEmpty ? nil : rendered[name]
                    if let bytes {
                        outputs[index].digest = ContentDigest.of(bytes)
                        outputs[index].templates = digests[name] ?? Digest(0)
                    }
                    files.append(.init(name: name, bytes: bytes, digest: outputs[index].digest))
                }
                try site.place(files, in: site.folder(slug))
                outcome.record = input.record(reusing: cached, outputs: outputs)
                outcome.reused = stale.isEmpty
                return outcome
            }
            // Load: text → typed article.
            guard let source = input.source else { throw Diagnostic.error(.writeFailed, file: input.path, "cache is inconsistent") }
            let loaded = try ArticleLoader().load(source: source, path: input.path)
            outcome.diagnostics += loaded.warnings
            // Understand: article → facts.
            let (facts, warnings) = try understanding.facts(for: loaded, fallbackPublished: published)
            outcome.diagnostics += warnings
            let report = Report(article: loaded.article, facts: facts)
            // Render: facts → pages and data files.
            let renderer = ReportPages(report: report, templates: templates, baseURL: baseURL)
            var files: [(name: String, bytes: [UInt8])] = try renderer.render(only: nil).map { ($0.name, $0.html) }
            files.append(("report.json", try ReportJSON.encode(report)))
            files.append(("timeline.json", ReportData.timelineBytes(report, format: renderer.format)))
            files.append(("stakeholders.json", ReportData.stakeholdersBytes(report)))
            // Write (into the unpublished generation).
            var outputs: [SiteManifest.Output] = []
            outputs.reserveCapacity(files.count)
            var placed: [OutputSite.FolderFile] = []
            for (name, bytes) in files {
                // A dry run keeps no manifest: nothing would ever compare the digest.
                let digest = site == nil ? Digest(0) : ContentDigest.of(bytes)
                if site != nil { placed.append(.init(name: name, bytes: bytes, digest: digest)) }
                outputs.append(.init(name: name, digest: digest, templates: digests[name] ?? Digest(0)))
            }
            if let site { try site.place(placed, in: site.folder(slug)) }
            outcome.record = input.record(outputs: SiteManifest.sortedByName(outputs), summary: ReportSummary(report))
        } catch {
            outcome.diagnostics.append(error)
            outcome.record = nil
        }
        return outcome
    }

    private func cachedReport(slug: String, site: OutputSite) throws(Diagnostic) -> Report {
        let path = site.publishedFile("\(slug)/report.json")
        guard let data = FileManager.default.contents(atPath: path),
              let report = try? JSONDecoder().decode(Report.self, from: data) else {
            throw .error(.writeFailed, file: path, "cannot read the cached report", hint: "run `reportgen clean` or build with --no-cache")
        }
        return report
    }
}

/// Results written by worker threads, each into its own slot.
final class OutcomeStore: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var outcomes: [ArticleOutcome?]
    private(set) var doneCount = 0
    private(set) var failed = false
    /// A write failed: the build stops, the published site stays.
    private(set) var writeFailed = false

    init(count: Int) { outcomes = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ outcome: ArticleOutcome) {
        lock.lock()
        outcomes[index] = outcome
        doneCount += 1
        if outcome.record == nil { failed = true }
        if outcome.diagnostics.contains(where: { $0.code == .writeFailed }) { writeFailed = true }
        lock.unlock()
    }
}
