/// Finds direct quotes (« », “ ”, " ") of three words or more and who the text says spoke
/// them: "…», a déclaré Amy Hood", "said Huang", "Selon X : « … »", and "a-t-il ajouté" or
/// "he added" for the previous speaker. An unnamed source ("indique un communiqué") gives no speaker.
struct QuoteRecognizer {
    let entities: [Entity]
    let idByDraft: [Int: String]

    static let speechVerbs: Set<String> = [
        "declare", "dit", "affirme", "explique", "ajoute", "assure", "estime", "indique", "souligne", "precise", "confie",
        "martele", "observe", "resume", "poursuit", "conclut", "reconnait", "admet", "previent", "commente", "insiste",
        "note", "rappelle", "ecrit", "lance", "juge", "raconte", "detaille", "annonce", "confirme", "temoigne", "avance",
        "declarait", "expliquait", "ajoutait", "selon", "d'apres", "a-t-il", "a-t-elle", "ont-ils", "estime-t-il",
        "estime-t-elle", "explique-t-il", "explique-t-elle", "ajoute-t-il", "ajoute-t-elle", "affirme-t-il",
        "affirme-t-elle", "souligne-t-il", "souligne-t-elle", "precise-t-il", "precise-t-elle", "declare-t-il", "declare-t-elle",
        "said", "says", "told", "added", "explained", "noted", "wrote", "writes", "stated", "argued", "claimed", "warned",
        "insisted", "continued", "remarked", "according", "tweeted", "posted", "announced", "asserted", "commented",
        "concluded", "acknowledged", "admitted", "observed", "predicted", "replied", "responded", "emphasized",
    ]
    static let pronouns: Set<String> = ["il", "elle", "ils", "elles", "he", "she", "they", "a-t-il", "a-t-elle",
                                        "estime-t-il", "estime-t-elle", "explique-t-il", "explique-t-elle", "ajoute-t-il",
                                        "ajoute-t-elle", "affirme-t-il", "affirme-t-elle", "souligne-t-il", "souligne-t-elle",
                                        "precise-t-il", "precise-t-elle", "declare-t-il", "declare-t-elle"]
    static let unnamedSources: Set<String> = ["communique", "statement", "porte-parole", "spokesperson", "source", "sources"]

    func quotes(in analyses: [SentenceAnalysis]) -> [Quote] {
        var result: [Quote] = []
        var lastSpeaker: String?
        var lastPerson: String?
        for analysis in analyses {
            let scalars = Array(analysis.sentence.text.unicodeScalars)
            let pairs = SentenceSplitter.matchingQuotes(scalars).sorted { $0.key < $1.key }
            var consumedUntil = -1
            for (open, close) in pairs where open > consumedUntil {
                consumedUntil = close
                let inner = String(String.UnicodeScalarView(scalars[(open + 1)..<close])).trimmingWhitespace()
                guard countWords(inner) >= 3 else { continue }
                let (speaker, how) = attribute(analysis, open: open, close: close, lastSpeaker: lastSpeaker, lastPerson: lastPerson)
                if let speaker { lastSpeaker = speaker }
                result.append(Quote(text: inner, speaker: speaker, attribution: how, sentence: analysis.sentence.id))
            }
            if let person = analysis.primaryMentions.last(where: { entityKind($0) == .person }) {
                lastPerson = idByDraft[person.entity]
            }
        }
        return result
    }

    private func entityKind(_ mention: EntityMention) -> Entity.Kind? {
        idByDraft[mention.entity].flatMap { id in entities.first { $0.id == id }?.kind }
    }

    private func attribute(_ analysis: SentenceAnalysis, open: Int, close: Int, lastSpeaker: String?, lastPerson: String?) -> (String?, String?) {
        let tokens = analysis.tokens
        let speakers = analysis.primaryMentions.filter { [.person, .organization, .media, .regulator].contains(entityKind($0)) }
        let afterIndex = tokens.firstIndex { $0.start > close } ?? tokens.count
        let beforeIndex = tokens.lastIndex { $0.end <= open } ?? -1

        // After the quote: "», a déclaré Amy Hood", "said Huang", "Huang said", "a-t-il assuré".
        let window = afterIndex..<min(tokens.count, afterIndex + 9)
        if let verb = window.first(where: { Self.speechVerbs.contains(tokens[$0].folded) }) {
            if window.prefix(while: { $0 <= verb + 1 }).contains(where: { Self.pronouns.contains(tokens[$0].folded) }),
               !speakers.contains(where: { window.contains($0.tokens.lowerBound) && $0.tokens.lowerBound < verb }) {
                return (lastSpeaker ?? lastPerson, "pronoun after the quote")
            }
            let named = speakers.first { $0.tokens.lowerBound >= afterIndex && $0.tokens.lowerBound <= verb + 5 }
            if let named, let id = idByDraft[named.entity] {
                let unnamedFirst = (verb..<named.tokens.lowerBound).contains { Self.unnamedSources.contains(tokens[$0].folded) }
                if !unnamedFirst { return (id, tokens[verb].text + " " + named.surface) }
            }
            if (verb..<window.upperBound).contains(where: { Self.unnamedSources.contains(tokens[$0].folded) }) {
                return (nil, "unnamed source")
            }
        }
        // Before the quote: "Selon Sam Altman, « … »", "Amy Hood a déclaré : « … »", "X told Reuters: "…"".
        if beforeIndex >= 0 {
            let clauseStart = max(0, beforeIndex - 14)
            let cue = (clauseStart...beforeIndex).last { Self.speechVerbs.contains(tokens[$0].folded) || tokens[$0].text == ":" }
            if cue != nil || beforeIndex < 14 {
                let candidates = speakers.filter { $0.tokens.upperBound <= beforeIndex + 1 }
                if let person = candidates.last(where: { entityKind($0) == .person }) ?? (cue != nil ? candidates.last : nil),
                   let id = idByDraft[person.entity] {
                    return (id, "before the quote: \(person.surface)")
                }
            }
        }
        return (nil, nil)
    }
}
