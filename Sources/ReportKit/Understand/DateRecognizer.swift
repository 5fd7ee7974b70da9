/// Finds calendar expressions and normalises them to ISO values with their precision; relative
/// ones ("le mois dernier", "Monday", "in October") are resolved against the publication date
/// when there is one, and kept unresolved otherwise. Durations ("depuis deux ans") and
/// frequencies are not dates: only years, months, weekdays and listed phrases start a match.
struct DateRecognizer {
    let language: Language
    let published: CalendarDay?
    /// The lexicon's digest filters, asked of every word of the article: held here, so that each
    /// question does not first pass the statics' one-time initialisation check (two a word).
    let calendarWordFilter = DateLexicon.calendarWordFilter
    let relativeOpeningFilter = DateLexicon.relativeOpeningFilter
    let rangeOpenerFilter = DateLexicon.rangeOpenerFilter

    func dates(in analyses: [SentenceAnalysis]) -> [DateMention] {
        var result: [DateMention] = []
        for analysis in analyses { result += dates(in: analysis) }
        return result
    }

    private func month(_ token: Token) -> Int? {
        guard DateLexicon.monthFilter.mightContain(token.keyHash) else { return nil }
        let key = token.key
        if let month = DateLexicon.frenchMonths[key], language == .french || !token.isCapitalized || DateLexicon.englishMonths[key] == nil {
            // "Mars" capitalised mid-sentence is the planet, not the month.
            if token.isCapitalized && key == "mars" { return nil }
            return month
        }
        if let month = DateLexicon.englishMonths[key], token.isCapitalized { return month }
        return nil
    }

    private func year(_ token: Token) -> Int? {
        guard token.scalarCount == 4, token.text.unicodeScalars.allSatisfy(\.isDigit),
              let value = Int(token.text), (1900...2100).contains(value) else { return nil }
        return value
    }

    private func day(_ token: Token) -> Int? {
        // "1er", "21st", "3": at most two digits and a suffix.
        guard token.hasDigit, token.scalarCount <= 4 else { return nil }
        var text = token.folded
        for suffix in ["er", "st", "nd", "rd", "th"] where text.hasSuffix(suffix) { text = String(text.dropLast(suffix.count)) }
        guard let value = Int(text), (1...31).contains(value) else { return nil }
        return value
    }

