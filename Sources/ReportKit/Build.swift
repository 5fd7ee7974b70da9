import Foundation

/// What a build is asked to do.
public struct BuildOptions: Sendable {
    public var inputs: [String]
    public var output: String
    public var templates: String?
    /// Stop at the first bad article instead of building the others.
    public var strict: Bool
    /// Anchor for relative dates when an article's front matter gives none.
    public var published: CalendarDay?
    /// An extra gazetteer for every article.
    public var entitiesFile: String?
    /// Load, understand and render, but write nothing.
    public var dryRun: Bool
    /// The absolute URL the site is published at; enables canonical links, sitemap.xml and feed.xml.
    public var baseURL: String?
    /// From SOURCE_DATE_EPOCH: the only clock a build reads, for the feed's date.
    public var sourceDateEpoch: Int?
    /// Worker threads; nil for one per core.
    public var jobs: Int?
    /// Reuse unchanged articles and files from earlier builds.
    public var useCache: Bool
    public var fileOperations: FileOperations
    /// False when the process ends right after the build (the command line without `--watch`):
    /// the manifests, records and outcomes are then left for the exit to reclaim. Freeing their
    /// hundreds of thousands of strings one by one was a tenth of a one-article rebuild.
    public var freesMemoryAfterBuild = true
    /// Articles read and decoded at a time (see `SiteBuild.run()`): enough that the threads seldom
    /// wait for one another at the end of a batch (one article's time per batch, at most).
    var articlesPerBatch = 256
    /// The largest batch, reached after batches the cache answered (see `nextBatchSize`).
    var largestBatch = 4096

    public init(inputs: [String], output: String, templates: String? = nil, strict: Bool = false,
                published: CalendarDay? = nil, entitiesFile: String? = nil, dryRun: Bool = false,
                baseURL: String? = nil, sourceDateEpoch: Int? = nil, jobs: Int? = nil, useCache: Bool = true,
                fileOperations: FileOperations = .live) {
        self.inputs = inputs
        self.output = output
        self.templates = templates
        self.strict = strict
        self.published = published
        self.entitiesFile = entitiesFile
        self.dryRun = dryRun
        self.baseURL = baseURL
        self.sourceDateEpoch = sourceDateEpoch
        self.jobs = jobs
        self.useCache = useCache
        self.fileOperations = fileOperations
    }
}

public struct BuildResult: Sendable {
    /// The records of the reports built, in input order (the index lists them newest first).
    let records: [SiteManifest.ArticleRecord]
    /// The reports built, in input order (made when asked: see `ArticleRecord.summary`).
    public var reports: [ReportSummary] { records.map(\.summary) }
    public var reportCount: Int { records.count }
    /// Files in the new site; how many were written, hard-linked from the published site, or kept.
    public var files: Int
    public var written: Int
    public var linked: Int
    public var kept: Int
    /// Articles whose pages were all reused from the cache.
    public var unchangedArticles: Int
    public var diagnostics: [Diagnostic]
    public var failedArticles: Int

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

/// Progress of a build, for a progress bar or a log.
public enum BuildEvent: Sendable {
    case diagnostic(Diagnostic)
    case articleDone(done: Int, total: Int)
    case built(slug: String, sourcePath: String, pages: Int, reused: Bool)
}

/// The build, as named steps read top to bottom: discover → key → load → understand → render →
/// write → index → publish. Articles go through the middle steps in parallel and are written as
/// soon as they are rendered, so memory holds only what the index needs.
public struct SiteBuild {
    public let options: BuildOptions
    public var events: @Sendable (BuildEvent) -> Void

    public init(options: BuildOptions, events: @escaping @Sendable (BuildEvent) -> Void = { _ in }) {
        self.options = options
        self.events = events
    }

