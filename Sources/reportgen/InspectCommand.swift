import ArgumentParser
import Foundation
import ReportKit

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print what reportgen understands of articles, without building a site.",
        discussion: """
            With --measure, reads the articles once, then loads and understands them on one thread \
            for at least two seconds and prints the throughput in MB of article text per second: \
            the extraction figure of bench/run.sh.
            """
    )

    @Argument(help: "Article files (.txt or .md) or folders of them.", completion: .file())
    var inputs: [String]

    @Flag(help: "Print the whole model as JSON (the same as report.json).")
    var json = false

    @Flag(help: "Measure extraction speed (load and understand, one thread) instead of printing.")
    var measure = false

    @Option(help: "Publication date (YYYY-MM-DD) for relative dates when the front matter has none.")
    var published: CalendarDay?

    @Option(help: "A YAML gazetteer of extra entities.", completion: .file())
    var entities: String?

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("give at least one article file or folder") }
        guard !(json && measure) else { throw ValidationError("--json and --measure cannot be combined") }
    }

    func run() throws {
        let files: [String]
        do { files = try InputDiscovery.articleFiles(in: inputs) } catch {
            error.diagnostics.forEach { Console.error($0.description) }
            throw ExitCode(1)
        }
        do throws(Diagnostic) {
            let understanding = try Understanding(extraGazetteer: entities)
            if measure {
                try measureThroughput(files, understanding: understanding)
                return
            }
            for file in files {
                let loaded = try ArticleLoader().load(path: file)
                loaded.warnings.forEach { Console.error($0.description) }
                let (facts, warnings) = try understanding.facts(for: loaded, fallbackPublished: published)
                warnings.forEach { Console.error($0.description) }
                let report = Report(article: loaded.article, facts: facts)
                if json {
                    Console.out(String(decoding: try! JSONWriter.encode(report).dropLast(), as: UTF8.self))
                } else {
                    Console.out(ReportDescription(report: report).text)
                }
            }
        } catch {
            Console.error(error.description)
            throw ExitCode(1)
        }
    }

    private func measureThroughput(_ files: [String], understanding: Understanding) throws(Diagnostic) {
        var articles: [(path: String, bytes: [UInt8])] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw .error(.unreadableFile, file: file, "cannot read the article")
            }
            articles.append((file, [UInt8](data)))
        }
        let megabytes = Double(articles.reduce(0) { $0 + $1.bytes.count }) / 1e6
        let clock = ContinuousClock()
        let start = clock.now
        var passes = 0
        repeat {
            for article in articles {
                let loaded = try ArticleLoader().load(bytes: article.bytes, path: article.path)
                _ = try understanding.facts(for: loaded, fallbackPublished: published)
            }
            passes += 1
        } while clock.now - start < .seconds(2)
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        Console.out(String(format: "%d articles, %.2f MB of text, %d passes in %.2f s: %.2f MB/s per core (load and understand)",
                           articles.count, megabytes, passes, seconds, megabytes * Double(passes) / seconds))
    }
}
