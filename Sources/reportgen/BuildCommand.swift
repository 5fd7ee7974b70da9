import ArgumentParser
import Foundation
import ReportKit

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build briefing pages for articles into a static site.",
        discussion: """
            Each article becomes <slug>/index.html (overview), timeline/, stakeholders/, paywall/ \
            and report.json. The site is built in a staging folder and swapped in only when \
            everything succeeded: a failed build leaves the previous site untouched.

            Examples:
              reportgen build                                  # articles/ -> site/
              reportgen build path/to/article.txt              # one article -> site/
              reportgen build articles/ --output public/
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

    @Flag(help: "Stop at the first article with an error instead of building the others.")
    var strict = false

    @Flag(help: "Load, understand and render, but write nothing.")
    var dryRun = false

    @Flag(name: .shortAndLong, help: "Print only warnings and errors.")
    var quiet = false

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one article file or folder") }
    }

    func run() throws {
        let start = Date()
        var templateFolder = templates
        if templateFolder == nil, FileManager.default.fileExists(atPath: "templates/layout.html") {
            templateFolder = "templates"
        }
        let quiet = self.quiet
        let options = BuildOptions(inputs: inputs, output: output, templates: templateFolder,
                                   strict: strict, published: published, entitiesFile: entities, dryRun: dryRun,
                                   baseURL: baseURL,
                                   sourceDateEpoch: ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int($0) })
        let build = SiteBuild(options: options, log: { line in
            if line.contains(": warning: ") || line.contains(": error: ") { Console.error(line) }
            else if !quiet { Console.out(line) }
        })
        do {
            let result = try build.run()
            for error in result.errors { Console.error(error.description) }
            let seconds = Date().timeIntervalSince(start)
            if !quiet {
                let target = dryRun ? "(dry run, nothing written)" : "into \(output)/"
                Console.out("built \(result.reports.count) report\(result.reports.count == 1 ? "" : "s") "
                    + "(\(result.pagesWritten) files) \(target) in \(String(format: "%.2f", seconds)) s"
                    + (result.failedArticles > 0 ? ", \(result.failedArticles) failed" : ""))
            }
            if result.failedArticles > 0 { throw ExitCode(1) }
        } catch let list as DiagnosticList {
            for diagnostic in list.diagnostics { Console.error(diagnostic.description) }
            Console.error("reportgen: build failed; \(output)/ was left as it was")
            throw ExitCode(1)
        }
    }
}
