import ArgumentParser
import ReportKit

struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Delete a built site and the generations and cache beside it, so that the next build starts cold."
    )

    @Option(name: .shortAndLong, help: "The site folder to delete.", completion: .directory)
    var output: String = "site"

    func run() throws {
        do throws(Diagnostic) {
            try OutputSite(path: output).clean()
        } catch {
            Console.error(error.description)
            throw ExitCode(1)
        }
    }
}
