/// Finds who and what an article names: gazetteer names and epithets first (longest match),
/// then unknown names from capitalisation, with sentence-initial words and common capitalised
/// words set aside; then merges surnames and short forms into the full names, and reads roles.
struct EntityRecognizer {
    let gazetteer: Gazetteer

    struct Draft {
        var name: String
        var kind: Entity.Kind
        var aliases: [String] = []
        var description: String?
        var mentions: [Mention] = []
        var role: String?
        var roleOrganization: Int?
        var roleSentence: String?
        var fromGazetteer: Bool
        var kindIsCertain: Bool
    }

    private(set) var drafts: [Draft] = []
    private var byKey: [String: Int] = [:]
    /// Keys of names not in the gazetteer, by surface: made once per name, not once per mention
    /// (nil: a common capitalised word, not a name).
    private var unknownKeyBySurface: [String: String?] = [:]

    init(gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
        // An article names a few dozen entities: room for them from the start, where growing
        // each table from empty rehashed every key at each doubling.
        byKey.reserveCapacity(32)
        unknownKeyBySurface.reserveCapacity(32)
    }

    /// `scalars`: each sentence's scalars when the caller has them (as many as `sentences`).
    mutating func recognize(_ sentences: [Sentence], scalars given: [[Unicode.Scalar]] = []) -> [SentenceAnalysis] {
        let haveScalars = given.count == sentences.count
        var analyses = sentences.indices.map { index in
            let sentence = sentences[index]
            let scalars = haveScalars ? given[index] : sentence.text.scalarArray
            return SentenceAnalysis(sentence: sentence, scalars: scalars, tokens: Tokenizer.tokens(sentence.text), mentions: [])
        }
        // Words seen capitalised away from a sentence start: evidence that a sentence-initial one is a name.
        var capitalizedInside: Set<String> = []
        capitalizedInside.reserveCapacity(64)
        for analysis in analyses {
            let tokens = analysis.tokens
            // By index: enumerating copied every token of the article.
            for index in tokens.indices where tokens[index].isCapitalized && !isInitial(tokens, index) {
                capitalizedInside.insert(tokens[index].folded)
            }
        }
        for index in analyses.indices {
            analyses[index].mentions = mentions(in: analyses[index], capitalizedInside: capitalizedInside)
        }
        mergeShortForms(&analyses)
        for index in analyses.indices {
            for mention in analyses[index].mentions {
                drafts[mention.entity].mentions.append(Mention(sentence: analyses[index].sentence.id, text: mention.surface))
                let isName = mention.surface != drafts[mention.entity].name
                if isName && !drafts[mention.entity].aliases.contains(mention.surface) {
                    drafts[mention.entity].aliases.append(mention.surface)
                }
            }
        }
        for analysis in analyses { readRoles(analysis) }
        return analyses
    }

    // MARK: Finding mentions

    private static let determiners: WordSet = ["le", "la", "les", "l'", "the", "un", "une", "a", "an", "des", "du"]
    /// Words a title never reaches back past, and the particles inside a title ("PDG de"); the
    /// quotes, articles and prepositions between a kind cue and a name ("le magazine « Wired »").
    /// Sets asked on the token's digest: array literals compared every word they were asked about.
    private static let titleStoppers: WordSet = ["le", "la", "les", "l'", "un", "une", "the", "a", "an", "son", "sa", "ses", "leur", "notre",
                                                 "its", "his", "her", "their", "que", "qu'"]
    private static let titleParticles: WordSet = ["de", "d'", "du", "of", "des", "chez", "at"]
    private static let cueSkippers: WordSet = ["«", "“", "\"", "de", "d'", "la", "le", "l'"]
    private static let openers: WordSet = ["«", "“", "\"", "(", "—", "–", "-", "'", "‘"]
    private static let sentenceEnds: WordSet = [":", ".", "!", "?", "…", "»", "”"]

