/// Finds typed, directed relations between stakeholders: a cue word between two mentions of
/// the same clause ("Microsoft a investi … dans OpenAI", "OpenAI s'est allié à SoftBank et
/// Oracle"), possessives ("le modèle o1 d'OpenAI" → OpenAI develops o1), roles (a person works
/// for the organisation of their title) and outlets that report on the subjects of a sentence.
/// Two organisations in one sentence with nothing better known are "mentioned with" each other.
struct RelationRecognizer {
    let directory: EntityDirectory
    private var entities: [Entity] { directory.entities }

    private func entity(_ mention: EntityMention) -> Entity? {
        directory.entity(ofDraft: mention.entity)
    }

    func relations(in analyses: [SentenceAnalysis], claims: [Claim]) -> [Relation] {
        var statusBySentence = SentenceKeyed<Claim>(sentenceCount: analyses.count)
        for claim in claims where statusBySentence[claim.sentence] == nil { statusBySentence[claim.sentence] = claim }
        var result: [Relation] = []
        var seen: Set<String> = []
        func add(_ source: String, _ target: String, _ kind: Relation.Kind, _ sentence: String, _ cue: String?) {
            guard source != target else { return }
            let key = RelationLexicon.symmetric.contains(kind) ? [source, target].sorted().joined(separator: "|") + kind.rawValue
                                                                : "\(source)|\(target)|\(kind.rawValue)"
            guard !seen.contains(key) else { return }
            seen.insert(key)
            result.append(Relation(source: source, target: target, kind: kind,
                                   status: statusBySentence[sentence]?.status ?? .asserted, sentence: sentence, cue: cue))
        }

        for analysis in analyses {
            let tokens = analysis.tokens
            let mentions = analysis.primaryMentions.filter { directory.kind(ofDraft: $0.entity).map { $0 != .place } ?? false }
            let sentence = analysis.sentence.id
            var typedPairs = 0
            // A cue relates two mentions: a sentence with fewer has none to find.
            for index in tokens.indices where mentions.count >= 2 {
                // Most words are no cue: asked of the array element, so that only cues are copied.
                guard let kind = RelationLexicon.kind(in: tokens, at: index), !isInsideMention(index, mentions) else { continue }
                let token = tokens[index]
                let clause = clauseBounds(tokens, around: index)
                let before = mentions.filter { $0.tokens.upperBound <= index && $0.tokens.lowerBound >= clause.lowerBound }
                var after = mentions.filter { $0.tokens.lowerBound > index && $0.tokens.upperBound <= clause.upperBound }
                var subject = before.last
                // A pronoun between the last name and the cue is the real subject: too ambiguous to guess.
                if let last = before.last,
                   tokens[last.tokens.upperBound..<index].contains(where: { ["il", "elle", "ils", "elles", "it", "they", "he", "she"].contains($0.folded) }) {
                    continue
                }
                // Passive: "fabriqués par X" — the agent comes after "par"/"by".
                if index + 1 < tokens.count, ["par", "by"].contains(tokens[index + 1].folded), let agent = after.first {
                    if let object = before.last, let source = directory.id(ofDraft: agent.entity), let target = directory.id(ofDraft: object.entity) {
                        add(source, target, kind, sentence, token.text)
                        typedPairs += 1
                    }
                    continue
                }
                // "le partenariat entre X et Y", "les investissements de X dans Y": both after the cue.
                if Self.bothAfter.contains(kind), subject == nil || (index + 1 < tokens.count && ["entre", "between", "de", "d'", "of"].contains(tokens[index + 1].folded)) {
                    if after.count >= 2 { subject = after.removeFirst() }
                }
                guard let subject, let source = directory.id(ofDraft: subject.entity) else { continue }
                // The object and anything coordinated with it ("SoftBank et Oracle").
                var objects: [EntityMention] = []
                for mention in after {
                    if let last = objects.last {
                        let between = tokens[last.tokens.upperBound..<mention.tokens.lowerBound].map(\.folded)
                        guard between.allSatisfy({ ["et", "and", ",", "ou", "or", "ainsi", "qu'", "que", "as", "well"].contains($0) }) else { break }
                    }
                    objects.append(mention)
                }
                if objects.isEmpty, RelationLexicon.symmetric.contains(kind), before.count >= 2,
                   let other = directory.id(ofDraft: before[before.count - 2].entity) {
                    add(other, source, kind, sentence, token.text)   // "Microsoft et OpenAI ont conclu un accord"
                    typedPairs += 1
                }
                for object in objects {
                    guard let target = directory.id(ofDraft: object.entity) else { continue }
                    add(source, target, kind, sentence, token.text)
                    typedPairs += 1
                }
            }
            // Possessives: "le modèle o1 d'OpenAI", "xAI d'Elon Musk", "Apple's Siri".
            for (position, mention) in mentions.enumerated() where position + 1 < mentions.count {
                let next = mentions[position + 1]
                // Only one word between the two can make a possessive: the word itself, not an
                // array of the words between every pair of names.
                guard next.tokens.lowerBound == mention.tokens.upperBound + 1 else { continue }
                let between = tokens[mention.tokens.upperBound].folded
                guard between == "de" || between == "d'" || between == "of" || between == "'s",
                      let first = entity(mention), let second = entity(next) else { continue }
                if between == "de" || between == "d'" || between == "of" {
                    if first.kind == .product, [.organization, .person].contains(second.kind) { add(second.id, first.id, .develops, sentence, "de") }
                    if first.kind == .organization, second.kind == .person { add(second.id, first.id, .leads, sentence, "de") }
                }
                if between == "'s", [.organization, .person].contains(first.kind), second.kind == .product {
                    add(first.id, second.id, .develops, sentence, "'s")
                }
            }
            // Outlets report on the organisations of the sentences they are the source of.
            if let claim = statusBySentence[sentence], let source = claim.source,
               directory.kind(ofID: source) == .media {
                for mention in mentions.prefix(3) {
                    guard let target = directory.id(ofDraft: mention.entity), target != source,
                          let kind = directory.kind(ofDraft: mention.entity), [.organization, .person].contains(kind) else { continue }
                    add(source, target, .reportsOn, sentence, claim.cues.first)
                }
            }
            if typedPairs == 0 && mentions.count >= 2 {
                let organizations = mentions.compactMap { mention -> String? in
                    guard directory.kind(ofDraft: mention.entity) == .organization else { return nil }
                    return directory.id(ofDraft: mention.entity)
                }
                let unique = organizations.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                if unique.count == 2 { add(unique[0], unique[1], .mentionedWith, sentence, nil) }
            }
        }
        // Roles: a person works for the organisation their title names.
        for entity in entities {
            guard let organization = entity.roleOrganization, let mention = entity.mentions.first else { continue }
            add(entity.id, organization, .leads, mention.sentence, entity.role)
        }
        // "mentioned with" only where nothing typed links the pair.
        let typed = Set(result.filter { $0.kind != .mentionedWith }.map { [$0.source, $0.target].sorted().joined(separator: "|") })
        return result.filter { $0.kind != .mentionedWith || !typed.contains([$0.source, $0.target].sorted().joined(separator: "|")) }
    }

