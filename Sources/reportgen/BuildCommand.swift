import ArgumentParser
import Foundation
import ReportKit

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build briefing pages for articles into a static site.",
        discussion: """
            Each article becomes <slug>/index.html (overview), timeline.html, stakeholders.html, paywall.html, \
            report.json, timeline.json and stakeholders.json. The output is a link to one of two \
            generations beside it; a build updates the other one, writing only what changed, and \
            swaps the link when everything succeeded: a failed or killed build leaves the \
            published site untouched.

            Examples:
              reportgen build                                  # articles/ -> site/
              reportgen build path/to/article.txt              # one article -> site/
              reportgen build articles/ --output public/ --base-url https://example.org/briefings/
            """
    )

    @Argument(help: "Article files (.txt, .md) or folders of articles.", completion: .file())
    var inputs: [String] = ["articles"]

    @Option(name: .shortAndLong, help: "Folder to write the site to.", completion: .directory)
    var output: String = "site"

    @Option(help: "Folder of templates that override the built-in theme file by file (default: ./templates when present).",
            completion: .directory)
    var templates: String?

    @Option(help: "Publication date (YYYY-MM-DD) used to resolve relative dates when an article's front matter has none.")
    var published: CalendarDay?

    @Option(help: "A YAML gazetteer of extra entities (name, kind, aliases, description) for every article.",
            completion: .file())
    var entities: String?

    @Option(help: "The absolute URL the site is published at (enables canonical links, sitemap.xml and feed.xml).")
    var baseURL: String?

    @Option(name: .shortAndLong, help: "Articles processed in parallel (default: one per core).")
    var jobs: Int?

    @Flag(help: "Rebuild every article and file, ignoring what earlier builds left.")
    var noCache = false

    @Flag(help: "Stop at the first article with an error instead of building the others.")
    var strict = false

    @Flag(help: "Load, understand and render, but write nothing.")
    var dryRun = false

    @Flag(name: .shortAndLong, help: "Print only warnings and errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print one line per report even for large builds.")
    var verbose = false

    @Flag(help: "After building, watch the articles and templates (polling once a second) and rebuild what changed; Ctrl-C stops.")
    var watch = false

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one article file or folder") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        guard watch else { return try buildOnce() }
        var last = WatchedFiles.fingerprint(inputs + [templates ?? "templates"] + (entities.map { [$0] } ?? []))
        do { try buildOnce() } catch let exit as ExitCode { if exit.rawValue != 1 { throw exit } }
        Console.out("watching \(inputs.joined(separator: ", ")) for changes (Ctrl-C to stop)")
        while true {
            sleep(1)
            let now = WatchedFiles.fingerprint(inputs + [templates ?? "templates"] + (entities.map { [$0] } ?? []))
            guard now != last else { continue }
            last = now
            // A failed build is reported and watching goes on: the published site is unchanged.
            do { try buildOnce() } catch let exit as ExitCode { if exit.rawValue != 1 { throw exit } }
        }
    }

    func buildOnce() throws {
        let start = Date()
        var templateFolder = templates
        if templateFolder == nil, FileManager.default.fileExists(atPath: "templates/layout.html") {
            templateFolder = "templates"
        }
        var options = BuildOptions(
            inputs: inputs, output: output, templates: templateFolder, strict: strict, published: published,
            entitiesFile: entities, dryRun: dryRun, baseURL: baseURL,
            sourceDateEpoch: ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int($0) },
            jobs: jobs, useCache: !noCache)
        // One build, then the process exits: no need to free what the build held.
        options.freesMemoryAfterBuild = watch
        let progress = Progress(enabled: !quiet && isatty(STDERR_FILENO) == 1)
        let lines = ReportLines(quiet: quiet, verbose: verbose)
        let build = SiteBuild(options: options, events: { event in
            switch event {
            case .diagnostic(let diagnostic):
                progress.clear()
                Console.error(diagnostic.description)
            case .articleDone(let done, let total):
                progress.update(done: done, total: total, since: start)
            case .built(let slug, let sourcePath, let pages, let reused):
                lines.add("built \(slug) (\(pages) pages\(reused ? ", unchanged" : "")) from \(sourcePath)")
            }
        })
        do {
            let result = try build.run()
            progress.clear()
            lines.flush(total: result.reportCount)
            let seconds = String(format: "%.2f", Date().timeIntervalSince(start))
            if !quiet {
                let count = result.reportCount
                var summary = "built \(count) report\(count == 1 ? "" : "s") (\(count * 4 + 2) pages, \(result.files) files) "
                summary += dryRun ? "in \(seconds) s, nothing written (dry run)" : "into \(output)/ in \(seconds) s"
                if !dryRun {
                    summary += ", \(result.unchangedArticles) unchanged; files: \(result.written) written, "
                        + "\(result.linked) linked, \(result.kept) kept"
                }
                if result.failedArticles > 0 { summary += ", \(result.failedArticles) failed" }
                Console.out(summary)
            }
            if result.failedArticles > 0 { throw ExitCode(1) }
        } catch let list as DiagnosticList {
            progress.clear()
            for diagnostic in list.diagnostics { Console.error(diagnostic.description) }
            Console.error("reportgen: build failed; \(output)/ was left as it was")
            throw ExitCode(1)
        }
    }
}

/// A one-line progress bar on a terminal, redrawn at most ten times a second.
final class Progress: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(enabled: Bool) { self.enabled = enabled }

    func update(done: Int, total: Int, since start: Date) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        let elapsed = now.timeIntervalSince(start)
        guard elapsed > 1, now.timeIntervalSince(lastDraw) > 0.1 || done == total else { return }
        lastDraw = now
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let rate = Double(done) / max(elapsed, 0.001)
        let left = rate > 0 ? Double(total - done) / rate : 0
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        FileHandle.standardError.write(Data(String(format: "\r[%@] %d/%d articles, %.0f/s, %.0f s left ", bar, done, total, rate, left).utf8))
        drawn = true
    }

    func clear() {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)); drawn = false }
    }
}

/// One line per report for small builds (or with --verbose); large builds print the summary only.
final class ReportLines: @unchecked Sendable {
    static let limit = 50
    private let quiet: Bool
    private let verbose: Bool
    private var lines: [String] = []

    init(quiet: Bool, verbose: Bool) {
        self.quiet = quiet
        self.verbose = verbose
    }

    /// The line is made only when it may be printed: quiet builds and builds of more than
    /// `limit` reports (without --verbose) print none, and a rebuild of 10,000 made 10,000.
    func add(_ line: @autoclosure () -> String) {
        guard !quiet, verbose || lines.count <= Self.limit else { return }
        lines.append(line())
    }

    func flush(total: Int) {
        guard !quiet, verbose || total <= Self.limit else { return }
        for line in lines { Console.out(line) }
    }
}

/// What `--watch` compares between polls: every file's path, size and modification time.
enum WatchedFiles {
    static func fingerprint(_ roots: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for root in roots {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else { continue }
            let files = isDirectory.boolValue
                ? (FileManager.default.subpaths(atPath: root) ?? []).map { (root as NSString).appendingPathComponent($0) } : [root]
            for file in files {
                guard let attributes = try? FileManager.default.attributesOfItem(atPath: file) else { continue }
                let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
                let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                result[file] = "\(size):\(modified)"
            }
        }
        return result
    }
}