    private func isInitial(_ tokens: [Token], _ index: Int) -> Bool {
        var previous = index - 1
        while previous >= 0, tokens[previous].isPunctuation, Self.openers.contains(tokens[previous].text) { previous -= 1 }
        return previous < 0 || (tokens[previous].isPunctuation && Self.sentenceEnds.contains(tokens[previous].text))
    }

    private mutating func mentions(in analysis: SentenceAnalysis, capitalizedInside: Set<String>) -> [EntityMention] {
        let tokens = analysis.tokens
        var result: [EntityMention] = []
        var epithetEnd = -1
        var index = 0
        while index < tokens.count {
            let nested = index < epithetEnd
            // The cheap tests first, inline: most words start no name, and each call below
            // copied the word it looked at.
            if !nested, gazetteer.epithetStarts.mayStart(tokens, at: index), let (length, entry) = matchEpithet(tokens, at: index) {
                let surface = analysis.text(index..<index + length)
                result.append(EntityMention(entity: entity(for: entry), tokens: index..<index + length, surface: surface,
                                            nested: false, viaEpithet: true))
                epithetEnd = index + length
                index += 1
                continue
            }
            guard tokens[index].isWord else { index += 1; continue }
            if gazetteer.nameStarts.mayStart(tokens, at: index), let (length, entry) = matchName(tokens, at: index) {
                var end = index + length
                var surface = analysis.text(index..<end)
                var draftIndex = entity(for: entry)
                // "Windows 11", "GPT 5": a version number makes a distinct product.
                if end < tokens.count, tokens[end].hasDigit, tokens[end].scalarCount <= 3,
                   gazetteer.entries[entry].kind == .product {
                    surface = analysis.text(index..<end + 1)
                    draftIndex = unknownEntity(surface, kind: .product, certain: true)
                    end += 1
                }
                result.append(EntityMention(entity: draftIndex, tokens: index..<end, surface: surface,
                                            nested: nested, viaEpithet: false))
                index = end
                continue
            }
            if tokens[index].isCapitalized || tokens[index].hasInnerCapital,
               let (length, kind, certain) = unknownName(tokens, at: index, capitalizedInside: capitalizedInside) {
                var start = index
                // A sentence-initial common word is not part of the name ("Selon Bloomberg").
                while start < index + length - 1, isInitial(tokens, start),
                      NameLexicon.commonCapitalized.contains(tokens[start]) { start += 1 }
                let surface = analysis.text(start..<index + length)
                if let key = unknownKey(of: surface, tokens: tokens[start..<index + length]) {
                    let draft = unknownEntity(surface, key: key, kind: kind, certain: certain)
                    result.append(EntityMention(entity: draft, tokens: start..<index + length, surface: surface,
                                                nested: nested, viaEpithet: false))
                }
                index += length
                continue
            }
            index += 1
        }
        return sharedSurnames(result, analysis)
    }

    /// "Dario and Daniela Amodei", "Jean et Marie Dupont": the first name takes the surname.
    private mutating func sharedSurnames(_ mentions: [EntityMention], _ analysis: SentenceAnalysis) -> [EntityMention] {
        var result = mentions
        let tokens = analysis.tokens
        for (position, mention) in mentions.enumerated() where position + 1 < mentions.count {
            let next = mentions[position + 1]
            guard mention.tokens.count == 1, NameLexicon.firstNames.contains(tokens[mention.tokens.lowerBound]),
                  next.tokens.lowerBound == mention.tokens.upperBound + 1,
                  ["and", "et", "&"].contains(tokens[mention.tokens.upperBound].folded),
                  drafts[next.entity].kind == .person, next.tokens.count >= 2 else { continue }
            let surname = tokens[next.tokens.upperBound - 1].text
            let full = "\(tokens[mention.tokens.lowerBound].text) \(surname)"
            let entry = gazetteer.entry(named: Gazetteer.key(of: full))
            result[position].entity = entry.map { entity(for: $0) } ?? unknownEntity(full, kind: .person, certain: true)
        }
        return result
    }