    private func isInsideMention(_ index: Int, _ mentions: [EntityMention]) -> Bool {
        mentions.contains { $0.tokens.contains(index) }
    }

    /// The clause around a token: bounded by ";", "." and by "mais"/"but"/relative breaks.
    private static let bothAfter: Set<Relation.Kind> = [.partnersWith, .investsIn, .competesWith, .mentionedWith]

    private static let clauseBreaks: Set<String> = [
        ";", ".", "!", "?", "mais", "but", "tandis", "whereas", "while", "(", ")", "«", "»", "afin", "si", "parce",
        "car", "lorsque", "quand", "because", "if", "when", "condition", "although", "bien",
    ]
    /// Most words break no clause: their digest says so before the set is asked.
    private static let clauseBreakFilter = WordFilter(clauseBreaks)

    private func clauseBounds(_ tokens: [Token], around index: Int) -> Range<Int> {
        let breaks = Self.clauseBreaks, filter = Self.clauseBreakFilter
        func isBreak(_ position: Int) -> Bool {
            filter.mightContain(tokens[position].hash) && breaks.contains(tokens[position].folded)
        }
        var start = index
        while start > 0, !isBreak(start - 1) { start -= 1 }
        var end = index + 1
        while end < tokens.count, !isBreak(end) { end += 1 }
        return start..<end
    }
}
