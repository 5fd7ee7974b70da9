/// Marks sentences whose statement is reported ("selon le rapport", "according to"), from an
/// anonymous source ("une personne au fait…", "people familiar with"), or hedged (French
/// conditional, "reportedly", "could"), with the named source when there is one. Words inside
/// quotation marks are the speaker's, not the article's, and do not count as hedging.
struct ClaimRecognizer {
    let directory: EntityDirectory

    func claims(in analyses: [SentenceAnalysis]) -> [Claim] {
        var result: [Claim] = []
        var lastMedia: String?
        for analysis in analyses {
            let tokens = analysis.tokens
            let quoted = quotedTokens(analysis)
            var cues: [String] = []
            var status: Status?
            var source: String?
            func matches(_ words: [String], at index: Int) -> Bool {
                tokens.hasWords(words, at: index)
            }
            for index in tokens.indices {
                // Most words start no cue: digests of the word and of the two words reject them
                // (asked of the array's token, not of a copy of its word).
                guard (ClaimLexicon.firstWordFilter.mightContain(tokens[index].hash) && ClaimLexicon.openingFilter.mayOpen(tokens, at: index)
                       && ClaimLexicon.firstWords.contains(tokens[index].folded))
                        || isFrenchConditional(tokens[index].folded),
                      !quoted.contains(index) else { continue }
                let word = tokens[index].folded
                if let phrase = ClaimLexicon.anonymous.first(where: { matches($0, at: index) }) {
                    cues.append(analysis.text(index..<index + phrase.count))
                    status = .anonymous
                }
                if let phrase = ClaimLexicon.reportedBefore.first(where: { matches($0, at: index) }),
                   !["lequel", "laquelle", "lesquels", "lesquelles", "which", "whom"].contains(tokens[safe: index + phrase.count]?.folded ?? "") {
                    cues.append(analysis.text(index..<index + phrase.count))
                    if status == nil { status = .reported }
                    let after = index + phrase.count
                    let reportNoun = ["rapport", "report", "journal", "media", "article", "quotidien", "enquete", "story"]
                    if ["le", "la", "ce", "cette", "the", "this", "l'"].contains(tokens[safe: after]?.folded ?? ""),
                       reportNoun.contains(tokens[safe: after + 1]?.folded ?? "") {
                        // "selon le rapport de X" names X; "selon le rapport" refers to the outlet named before.
                        let linked = ["de", "d'", "du", "of"].contains(tokens[safe: after + 2]?.folded ?? "")
                        let named = linked ? analysis.primaryMentions.first { $0.tokens.lowerBound == after + 3 } : nil
                        source = source ?? named.flatMap { directory.id(ofDraft: $0.entity) } ?? lastMedia
                    } else if let named = analysis.primaryMentions.first(where: { $0.tokens.lowerBound >= after && $0.tokens.lowerBound <= after + 2 }) {
                        source = source ?? directory.id(ofDraft: named.entity)
                    }
                }
                if ClaimLexicon.reportedAfter.contains(word),
                   let named = analysis.primaryMentions.last(where: { $0.tokens.upperBound <= index && $0.tokens.upperBound >= index - 1 }),
                   kind(named) == .media {
                    cues.append(analysis.text(named.tokens.lowerBound..<index + 1))
                    if status == nil { status = .reported }
                    source = source ?? directory.id(ofDraft: named.entity)
                }
                if ClaimLexicon.hedgedWords.contains(word) || isFrenchConditional(word) {
                    cues.append(tokens[index].text)
                    if status != .anonymous { status = .hedged }
                }
                if let phrase = ClaimLexicon.hedgedPhrases.first(where: { matches($0, at: index) }) {
                    cues.append(analysis.text(index..<index + phrase.count))
                    if status != .anonymous { status = .hedged }
                }
            }
            if let media = analysis.primaryMentions.last(where: { kind($0) == .media }) { lastMedia = directory.id(ofDraft: media.entity) }
            if let status {
                result.append(Claim(sentence: analysis.sentence.id, status: status, source: source, cues: cues))
            }
        }
        return result
    }

    private func kind(_ mention: EntityMention) -> Entity.Kind? {
        directory.kind(ofDraft: mention.entity)
    }

    /// "travaillerait", "pourraient", "aurait" — the French conditional of reported speech.
    private func isFrenchConditional(_ word: String) -> Bool {
        // The ending first, on bytes: this is asked for every word of every sentence.
        let bytes = word.utf8
        guard bytes.count >= 5, word.lastUTF8Byte == UInt8(ascii: "t"), word.hasSuffix("rait") || word.hasSuffix("raient") else { return false }
        return word.count >= 5 && !ClaimLexicon.notConditional.contains(word)
    }

    private func quotedTokens(_ analysis: SentenceAnalysis) -> Set<Int> {
        var result = Set<Int>()
        for (open, close) in analysis.quotePairs {
            var index = analysis.firstToken(after: open)
            while index < analysis.tokens.count, analysis.tokens[index].end <= close { result.insert(index); index += 1 }
        }
        return result
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