    private func matchEpithet(_ tokens: [Token], at index: Int) -> (Int, Int)? {
        for length in gazetteer.epithetStarts.lengths(tokens, at: index) where length >= 2 {
            let key = Gazetteer.key(tokens[index..<index + length])
            if let entry = gazetteer.epithet(key) { return (length, entry) }
        }
        return nil
    }

    private func matchName(_ tokens: [Token], at index: Int) -> (Int, Int)? {
        guard tokens[index].isWord else { return nil }
        for length in gazetteer.nameStarts.lengths(tokens, at: index) {
            let slice = tokens[index..<index + length]
            guard slice.last!.isWord || slice.last!.text == "." else { continue }
            let key = Gazetteer.key(slice)
            guard let entry = gazetteer.entry(named: key) else { continue }
            // Case matters for names that are also words ("Apple", "Meta", "Word", "X"): the text must
            // write them as names. Names written in lowercase ("o1", "xAI") match as written.
            let first = tokens[index]
            let written = first.text.unicodeScalars.first!
            if written.isLowercaseLetter {
                let forms = [gazetteer.entries[entry].name] + gazetteer.entries[entry].aliases
                guard forms.contains(where: { Tokenizer.tokens($0).first?.text == first.text }) else { continue }
            }
            if length == 1, first.scalarCount == 1 || first.folded == "word" || first.folded == "office" {
                // One-letter names ("X") and everyday words need to stand apart from a sentence start.
                if index == 0 { continue }
            }
            return (length, entry)
        }
        return nil
    }

    /// A run of capitalised words (with particles inside) that no gazetteer knows.
    private func unknownName(_ tokens: [Token], at index: Int, capitalizedInside: Set<String>) -> (Int, Entity.Kind, Bool)? {
        let first = tokens[index]
        guard first.isWord, first.isCapitalized || first.hasInnerCapital else { return nil }
        guard !first.text.unicodeScalars.allSatisfy({ $0.isDigit }) else { return nil }
        // "La CNIL": a capitalised article is never the start of an unknown name; the known name after it is tried next.
        guard !Self.determiners.contains(first),
              !(isInitial(tokens, index) && NameLexicon.commonCapitalized.contains(first)) else { return nil }
        var end = index + 1
        while end < tokens.count {
            let token = tokens[end]
            if token.isWord && (token.isCapitalized || token.hasInnerCapital) && !NameLexicon.notNames.contains(token)
                && matchName(tokens, at: end) == nil {
                end += 1
            } else if token.isWord, token.hasDigit, token.scalarCount <= 5, end > index,
                      !(token.scalarCount == 4 && token.text.unicodeScalars.allSatisfy(\.isDigit)) {
                end += 1   // "Mistral 7B", "Mixtral 8x7B"
            } else if NameLexicon.nameParticles.contains(token), end + 1 < tokens.count,
                      tokens[end + 1].isCapitalized, !NameLexicon.commonCapitalized.contains(tokens[end + 1]),
                      gazetteer.entry(named: tokens[end + 1].folded) == nil {
                end += 2
            } else {
                break
            }
        }
        let words = tokens[index..<end]
        if words.count == 1 {
            if NameLexicon.notNames.contains(first) || NameLexicon.commonCapitalized.contains(first) { return nil }
            if isInitial(tokens, index) && !capitalizedInside.contains(first.folded) && !first.hasInnerCapital
                && !introducesName(tokens, after: index) { return nil }
            // A lone all-caps word of two letters is more often an abbreviation than a name.
            if first.scalarCount < 2 { return nil }
        }
        // (One word's joined form is its folded form, just asked for.)
        if NameLexicon.notNames.contains(first)
            || (words.count > 1 && NameLexicon.notNames.contains(words.map(\.folded).joined(separator: " "))) { return nil }
        // Kind from the shape of the name and the words before it.
        var before = index - 1
        while before >= 0, Self.cueSkippers.contains(tokens[before]) { before -= 1 }
        let previous = before >= 0 ? tokens[before].folded : ""
        if NameLexicon.mediaCues.contains(previous) { return (end - index, .media, true) }
        if NameLexicon.productCues.contains(previous) { return (end - index, .product, true) }
        if NameLexicon.placeCues.contains(previous) { return (end - index, .place, true) }
        if words.count >= 2, NameLexicon.firstNames.contains(first),
           !NameLexicon.organizationSuffixes.contains(words.last!) {
            return (end - index, .person, true)
        }
        if words.contains(where: { $0.hasDigit }) || first.hasInnerCapital && first.text.unicodeScalars.first!.isLowercaseLetter {
            return (end - index, .product, false)
        }
        return (end - index, .organization, words.count >= 2 && NameLexicon.organizationSuffixes.contains(words.last!))
    }