    public func run() throws(DiagnosticList) -> BuildResult {
        // 1. Discover the articles, the theme and the options that shape every page.
        let files = try InputDiscovery.articleFiles(in: options.inputs)
        let baseURL = try validatedBaseURL()
        let prepare: @Sendable () -> Result<(TemplateSet, Understanding), Diagnostic> = { [options] in
            Result { () throws(Diagnostic) in
                (try TemplateSet(overrideDirectory: options.templates), try Understanding(extraGazetteer: options.entitiesFile))
            }
        }
        // The theme and the lexicons are made while the output's manifests are read: on a large
        // site each takes about a tenth of a one-article rebuild, and neither needs the other.
        let site = options.dryRun ? nil : OutputSite(path: options.output, operations: options.fileOperations)
        let prepared: Result<(TemplateSet, Understanding), Diagnostic>
        do { prepared = try site?.claim(useCache: options.useCache, alongside: prepare) ?? prepare() } catch { throw DiagnosticList([error]) }
        let templates: TemplateSet
        let understanding: Understanding
        do throws(Diagnostic) {
            (templates, understanding) = try prepared.get()
            try site?.prepareTarget(useCache: options.useCache)
            site?.prepareLookups(for: files)
        } catch {
            site?.abandon()
            throw DiagnosticList([error])
        }
        let settings = ContentDigest.of([
            ReportKitVersion.string, options.published?.iso ?? "", baseURL ?? "", understanding.fingerprint,
        ]).hex

        // 2. Key each article (its bytes and the settings) and find its slug before it is written:
        //    the second article claiming a slug is an error, and writes nothing.
        var diagnostics: [Diagnostic] = []
        var slugOwners: [String: String] = [:]
        slugOwners.reserveCapacity(files.count)
        let jobs = max(1, options.jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        let pipeline = ArticlePipeline(templates: templates, understanding: understanding, baseURL: baseURL,
                                       published: options.published, site: site)
        let digests = pipeline.outputDigests()
        var outcomes: [ArticleOutcome] = []
        outcomes.reserveCapacity(files.count)
        // Articles go through in batches, so memory holds the decoded text of one batch, not of
        // the whole archive (the 56 MB of text of 10,000 articles was held until the last one
        // was rendered).
        // Slugs are still claimed in input order, so the first article keeps a contested slug.
        var batchSize = max(1, options.articlesPerBatch)
        var batchStart = 0
        while batchStart < files.count {
            let batch = Array(files[batchStart..<min(batchStart + batchSize, files.count)])
            defer { batchStart += batch.count }
            var inputs: [ArticleInput] = []
            // Reading and decoding the inputs is a tenth of a cold build: done on every core.
            let keyed = ArticleInput.read(batch, from: batchStart, settings: settings, cached: site?.active, jobs: jobs)
            for (file, result) in zip(batch, keyed) {
                do throws(Diagnostic) {
                    let input = try result.get()
                    if let owner = slugOwners[input.slug] {
                        throw Diagnostic.error(.duplicateSlug, file: file, location: SourceLocation(line: 1, column: 1),
                            "slug '\(input.slug)' is already used by \(owner)",
                            hint: "give one of them another `slug:` in its front matter, or rename the file")
                    }
                    slugOwners[input.slug] = file
                    inputs.append(input)
                } catch {
                    diagnostics.append(error)
                    events(.diagnostic(error))
                    if options.strict { site?.abandon(); throw DiagnosticList([error]) }
                }
            }
            // 3-5. Load, understand, render and write, in parallel; results stay in input order.
            let mayContinue = pipeline.process(inputs, digests: digests, jobs: jobs, strict: options.strict,
                                               progress: (done: batchStart + batch.count - inputs.count, total: files.count),
                                               events: events, into: &outcomes)
            if !mayContinue { break }
            batchSize = nextBatchSize(after: inputs)
        }
        var manifest = SiteManifest()
        // Sized once: growing the tables of ten thousand records rehashed every path at each doubling.
        manifest.reserveCapacity(reports: outcomes.count, records: true)
        var records: [SiteManifest.ArticleRecord] = []
        records.reserveCapacity(outcomes.count)
        var unchanged = 0
        defer {
            if !options.freesMemoryAfterBuild {
                _ = Unmanaged.passRetained(LeftForExit([site as Any, outcomes, manifest, records]))
            }
        }
        for outcome in outcomes {
            diagnostics += outcome.diagnostics
            guard let record = outcome.record else { continue }
            manifest.add(source: outcome.path, record)
            records.append(record)
            if outcome.reused { unchanged += 1 }
        }
        let failed = diagnostics.filter { $0.severity == .error }.count
        // A failed write is the disk's fault, not the article's: the new site cannot be complete.
        if let writeFailure = diagnostics.first(where: { $0.code == .writeFailed }) {
            site?.abandon()
            throw DiagnosticList([writeFailure])
        }
        if options.strict, failed > 0 {
            site?.abandon()
            throw DiagnosticList(diagnostics.filter { $0.severity == .error })
        }
        if records.isEmpty {
            site?.abandon()
            throw DiagnosticList(diagnostics.isEmpty ? [.error(.noArticles, file: nil, "no article to build")] : diagnostics)
        }

        // 6. The site-wide pages, from the summaries only.
        do throws(Diagnostic) {
            if baseURL == nil {
                let warning = Diagnostic.warning(.missingBaseURL, file: nil,
                    "no --base-url: sitemap.xml, feed.xml and canonical links need absolute URLs and were left out",
                    hint: "pass --base-url https://example.org/briefings/ when publishing")
                diagnostics.append(warning)
                events(.diagnostic(warning))
            }
            let sitePaths = ["index.html", "404.html", "assets/style.css"] + (baseURL == nil ? [] : ["sitemap.xml", "feed.xml"])
            // Keyed in input order: ordering ten thousand summaries cost more than the rest of a
            // one-article rebuild's site-wide work, and is done only when the pages are made.
            // (Another input order gives another key: the pages are made again, the same.)
            let siteKey = siteKey(records, templates: templates, baseURL: baseURL)
            let known = site?.active.flatMap { active in
                active.siteKey == siteKey ? sitePaths.compactMap { path in active.siteFiles[path].map { (path, $0) } } : nil
            } ?? []
            if let site, !known.isEmpty, known.count == sitePaths.count {
                // Nothing the site-wide pages show has changed: keep them as they are.
                for (path, digest) in known {
                    manifest.addSiteFile(path, digest: digest)
                    try site.place(siteFile: path, nil, digest: digest)
                }
            } else {
                for (path, bytes) in try siteFiles(SitePages.ordered(records.map(\.summary)), templates: templates, baseURL: baseURL) {
                    let digest = ContentDigest.of(bytes)
                    manifest.addSiteFile(path, digest: digest)
                    try site?.place(siteFile: path, bytes, digest: digest)
                }
            }
            // 7. Publish: the new generation replaces the old one in one rename.
            manifest.siteKey = siteKey
            try site?.commit(manifest)
        } catch {
            site?.abandon()
            throw DiagnosticList(diagnostics.filter { $0.severity == .error } + [error])
        }
        for outcome in outcomes {
            if let record = outcome.record { events(.built(slug: record.slug, sourcePath: outcome.path, pages: 4, reused: outcome.reused)) }
        }
        return BuildResult(records: records, files: manifest.fileCount, written: site?.written ?? 0,
                           linked: site?.linked ?? 0, kept: site?.kept ?? 0, unchangedArticles: unchanged,
                           diagnostics: diagnostics, failedArticles: failed)
    }

    /// Batches grow to `largestBatch` while the cache answers for nearly every input
    /// (such an input holds no text), and fall back to `articlesPerBatch` when it does not: a
    /// one-article rebuild of 10,000 went through 40 batches, each two waits for both threads and
    /// a stretch on one, for 7 % of its time. A batch of mostly new articles holds the text of
    /// at most `largestBatch` of them, once, before the size falls back.
    private func nextBatchSize(after inputs: [ArticleInput]) -> Int {
        let base = max(1, options.articlesPerBatch)
        let uncached = inputs.lazy.filter { $0.cached == nil }.count
        return uncached * 16 <= inputs.count ? max(base, options.largestBatch) : base
    }

    /// The index, the 404 page, the stylesheet and, with a base URL, the sitemap and the feed.
    private func siteFiles(_ summaries: [ReportSummary], templates: TemplateSet, baseURL: String?) throws(Diagnostic) -> [(String, [UInt8])] {
        var files: [(String, [UInt8])] = []
        let pages = SitePages(templates: templates, baseURL: baseURL)
        let language = SitePages.siteLanguage(summaries)
        files.append(("index.html", Array(try pages.index(summaries, language: language).utf8)))
        files.append(("404.html", Array(try pages.notFound(language: language).utf8)))
        files.append(("assets/style.css", Array(templates.stylesheet.utf8)))
        if let baseURL {
            let feeds = SiteFeeds(baseURL: baseURL, reports: summaries, sourceDateEpoch: options.sourceDateEpoch)
            files.append(("sitemap.xml", Array(feeds.sitemap(summaries).utf8)))
            files.append(("feed.xml", Array(feeds.atom(summaries, title: templates.strings.string("site_title", language)).utf8)))
        }
        return files
    }

    /// Everything the site-wide pages are made of: the summaries in order, the templates, the
    /// base URL, the feed date and reportgen's version.
    private func siteKey(_ records: [SiteManifest.ArticleRecord], templates: TemplateSet, baseURL: String?) -> String {
        var hasher = FNV1a()
        hasher.combine(ReportKitVersion.string)
        hasher.combine(baseURL ?? "")
        hasher.combine(options.sourceDateEpoch.map(String.init) ?? "")
        for name in templates.sources.keys.sorted() { hasher.combine(name); hasher.combine(templates.sources[name]!.text) }
        for record in records {
            record.forEachSummaryField { prefix, value in hasher.combine(bytes: value, prefix: prefix) }
        }
        return hasher.hexDigest
    }

    private func validatedBaseURL() throws(DiagnosticList) -> String? {
        guard let given = options.baseURL else { return nil }
        guard let normalised = SiteFeeds.normalise(baseURL: given) else {
            throw DiagnosticList([.error(.invalidBaseURL, file: nil, "--base-url must be an http(s) URL, got '\(given)'",
                hint: "for example --base-url https://example.org/briefings/")])
        }
        return normalised
    }
}

enum ReportJSON {
    static func encode(_ report: Report) throws(Diagnostic) -> [UInt8] {
        do {
            return try JSONWriter.encode(report)
        } catch {
            throw .error(.writeFailed, file: report.metadata.sourcePath, "cannot encode report.json: \(error)")
        }
    }
}

/// What a one-shot build leaves allocated on purpose (see `BuildOptions.freesMemoryAfterBuild`).
private final class LeftForExit {
    let values: [Any]
    init(_ values: [Any]) { self.values = values }
}
