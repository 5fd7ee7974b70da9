import ArgumentParser
import Foundation
import ReportKit

@main
struct ReportgenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reportgen",
        abstract: "Turn news articles into static briefing sites: overview, timeline, stakeholders, paywall note.",
        discussion: """
            Articles are plain text (.txt: headline on the first line, one paragraph per line) or \
            Markdown (.md), UTF-8, with optional YAML front matter (title, slug, source, url, \
            published, language, author, entities).
            """,
        version: ReportKitVersion.string,
        subcommands: [BuildCommand.self, InspectCommand.self, CleanCommand.self],
        defaultSubcommand: BuildCommand.self
    )
}

/// Prints diagnostics as a compiler does, on standard error.
enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}

extension CalendarDay: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
}