    private func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private func dates(in analysis: SentenceAnalysis) -> [DateMention] {
        let tokens = analysis.tokens
        var result: [DateMention] = []
        var index = 0
        func mention(_ range: Range<Int>, _ value: String?, _ precision: DateMention.Precision, relative: Bool = false,
                     qualifier: String? = nil, bound: DateMention.Bound? = nil, anchor: String? = nil) {
            result.append(DateMention(text: analysis.text(range), value: value, precision: value == nil ? .relative : precision,
                                      relative: relative, sentence: analysis.sentence.id, qualifier: qualifier, bound: bound,
                                      anchor: anchor))
            index = range.upperBound
        }
        func folded(_ offset: Int) -> String { index + offset < tokens.count && index + offset >= 0 ? tokens[index + offset].folded : "" }

        while index < tokens.count {
            // Most words start no date: digests rule them out before the token is copied.
            guard tokens[index].hasDigit || mayStartWithoutDigit(tokens, at: index) else {
                index += 1
                continue
            }
            let token = tokens[index]
            // Relative phrases.
            if let (length, shift) = relativePhrase(tokens, at: index) {
                let (value, precision, qualifier) = resolve(shift)
                var start = index
                if start > 0, ["au", "a", "in", "durant", "pendant"].contains(tokens[start - 1].folded),
                   case .season = shift { start -= 1 }
                mention(start..<index + length, value, precision, relative: true, qualifier: qualifier,
                        anchor: value == nil ? nil : published?.iso)
                continue
            }
            // Ranges of years: "entre 2019 et 2023", "from 2019 to 2023", "2019-2023".
            if DateLexicon.rangeOpeners.contains(token.folded), index + 3 < tokens.count,
               let first = year(tokens[index + 1]), ["et", "and", "a", "to", "-", "–"].contains(tokens[index + 2].folded),
               let second = year(tokens[index + 3]), second > first {
                mention(index..<index + 4, "\(first)/\(second)", .range)
                continue
            }
            if token.hasDigit, token.scalarCount == 9, token.text.contains("-") {
                let parts = token.text.split(separator: "-")
                if parts.count == 2, let first = Int(parts[0]), let second = Int(parts[1]),
                   (1900...2100).contains(first), (1900...2100).contains(second), second > first {
                    mention(index..<index + 1, "\(first)/\(second)", .range)
                    continue
                }
            }
            if let first = year(token), index + 2 < tokens.count, ["–", "-"].contains(tokens[index + 1].text),
               let second = year(tokens[index + 2]), second > first {
                mention(index..<index + 3, "\(first)/\(second)", .range)
                continue
            }
            // Day month [year]: "3 février 2025", "1er mars", "3 February 2025".
            if let dayValue = day(token), index + 1 < tokens.count, let monthValue = month(tokens, at: index + 1) {
                var start = index
                if start > 0, ["le", "the", "on"].contains(tokens[start - 1].folded) { start -= 1 }
                if start > 0, DateLexicon.weekdays[tokens[start - 1].folded] != nil { start -= 1 }
                if start > 0, ["ce", "le", "on"].contains(tokens[start - 1].folded) { start -= 1 }
                let yearIndex = afterMonth(tokens, index + 1)
                if yearIndex < tokens.count, let yearValue = year(tokens[yearIndex]) {
                    mention(start..<yearIndex + 1, "\(yearValue)-\(pad(monthValue))-\(pad(dayValue))", .day)
                } else {
                    let resolved = published.map { nearestYear(month: monthValue, to: $0) }
                    mention(start..<index + 2, resolved.map { "\($0)-\(pad(monthValue))-\(pad(dayValue))" }, .day,
                            relative: true, anchor: published?.iso)
                }
                continue
            }
            // Month [day,] [year], and month ranges "mars ou avril 2026".
            if let monthValue = month(tokens, at: index) {
                var start = index
                for cue in ["en", "in", "de", "d'", "fin", "debut", "mi", "mi-", "early", "late", "mid", "by", "since", "depuis", "until"]
                    where start > 0 && tokens[start - 1].folded == cue { start -= 1 }
                if index + 3 < tokens.count, ["ou", "or", "et", "and", "a", "to", "-"].contains(tokens[index + 1].folded),
                   let secondMonth = month(tokens[index + 2]), let yearValue = year(tokens[index + 3]) {
                    mention(start..<index + 4, "\(yearValue)-\(pad(monthValue))/\(yearValue)-\(pad(secondMonth))", .range)
                    continue
                }
                let next = afterMonth(tokens, index)
                // English "February 3, 2025", "Feb. 3, 2025".
                if next < tokens.count, let dayValue = day(tokens[next]), language == .english || tokens[index].isCapitalized {
                    var end = next + 1
                    if end < tokens.count, tokens[end].text == "," { end += 1 }
                    if end < tokens.count, let yearValue = year(tokens[end]) {
                        mention(start..<end + 1, "\(yearValue)-\(pad(monthValue))-\(pad(dayValue))", .day)
                        continue
                    }
                }
                if next < tokens.count, let yearValue = year(tokens[next]) {
                    mention(start..<next + 1, "\(yearValue)-\(pad(monthValue))", .month,
                            qualifier: start < index ? qualifier(tokens[start].folded) : nil)
                    continue
                }
                // A month without a year: only when a preposition says it is a date ("en janvier", "In October").
                if start < index || (language == .english && token.isCapitalized && index > 0 && ["in", "by", "since", "until", "of"].contains(tokens[index - 1].folded)) {
                    let resolved = published.map { nearestYear(month: monthValue, to: $0) }
                    mention(start..<index + 1, resolved.map { "\($0)-\(pad(monthValue))" }, .month, relative: true,
                            anchor: published?.iso)
                    continue
                }
            }
            // Weekdays: "mardi", "On Monday".
            if let weekday = DateLexicon.weekdays[token.folded], language == .french ? !token.isCapitalized || index == 0 : token.isCapitalized {
                var start = index
                if start > 0, ["on", "ce", "le", "last", "this", "next", "des"].contains(tokens[start - 1].folded) { start -= 1 }
                let resolved = published.map { day -> String in
                    let back = (day.weekday - weekday + 7) % 7
                    return day.adding(days: -back).iso
                }
                mention(start..<index + 1, resolved, .day, relative: true, anchor: published?.iso)
                continue
            }
            // A year, with what bounds or qualifies it.
            if let yearValue = year(token) {
                let next = index + 1 < tokens.count ? tokens[index + 1].folded : ""
                let previous = index > 0 ? tokens[index - 1] : nil
                let countsThings = DateLexicon.countedNouns.contains(next)
                    || previous.map { $0.hasDigit || ["$", "€", "£"].contains($0.text) } ?? false
                if !countsThings {
                    var start = index
                    var bound: DateMention.Bound?
                    var qualifierText: String?
                    var probe = index - 1
                    // Walk back over "à la fin de", "au printemps", "jusqu'en", "d'ici", "since", "end of".
                    while probe >= 0, index - probe <= 4 {
                        let word = tokens[probe].folded
                        if DateLexicon.untilCues.contains(word) {
                            bound = .until
                            start = probe > 0 && word == "ici" && tokens[probe - 1].folded == "d'" ? probe - 1 : probe
                            break
                        }
                        if DateLexicon.sinceCues.contains(word) { bound = .since; start = probe; break }
                        if let found = DateLexicon.qualifiers[word] { qualifierText = found; start = probe; probe -= 1; continue }
                        if ["en", "in", "de", "of", "the", "la", "l'", "au", "a", "du", "d'", "at", "le", "courant"].contains(word) {
                            if probe == index - 1 || qualifierText != nil { start = probe; probe -= 1; continue }
                        }
                        break
                    }
                    if start < index, ["de", "of", "la", "the", "au", "a", "l'", "du", "d'", "le", "at"].contains(tokens[start].folded),
                       qualifierText == nil { start += 1 }
                    mention(start..<index + 1, "\(yearValue)", .year, qualifier: qualifierText, bound: bound)
                    continue
                }
            }
            index += 1
        }
        return result
    }