    /// A sentence-initial word reads as a name when what follows only fits a name: a possessive,
    /// a title ("Initech CEO …"), or an auxiliary verb ("Globex a annoncé", "Initech has").
    private func introducesName(_ tokens: [Token], after index: Int) -> Bool {
        guard index + 1 < tokens.count else { return false }
        let next = tokens[index + 1].folded
        if next == "'s" { return true }
        if RoleLexicon.heads.contains(next) && tokens[index + 1].isCapitalized { return true }
        return NameLexicon.auxiliaries.contains(next)
    }


    // MARK: Entities

    private mutating func entity(for entry: Int) -> Int {
        let item = gazetteer.entries[entry]
        let key = "g:\(item.name)"
        if let existing = byKey[key] { return existing }
        drafts.append(Draft(name: item.name, kind: item.kind, description: item.description, fromGazetteer: true, kindIsCertain: true))
        byKey[key] = drafts.count - 1
        return drafts.count - 1
    }

    /// The key of a name found from capitalisation, or nil for a common capitalised word
    /// ("Internet"). The same surfaces come back sentence after sentence: both are worked out
    /// once per surface. `tokens` are the surface's own: its key is made from them rather than
    /// from the surface tokenized again (a surface is cut at token boundaries, so the two agree).
    private mutating func unknownKey(of surface: String, tokens: ArraySlice<Token>) -> String? {
        if let known = unknownKeyBySurface[surface] { return known }
        let key = NameLexicon.commonCapitalized.contains(foldForMatching(surface)) ? nil : "u:" + Gazetteer.key(tokens)
        unknownKeyBySurface[surface] = .some(key)
        return key
    }

    private mutating func unknownEntity(_ surface: String, kind: Entity.Kind, certain: Bool) -> Int {
        let key: String
        if case let known?? = unknownKeyBySurface[surface] {
            key = known
        } else {
            key = "u:" + Gazetteer.key(of: surface)
        }
        return unknownEntity(surface, key: key, kind: kind, certain: certain)
    }

    private mutating func unknownEntity(_ surface: String, key: String, kind: Entity.Kind, certain: Bool) -> Int {
        if let existing = byKey[key] {
            if certain && !drafts[existing].kindIsCertain { drafts[existing].kind = kind; drafts[existing].kindIsCertain = true }
            return existing
        }
        drafts.append(Draft(name: surface, kind: kind, fromGazetteer: false, kindIsCertain: certain))
        byKey[key] = drafts.count - 1
        return drafts.count - 1
    }

