/// Finds direct quotes (« », “ ”, " ") of three words or more and who the text says spoke
/// them: "…», a déclaré Amy Hood", "said Huang", "Selon X : « … »", and "a-t-il ajouté" or
/// "he added" for the previous speaker. An unnamed source ("indique un communiqué") gives no speaker.
struct QuoteRecognizer {
    let directory: EntityDirectory

    static let speechVerbs: WordSet = [
        "declare", "dit", "affirme", "explique", "ajoute", "assure", "estime", "indique", "souligne", "precise", "confie",
        "martele", "observe", "resume", "poursuit", "conclut", "reconnait", "admet", "previent", "commente", "insiste",
        "note", "rappelle", "ecrit", "lance", "juge", "raconte", "detaille", "annonce", "confirme", "temoigne", "avance",
        "declarait", "expliquait", "ajoutait", "selon", "a-t-il", "a-t-elle", "ont-ils", "estime-t-il",
        "estime-t-elle", "ajouter", "poursuivre", "conclure", "preciser", "insister", "explique-t-il", "explique-t-elle", "ajoute-t-il", "ajoute-t-elle", "affirme-t-il",
        "affirme-t-elle", "souligne-t-il", "souligne-t-elle", "precise-t-il", "precise-t-elle", "declare-t-il", "declare-t-elle",
        "said", "says", "told", "added", "explained", "noted", "wrote", "writes", "stated", "argued", "claimed", "warned",
        "insisted", "continued", "remarked", "according", "tweeted", "posted", "announced", "asserted", "commented",
        "concluded", "acknowledged", "admitted", "observed", "predicted", "replied", "responded", "emphasized",
    ]
    static let pronouns: WordSet = ["il", "elle", "ils", "elles", "he", "she", "they", "a-t-il", "a-t-elle",
                                        "estime-t-il", "estime-t-elle", "explique-t-il", "explique-t-elle", "ajoute-t-il",
                                        "ajoute-t-elle", "affirme-t-il", "affirme-t-elle", "souligne-t-il", "souligne-t-elle",
                                        "precise-t-il", "precise-t-elle", "declare-t-il", "declare-t-elle"]
    /// Verbs that carry on the previous speaker's words without naming them.
    static let continuations: WordSet = ["ajouter", "poursuivre", "conclure", "preciser", "insister", "rencherir", "encherir", "continuer"]
    static let unnamedSources: WordSet = ["communique", "statement", "porte-parole", "spokesperson", "source", "sources"]

    /// A quotation opened in one sentence and not yet closed (quotes can run over several
    /// sentences and paragraphs, and a capture can cut one off).
    private struct OpenQuote {
        var text: String
        var sentence: Int
        var open: Int
    }

    /// The first opening « or “ that `pairs` does not close, and the first closing » or ” that
    /// closes nothing in it, in one pass that passes over every scalar below U+00AB at once.
    static func unmatchedMarks(_ scalars: [Unicode.Scalar], pairs: [Int: Int]) -> (open: Int?, close: Int?) {
        var open: Int?, close: Int?
        var closes: Set<Int>?
        for (index, scalar) in scalars.enumerated() where scalar.value >= 0xAB {
            switch scalar {
            case "«", "\u{201C}":
                if open == nil && pairs[index] == nil { open = index }
            case "»", "\u{201D}":
                if close == nil {
                    if closes == nil { closes = Set(pairs.values) }
                    if !closes!.contains(index) { close = index }
                }
            default:
                continue
            }
            if open != nil && close != nil { break }
        }
        return (open, close)
    }

    /// A speech verb, or "après" in "d'après" (the tokenizer cuts the elision off, so the two
    /// words are two tokens).
    static func isSpeechCue(_ tokens: [Token], at index: Int) -> Bool {
        if speechVerbs.contains(tokens[index]) { return true }
        return tokens[index].folded == "apres" && index > 0 && tokens[index - 1].folded == "d'"
    }

