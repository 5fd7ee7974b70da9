import Foundation
import Testing
@testable import ReportKit

/// The user's article (read from ../shared, never copied): what its briefing must show.
@Suite("The seed article's timeline and stakeholder map")
struct SeedUnderstandingTests {
    func seedReport(published: CalendarDay? = nil) throws -> Report? {
        guard FileManager.default.fileExists(atPath: seedPath) else {
            print("skipped: \(seedPath) is not there")
            return nil
        }
        let article = try ArticleLoader().load(path: seedPath).article
        let (facts, _) = try Understanding(extraGazetteer: nil).facts(for: article, fallbackPublished: published)
        return Report(article: article, facts: facts)
    }

    @Test("the timeline has the dated, relative and undated events")
    func timeline() throws {
        guard let report = try seedReport() else { return }
        func event(dated value: String?) -> Event? {
            report.events.first { $0.date.map { report.dates[$0].value } == value }
        }
        #expect(event(dated: "2019/2023")?.summary.contains("10 milliards") == true)
        #expect(event(dated: "2025-01") != nil)
        #expect(report.dates.contains { $0.value == "2030" && $0.bound == .until })
        let lastMonth = try #require(report.dates.firstIndex { $0.text.lowercased() == "le mois dernier" })
        #expect(report.dates[lastMonth].value == nil && report.dates[lastMonth].relative)
        #expect(report.events.contains { $0.date == lastMonth && $0.summary.contains("o1") && $0.summary.contains("Copilot") })
        let stargate = report.events.filter { $0.date == nil && $0.summary.contains("Stargate") && $0.summary.contains("500 milliards") }
        #expect(stargate.count == 1)
        #expect(report.amounts.contains { $0.value == 5e11 && $0.currency == "USD" })
    }

    @Test("a publication date resolves 'le mois dernier'")
    func resolved() throws {
        guard let report = try seedReport(published: CalendarDay(year: 2025, month: 2, day: 7)) else { return }
        #expect(report.dates.first { $0.text.lowercased() == "le mois dernier" }?.value == "2025-01")
    }

    @Test("the stakeholder map has the actors, roles and typed relations")
    func stakeholders() throws {
        guard let report = try seedReport() else { return }
        let names = Set(report.entities.map(\.name))
        for expected in ["Microsoft", "OpenAI", "Anthropic", "Alphabet", "DeepSeek", "Meta", "xAI", "SoftBank", "Oracle",
                         "The Information", "Amy Hood", "Sam Altman", "Elon Musk", "Copilot", "o1", "MAI", "Phi", "Azure",
                         "ChatGPT", "Stargate"] {
            #expect(names.contains(expected), "\(expected)")
        }
        #expect(report.entities.first { $0.name == "Amy Hood" }?.role == "directrice financière de Microsoft")
        #expect(report.entities.first { $0.name == "Sam Altman" }?.role == "PDG d'OpenAI")
        #expect(report.entities.first { $0.name == "The Information" }?.kind == .media)
        let id = Dictionary(report.entities.map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first })
        func related(_ source: String, _ kind: Relation.Kind, _ target: String) -> Bool {
            report.relations.contains { $0.source == id[source] && $0.kind == kind && $0.target == id[target] }
        }
        #expect(related("Microsoft", .investsIn, "OpenAI"))
        #expect(related("OpenAI", .partnersWith, "SoftBank"))
        #expect(related("OpenAI", .partnersWith, "Oracle"))
        #expect(report.quotes.first.flatMap { quote in report.entities.first { $0.id == quote.speaker }?.name } == "Amy Hood")
        #expect(report.claims.contains { $0.sentence == "s2" && $0.status == .anonymous })
    }
}