    /// "Altman" after "Sam Altman", "Mistral" after "Mistral AI": short forms join the full name.
    /// Indexed by first and last word, so that it stays linear in the number of names.
    private mutating func mergeShortForms(_ analyses: inout [SentenceAnalysis]) {
        var byFirstWord: [String: Int] = [:]
        var byLastWord: [String: Int] = [:]
        byFirstWord.reserveCapacity(drafts.count)
        byLastWord.reserveCapacity(drafts.count)
        let wordsByDraft = drafts.map { Tokenizer.tokens($0.name).filter(\.isWord).map(\.folded) }
        for (index, draft) in drafts.enumerated() {
            let words = wordsByDraft[index]
            guard words.count >= 2 else { continue }
            if byFirstWord[words[0]] == nil { byFirstWord[words[0]] = index }
            if draft.kind == .person, byLastWord[words[words.count - 1]] == nil { byLastWord[words[words.count - 1]] = index }
        }
        var replacement: [Int: Int] = [:]
        for (index, draft) in drafts.enumerated() where !draft.fromGazetteer {
            let words = wordsByDraft[index]
            guard words.count == 1 else { continue }
            let candidates = [byFirstWord[words[0]], byLastWord[words[0]]].compactMap { $0 }.filter { $0 != index }
            if let target = candidates.min() { replacement[index] = target }
        }
        guard !replacement.isEmpty else { return }
        for sentence in analyses.indices {
            var mentions = analyses[sentence].mentions
            var changed = false
            for mention in mentions.indices {
                if let target = replacement[mentions[mention].entity] { mentions[mention].entity = target; changed = true }
            }
            if changed { analyses[sentence].mentions = mentions }
        }
        for (from, _) in replacement { drafts[from].mentions = [] }
    }

    // MARK: Roles

    private static let respectivelyDigests = (WordHash.of("respectively"), WordHash.of("respectivement"))

    /// "Dario and Daniela Amodei, who run the company as CEO and president, respectively".
    private mutating func readRespectiveRoles(_ analysis: SentenceAnalysis) {
        let tokens = analysis.tokens
        // Digests first: asked of every word of the article, and the word is almost never there.
        let (english, french) = Self.respectivelyDigests
        var found: Int?
        for index in tokens.indices where tokens[index].hash == english || tokens[index].hash == french {
            if tokens[index].folded == "respectively" || tokens[index].folded == "respectivement" { found = index; break }
        }
        guard let respectively = found,
              let asIndex = tokens[..<respectively].lastIndex(where: { ["as", "comme", "en", "tant"].contains($0.folded) }) else { return }
        var roles: [Range<Int>] = []
        var start = asIndex + 1
        if start < respectively, tokens[start].folded == "que" { start += 1 }
        for index in start...respectively {
            let separator = index == respectively || [",", "and", "et"].contains(tokens[index].folded)
            if separator {
                if start < index { roles.append(start..<index) }
                start = index + 1
            }
        }
        let people = analysis.primaryMentions.filter { $0.tokens.upperBound <= asIndex && drafts[$0.entity].kind == .person }
        guard people.count == roles.count, roles.count >= 2 else { return }
        for (person, role) in zip(people, roles) where drafts[person.entity].role == nil {
            drafts[person.entity].role = analysis.text(role)
            drafts[person.entity].roleSentence = analysis.sentence.id
        }
    }

