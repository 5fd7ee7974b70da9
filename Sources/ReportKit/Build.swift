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
    public var fileOperations: FileOperations

    public init(inputs: [String], output: String, templates: String? = nil, strict: Bool = false,
                published: CalendarDay? = nil, entitiesFile: String? = nil, dryRun: Bool = false,
                baseURL: String? = nil, sourceDateEpoch: Int? = nil, fileOperations: FileOperations = .live) {
        self.inputs = inputs
        self.output = output
        self.templates = templates
        self.strict = strict
        self.published = published
        self.entitiesFile = entitiesFile
        self.dryRun = dryRun
        self.baseURL = baseURL
        self.sourceDateEpoch = sourceDateEpoch
        self.fileOperations = fileOperations
    }
}

public struct BuildResult: Sendable {
    public var reports: [ReportSummary]
    public var pagesWritten: Int
    public var diagnostics: [Diagnostic]
    public var failedArticles: Int

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

/// The build, as named steps read top to bottom: discover → load → understand → render → write.
public struct SiteBuild {
    public let options: BuildOptions
    /// Receives progress lines ("built slug (4 pages)") and warnings as they happen.
    public var log: @Sendable (String) -> Void

    public init(options: BuildOptions, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.options = options
        self.log = log
    }

    public func run() throws(DiagnosticList) -> BuildResult {
        // 1. Discover the articles and the theme.
        let files = try InputDiscovery.articleFiles(in: options.inputs)
        let templates: TemplateSet
        let understanding: Understanding
        var baseURL: String?
        if let given = options.baseURL {
            guard let normalised = SiteFeeds.normalise(baseURL: given) else {
                throw DiagnosticList([.error(.invalidBaseURL, file: nil, "--base-url must be an http(s) URL, got '\(given)'",
                    hint: "for example --base-url https://example.org/briefings/")])
            }
            baseURL = normalised
        }
        do {
            templates = try TemplateSet(overrideDirectory: options.templates)
            understanding = try Understanding(extraGazetteer: options.entitiesFile)
        } catch { throw DiagnosticList([error]) }

        var diagnostics: [Diagnostic] = []
        var reports: [Report] = []
        var slugOwners: [String: String] = [:]
        for file in files {
            do throws(Diagnostic) {
                // 2. Load: text → typed article.
                let loaded = try ArticleLoader().load(path: file)
                diagnostics += loaded.warnings
                loaded.warnings.forEach { log($0.description) }
                let article = loaded.article
                if let owner = slugOwners[article.metadata.slug] {
                    throw Diagnostic.error(.duplicateSlug, file: file, location: SourceLocation(line: 1, column: 1),
                        "slug '\(article.metadata.slug)' is already used by \(owner)",
                        hint: "give one of them another `slug:` in its front matter, or rename the file")
                }
                slugOwners[article.metadata.slug] = file
                // 3. Understand: article → facts.
                let (facts, warnings) = try understanding.facts(for: article, fallbackPublished: options.published)
                diagnostics += warnings
                warnings.forEach { log($0.description) }
                reports.append(Report(article: article, facts: facts))
            } catch {
                diagnostics.append(error)
                if options.strict { throw DiagnosticList(diagnostics.filter { $0.severity == .error }) }
            }
        }
        let failed = diagnostics.filter { $0.severity == .error }.count
        if reports.isEmpty {
            throw DiagnosticList(diagnostics.isEmpty
                ? [.error(.noArticles, file: nil, "no article to build")] : diagnostics)
        }

        // 4. Render every page before touching the output, so that a template error changes nothing.
        var outputFiles: [(String, [UInt8])] = []
        do throws(Diagnostic) {
            for report in SitePages.ordered(reports) {
                let pages = ReportPages(report: report, templates: templates, baseURL: baseURL)
                for page in try pages.render() {
                    outputFiles.append((page.path, Array(page.html.utf8)))
                }
                let slug = report.metadata.slug
                outputFiles.append(("\(slug)/report.json", try ReportJSON.encode(report)))
                do {
                    outputFiles.append(("\(slug)/timeline.json", try ReportData.timeline(report, describe: { pages.format.date($0) })))
                    outputFiles.append(("\(slug)/stakeholders.json", try ReportData.stakeholders(report)))
                } catch {
                    throw Diagnostic.error(.writeFailed, file: report.metadata.sourcePath, "cannot encode the data files: \(error)")
                }
            }
            let site = SitePages(templates: templates, baseURL: baseURL)
            let language = SitePages.siteLanguage(reports)
            let summaries = SitePages.ordered(reports).map(ReportSummary.init)
            outputFiles.append(("index.html", Array(try site.index(summaries, language: language).utf8)))
            outputFiles.append(("404.html", Array(try site.notFound(language: language).utf8)))
            outputFiles.append(("assets/style.css", Array(templates.stylesheet.utf8)))
            if let baseURL {
                let feeds = SiteFeeds(baseURL: baseURL, reports: summaries, sourceDateEpoch: options.sourceDateEpoch)
                outputFiles.append(("sitemap.xml", Array(feeds.sitemap(summaries).utf8)))
                outputFiles.append(("feed.xml", Array(feeds.atom(summaries, title: templates.strings.string("site_title", language)).utf8)))
            } else {
                let warning = Diagnostic.warning(.missingBaseURL, file: nil,
                    "no --base-url: sitemap.xml, feed.xml and canonical links need absolute URLs and were left out",
                    hint: "pass --base-url https://example.org/briefings/ when publishing")
                diagnostics.append(warning)
                log(warning.description)
            }
        } catch {
            throw DiagnosticList(diagnostics.filter { $0.severity == .error } + [error])
        }

        // 5. Write into a staging folder and swap it in.
        let summaries = SitePages.ordered(reports).map(ReportSummary.init)
        if !options.dryRun {
            let output = OutputFolder(path: options.output)
            do throws(Diagnostic) {
                let staging = try output.beginBuild()
                var writer = SiteWriter(root: staging, operations: options.fileOperations)
                do throws(Diagnostic) {
                    for (path, bytes) in outputFiles { try writer.write(path, bytes) }
                    try output.commit()
                } catch {
                    output.abandon()
                    throw error
                }
            } catch {
                throw DiagnosticList(diagnostics.filter { $0.severity == .error } + [error])
            }
        }
        for summary in summaries { log("built \(summary.slug) (4 pages) from \(summary.sourcePath)") }
        return BuildResult(reports: summaries, pagesWritten: options.dryRun ? 0 : outputFiles.count,
                           diagnostics: diagnostics, failedArticles: failed)
    }
}

enum ReportJSON {
    static func encode(_ report: Report) throws(Diagnostic) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(report)) + [10]
        } catch {
            throw .error(.writeFailed, file: report.metadata.sourcePath, "cannot encode report.json: \(error)")
        }
    }
}