    private func qualifier(_ word: String) -> String? { DateLexicon.qualifiers[word] }

    /// `month(_:)`, and French "sept." (September only with its dot: "sept" is also seven).
    private func month(_ tokens: [Token], at index: Int) -> Int? {
        if let value = month(tokens[index]) { return value }
        guard tokens[index].folded == "sept", afterMonth(tokens, index) == index + 2 else { return nil }
        return 9
    }

    /// The token after the month name at `month`, past the dot that ends an abbreviation
    /// ("3 janv. 2025", "Feb. 3, 2025"): the tokenizer leaves that dot as its own token.
    private func afterMonth(_ tokens: [Token], _ month: Int) -> Int {
        let next = month + 1
        guard next + 1 < tokens.count, tokens[next].isPunctuation, tokens[next].text == ".", tokens[next].start == tokens[month].end,
              DateLexicon.monthAbbreviations.contains(tokens[month].key) else { return next }
        return next + 1
    }

    /// Whether a token without a digit can start one of the matches of `dates(in:)`: a month
    /// (by its key), a weekday, a relative phrase (by its first two words), or a range opener
    /// before a number. Digests only: testing the first word of a relative phrase alone let
    /// through one token in six ("le", "la", "de") to four string lookups that found nothing.
    private func mayStartWithoutDigit(_ tokens: [Token], at index: Int) -> Bool {
        let hash = tokens[index].hash
        if calendarWordFilter.mightContain(tokens[index].keyHash) || calendarWordFilter.mightContain(hash)
            || relativeOpeningFilter.mayOpen(tokens, at: index) { return true }
        return index + 1 < tokens.count && tokens[index + 1].hasDigit && rangeOpenerFilter.mightContain(hash)
    }

    private func relativePhrase(_ tokens: [Token], at index: Int) -> (Int, DateLexicon.Shift)? {
        guard DateLexicon.relativeStartFilter.mightContain(tokens[index].hash),
              let candidates = DateLexicon.relativePhrasesByFirstWord[tokens[index].folded] else { return nil }
        var best: (Int, DateLexicon.Shift)?
        for (words, shift) in candidates where words.count > (best?.0 ?? 0) && index + words.count <= tokens.count {
            if tokens.hasWords(words, at: index) { best = (words.count, shift) }
        }
        return best
    }

    /// The year in which `month` is closest to the publication day.
    private func nearestYear(month: Int, to day: CalendarDay) -> Int {
        let candidates = [day.year - 1, day.year, day.year + 1]
        return candidates.min { abs(($0 * 12 + month) - (day.year * 12 + day.month)) < abs(($1 * 12 + month) - (day.year * 12 + day.month)) }!
    }

    private func resolve(_ shift: DateLexicon.Shift) -> (String?, DateMention.Precision, String?) {
        guard let day = published else {
            if case .season(let name, _) = shift { return (nil, .relative, name) }
            return (nil, .relative, nil)
        }
        switch shift {
        case .day(let offset):
            return (day.adding(days: offset).iso, .day, nil)
        case .week(let offset):
            let monday = day.adding(days: -day.weekday + 7 * offset)
            return ("\(monday.iso)/\(monday.adding(days: 6).iso)", .range, nil)
        case .month(let offset):
            let total = day.year * 12 + (day.month - 1) + offset
            return ("\(total / 12)-\(pad(total % 12 + 1))", .month, nil)
        case .year(let offset):
            return ("\(day.year + offset)", .year, nil)
        case .season(let name, let offset):
            // "le printemps dernier" read in autumn is this year's spring; read in winter, last year's.
            let seasonStart = ["printemps": 3, "spring": 3, "été": 6, "summer": 6, "automne": 9, "fall": 9, "hiver": 12, "winter": 12][name] ?? 1
            let year = day.month > seasonStart + 2 ? day.year : day.year + offset
            return ("\(year)", .year, name)
        case .unresolvable:
            return (nil, .relative, nil)
        }
    }
}
