import ArgumentParser
import Foundation
import ReportKit

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print what reportgen understands of one article, without building a site."
    )

    @Argument(help: "The article file (.txt or .md).", completion: .file())
    var file: String

    @Flag(help: "Print the whole model as JSON (the same as report.json).")
    var json = false

    @Option(help: "Publication date (YYYY-MM-DD) for relative dates when the front matter has none.")
    var published: CalendarDay?

    @Option(help: "A YAML gazetteer of extra entities.", completion: .file())
    var entities: String?

    func run() throws {
        do throws(Diagnostic) {
            let loaded = try ArticleLoader().load(path: file)
            loaded.warnings.forEach { Console.error($0.description) }
            let (facts, warnings) = try Understanding(extraGazetteer: entities)
                .facts(for: loaded.article, fallbackPublished: published)
            warnings.forEach { Console.error($0.description) }
            let report = Report(article: loaded.article, facts: facts)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                Console.out(String(decoding: try! encoder.encode(report), as: UTF8.self))
            } else {
                Console.out(ReportDescription(report: report).text)
            }
        } catch {
            Console.error(error.description)
            throw ExitCode(1)
        }
    }
}