    private mutating func readRoles(_ analysis: SentenceAnalysis) {
        readRespectiveRoles(analysis)
        let tokens = analysis.tokens
        for mention in analysis.primaryMentions {
            let draft = drafts[mention.entity]
            guard draft.kind == .person || !draft.kindIsCertain || draft.kind == .organization && !draft.fromGazetteer else { continue }
            guard draft.role == nil else { continue }
            var role: Range<Int>?
            // "Amy Hood, directrice financière de Microsoft" / "Ingrid Solberg, chief executive of …"
            let after = mention.tokens.upperBound
            if after + 1 < tokens.count, tokens[after].text == ",", RoleLexicon.heads.contains(tokens[after + 1]) {
                var end = after + 1
                while end < tokens.count, !tokens[end].isPunctuation || tokens[end].text == "-" || tokens[end].text == "'",
                      !RoleLexicon.stopWords.contains(tokens[end]), end - after <= 14 { end += 1 }
                role = after + 1..<end
            }
            // "le PDG d'OpenAI, Sam Altman" and "Nvidia CEO Jensen Huang"
            let before = mention.tokens.lowerBound
            if role == nil, before >= 1 {
                let titleEnd = tokens[before - 1].text == "," ? before - 1 : before
                var start = titleEnd
                var sawHead = false
                while start > 0, titleEnd - start < 8 {
                    let token = tokens[start - 1]
                    if token.isPunctuation && token.text != "'" && token.text != "-" { break }
                    if Self.titleStoppers.contains(token) { break }
                    let inName = analysis.mention(at: start - 1) != nil
                    if RoleLexicon.heads.contains(token) && !inName { sawHead = true; start -= 1; continue }
                    if sawHead || token.isCapitalized || Self.titleParticles.contains(token) {
                        start -= 1
                        continue
                    }
                    break
                }
                // Trim leading words that are not part of the title ("annonce PDG …" cannot happen, but a name can).
                while start < titleEnd, !RoleLexicon.heads.contains(tokens[start]),
                      analysis.mention(at: start) == nil { start += 1 }
                // "PDG de Globex": a title ending in "de" names the organisation that follows, not a person.
                let endsWithParticle = titleEnd > 0 && Self.titleParticles.contains(tokens[titleEnd - 1])
                if sawHead, start < titleEnd, !endsWithParticle { role = start..<titleEnd }
            }
            guard let role, !role.isEmpty else { continue }
            let text = analysis.text(role).trimmingCharactersIn(",")
            guard !text.isEmpty else { continue }
            drafts[mention.entity].role = text
            if !drafts[mention.entity].fromGazetteer || drafts[mention.entity].kind == .person {
                drafts[mention.entity].kind = .person
                drafts[mention.entity].kindIsCertain = true
            }
            let organization = analysis.primaryMentions.first {
                role.contains($0.tokens.lowerBound) && [.organization, .regulator, .media].contains(drafts[$0.entity].kind)
            }
            drafts[mention.entity].roleOrganization = organization?.entity
            drafts[mention.entity].roleSentence = analysis.sentence.id
        }
    }

    /// The final entities, in order of first mention, with ids, and where each draft's entity is
    /// among them; drafts merged away are dropped.
    func directory() -> EntityDirectory {
        // Drafts by position, ordered by their first sentence (its number, read once a draft
        // instead of at every comparison), then by when they were found.
        let firstSentence = drafts.map { $0.mentions.first.map { sentenceOrder($0.sentence) } ?? 0 }
        var ordered = drafts.indices.filter { !drafts[$0].mentions.isEmpty }
        ordered.sort { (firstSentence[$0], $0) < (firstSentence[$1], $1) }
        var idByDraft = [String?](repeating: nil, count: drafts.count)
        var used: Set<String> = []
        used.reserveCapacity(ordered.count)
        for index in ordered {
            let slug = Slug.make(from: drafts[index].name)
            var id = "e-" + (slug.isEmpty ? "entity" : slug)
            var suffix = 2
            while used.contains(id) { id = "e-\(slug)-\(suffix)"; suffix += 1 }
            used.insert(id)
            idByDraft[index] = id
        }
        let entities = ordered.map { index in
            let draft = drafts[index]
            return Entity(id: idByDraft[index]!, name: draft.name, kind: draft.kind, aliases: draft.aliases, role: draft.role,
                          roleOrganization: draft.roleOrganization.flatMap { idByDraft[$0] }, roleSentence: draft.roleSentence,
                          description: draft.description,
                          mentions: draft.mentions)
        }
        var indexByDraft = [Int](repeating: -1, count: drafts.count)
        for (position, index) in ordered.enumerated() { indexByDraft[index] = position }
        return EntityDirectory(entities: entities, indexByDraft: indexByDraft)
    }

    private func sentenceOrder(_ id: String) -> Int { Int(id.dropFirst()) ?? 0 }
}
