/// Builds the timeline's events: one per date in a sentence (the clause around the date when a
/// sentence holds several), and undated events for announcements and deals stated without a
/// date, each with the entities taking part, its status and its evidence sentence.
struct EventBuilder {
    let directory: EntityDirectory

    static let eventStems: [String] = [
        "annonc", "devoil", "lanc", "presente", "signature", "rachet", "acqui", "levee", "investi", "conclu", "inaugur",
        "announc", "unveil", "launch", "signed", "acquir", "raised", "invested", "introduc", "releas", "complet",
        "renegoc", "approuv", "approv", "fined", "condamn", "bought", "valued", "valoris",
    ]

    /// Rejects at once most words whose first four letters start no stem.
    static let eventStemFilter = PrefixFilter(stems: eventStems)

    /// A word with fewer scalars than the shortest stem has bytes cannot start with a stem (folding
    /// keeps one scalar a scalar): such words, half of most sentences, are not looked at.
    private static let shortestStem = eventStems.map(\.utf8.count).min() ?? 0

    /// By index: a closure over the tokens copied each one. The statics are read once, not
    /// through their one-time initialisation check at every word.
    private static func hasEventWord(_ tokens: [Token]) -> Bool {
        let filter = eventStemFilter, stems = eventStems, shortest = shortestStem
        for index in tokens.indices where tokens[index].scalarCount >= shortest {
            let folded = tokens[index].folded
            if filter.mightStart(folded) && stems.contains(where: { folded.hasPrefix($0) }) { return true }
        }
        return false
    }

    func events(analyses: [SentenceAnalysis], dates: [DateMention], amounts: [Amount], claims: [Claim]) -> [Event] {
        var statusBySentence = SentenceKeyed<Status>(sentenceCount: analyses.count)
        for claim in claims {
            statusBySentence.update(claim.sentence, initial: claim.status) { $0 = max($0, claim.status) }
        }
        var datesBySentence = SentenceKeyed<[Int]>(sentenceCount: analyses.count)
        for index in dates.indices { datesBySentence.update(dates[index].sentence, initial: []) { $0.append(index) } }
        var amountSentences = SentenceKeyed<Bool>(sentenceCount: analyses.count)
        for amount in amounts { amountSentences[amount.sentence] = true }
        var events: [Event] = []
        for analysis in analyses {
            let id = analysis.sentence.id
            let participants = participantIDs(analysis)
            let status = statusBySentence[id] ?? .asserted
            if let indices = datesBySentence[id] {
                for index in indices {
                    let summary = indices.count == 1 ? analysis.sentence.text : clause(of: analysis.sentence.text, around: dates[index].text)
                    events.append(Event(id: .identifier("ev", events.count + 1), summary: shorten(summary), date: index,
                                        participants: participants, status: status, sentence: id))
                }
            } else if !participants.isEmpty, amountSentences[id] != nil || Self.hasEventWord(analysis.tokens) {
                events.append(Event(id: .identifier("ev", events.count + 1), summary: shorten(analysis.sentence.text), date: nil,
                                    participants: participants, status: status, sentence: id))
            }
        }
        return events
    }

    private func participantIDs(_ analysis: SentenceAnalysis) -> [String] {
        // (Most sentences name no one: reserving room for none would still allocate.)
        guard !analysis.primaryMentions.isEmpty else { return [] }
        var seen: [String] = []
        seen.reserveCapacity(analysis.primaryMentions.count)
        for mention in analysis.primaryMentions {
            guard let kind = directory.kind(ofDraft: mention.entity), kind != .place,
                  let id = directory.id(ofDraft: mention.entity), !seen.contains(id) else { continue }
            seen.append(id)
        }
        return seen
    }

    /// The part of a sentence between separators that holds `text`.
    private func clause(of sentence: String, around text: String) -> String {
        let scalars = Array(sentence.unicodeScalars), needle = Array(text.unicodeScalars)
        guard !needle.isEmpty, needle.count <= scalars.count,
              let found = (0...(scalars.count - needle.count)).first(where: { scalars[$0..<$0 + needle.count].elementsEqual(needle) })
        else { return sentence }
        let separators: Set<Unicode.Scalar> = [";", ",", ":"]
        var start = found
        while start > 0, !separators.contains(scalars[start - 1]) { start -= 1 }
        var end = found + needle.count
        while end < scalars.count, !separators.contains(scalars[end]) { end += 1 }
        let piece = String(scalars: scalars[start..<end]).trimmingWhitespace()
        return countWords(piece) >= 5 ? piece : sentence
    }

    private func shorten(_ text: String) -> String {
        // No more bytes than the limit means no more characters: most sentences are not counted.
        guard text.utf8.count > 240, text.count > 240 else { return text }
        let cut = text.prefix(240)
        return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + "…"
    }
}