    func quotes(in analyses: [SentenceAnalysis]) -> [Quote] {
        var result: [Quote] = []
        var lastSpeaker: String?
        var lastPerson: String?
        var pending: OpenQuote?
        func finish(_ text: String, speaker: (String?, String?), sentence: String) {
            guard countWords(text) >= 3 else { return }
            if let id = speaker.0 { lastSpeaker = id }
            result.append(Quote(text: text.trimmingWhitespace(), speaker: speaker.0, attribution: speaker.1, sentence: sentence))
        }
        for (position, analysis) in analyses.enumerated() {
            let scalars = analysis.scalars
            let pairs = analysis.quotePairs
            func slice(_ range: Range<Int>) -> String { String(scalars: scalars[range]) }
            let (unmatchedOpen, unmatchedClose) = analysis.hasQuotationMarks ? Self.unmatchedMarks(scalars, pairs: pairs) : (nil, nil)
            var consumedUntil = -1
            if var open = pending {
                if let close = unmatchedClose {
                    open.text += " " + slice(0..<close)
                    let opener = analyses[open.sentence]
                    var speaker = attribute(analysis, open: nil, close: close, lastSpeaker: lastSpeaker, lastPerson: lastPerson)
                    if speaker.0 == nil && speaker.1 == nil {
                        speaker = attribute(opener, open: open.open, close: nil, lastSpeaker: lastSpeaker, lastPerson: lastPerson)
                    }
                    finish(open.text, speaker: speaker, sentence: opener.sentence.id)
                    pending = nil
                    consumedUntil = close
                } else {
                    open.text += " " + analysis.sentence.text
                    pending = open
                    continue
                }
            }
            for (open, close) in (pairs.isEmpty ? [] : pairs.sorted(by: { $0.key < $1.key })) where open > consumedUntil {
                consumedUntil = close
                let inner = slice((open + 1)..<close)
                finish(inner, speaker: attribute(analysis, open: open, close: close, lastSpeaker: lastSpeaker, lastPerson: lastPerson),
                       sentence: analysis.sentence.id)
            }
            if let open = unmatchedOpen, open > consumedUntil {
                pending = OpenQuote(text: slice((open + 1)..<scalars.count), sentence: position, open: open)
            }
            if let person = analysis.primaryMentions.last(where: { entityKind($0) == .person }) {
                lastPerson = directory.id(ofDraft: person.entity)
            }
        }
        if let open = pending {
            // Cut off by the end of the capture: attributed from what precedes it.
            let opener = analyses[open.sentence]
            finish(open.text, speaker: attribute(opener, open: open.open, close: nil, lastSpeaker: lastSpeaker, lastPerson: lastPerson),
                   sentence: opener.sentence.id)
        }
        return result
    }

    private func entityKind(_ mention: EntityMention) -> Entity.Kind? {
        directory.kind(ofDraft: mention.entity)
    }

    /// Who said the quote between `open` and `close` (scalar offsets; nil when it starts before
    /// or ends after this sentence).
    private func attribute(_ analysis: SentenceAnalysis, open: Int?, close: Int?, lastSpeaker: String?, lastPerson: String?) -> (String?, String?) {
        let tokens = analysis.tokens
        let speakers = analysis.primaryMentions.filter { [.person, .organization, .media, .regulator].contains(entityKind($0)) }
        let afterIndex = close.map { analysis.firstToken(after: $0) } ?? tokens.count
        let beforeIndex = open.map { analysis.lastToken(endingBy: $0) } ?? -1

        // After the quote: "», a déclaré Amy Hood", "said Huang", "Huang said", "a-t-il assuré".
        let window = afterIndex..<min(tokens.count, afterIndex + 9)
        if let verb = window.first(where: { Self.isSpeechCue(tokens, at: $0) }) {
            if window.prefix(while: { $0 <= verb + 1 }).contains(where: { Self.pronouns.contains(tokens[$0]) }),
               !speakers.contains(where: { window.contains($0.tokens.lowerBound) && $0.tokens.lowerBound < verb }) {
                return (lastSpeaker ?? lastPerson, "pronoun after the quote")
            }
            let named = speakers.first { $0.tokens.lowerBound >= afterIndex && $0.tokens.lowerBound <= verb + 5 }
            if let named, let id = directory.id(ofDraft: named.entity) {
                // "said a spokesperson for X": an unnamed source between the verb and the name.
                let between = min(verb, named.tokens.lowerBound)..<max(verb, named.tokens.lowerBound)
                let unnamedFirst = between.contains { Self.unnamedSources.contains(tokens[$0]) }
                if !unnamedFirst { return (id, tokens[verb].text + " " + named.surface) }
            }
            if (verb..<window.upperBound).contains(where: { Self.unnamedSources.contains(tokens[$0]) }) {
                return (nil, "unnamed source")
            }
        }
        // Before the quote: "Selon Sam Altman, « … »", "Amy Hood a déclaré : « … »", "X told Reuters: "…"".
        if beforeIndex >= 0 {
            let clauseStart = max(0, beforeIndex - 14)
            let cue = (clauseStart...beforeIndex).last { Self.isSpeechCue(tokens, at: $0) || tokens[$0].text == ":" }
            if cue != nil || beforeIndex < 14 {
                let candidates = speakers.filter { $0.tokens.upperBound <= beforeIndex + 1 }
                // "Et d'ajouter : « … »": the speaker of the previous quote goes on.
                if candidates.isEmpty, let cue, Self.continuations.contains(tokens[cue]) || (cue > 0 && Self.continuations.contains(tokens[cue - 1])) {
                    return (lastSpeaker ?? lastPerson, "continues the previous speaker")
                }
                if let person = candidates.last(where: { entityKind($0) == .person }) ?? (cue != nil ? candidates.last : nil),
                   let id = directory.id(ofDraft: person.entity) {
                    return (id, "before the quote: \(person.surface)")
                }
            }
        }
        return (nil, nil)
    }
}
