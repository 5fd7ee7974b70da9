/// Finds sums of money: a number (French or English format, or a number word), a scale
/// ("milliards", "Md", "bn"), a currency (symbol, code or word) and what qualifies it ("plus de",
/// "up to", "environ"); and vague magnitudes ("plusieurs milliards", "tens of billions").
/// A scale without a currency is money only when nothing else is counted ("150 milliards de
/// paramètres" is not); its currency then comes from the article's last explicit one.
struct AmountRecognizer {
    let language: Language

    static let scales: WordMap<Double> = [
        "milliard": 1e9, "milliards": 1e9, "md": 1e9, "mds": 1e9, "mrd": 1e9, "mrds": 1e9, "billion": 1e9, "billions": 1e9,
        "bn": 1e9, "b": 1e9, "million": 1e6, "millions": 1e6, "m": 1e6, "mn": 1e6, "mio": 1e6, "trillion": 1e12,
        "trillions": 1e12, "tn": 1e12, "k": 1e3, "thousand": 1e3, "mille": 1e3,
    ]
    static let currencyWords: WordMap<String> = [
        "$": "USD", "dollars": "USD", "dollar": "USD", "usd": "USD", "€": "EUR", "euros": "EUR", "euro": "EUR",
        "eur": "EUR", "£": "GBP", "livres": "GBP", "pounds": "GBP", "gbp": "GBP", "sterling": "GBP", "yens": "JPY", "yen": "JPY",
        "jpy": "JPY", "yuans": "CNY", "yuan": "CNY", "cny": "CNY", "francs": "CHF", "chf": "CHF", "couronnes": "SEK", "sek": "SEK",
    ]
    static let numberWords: WordMap<Double> = [
        "un": 1, "une": 1, "one": 1, "a": 1, "deux": 2, "two": 2, "trois": 3, "three": 3, "quatre": 4, "four": 4,
        "cinq": 5, "five": 5, "six": 6, "sept": 7, "seven": 7, "huit": 8, "eight": 8, "neuf": 9, "nine": 9, "dix": 10, "ten": 10,
    ]
    /// Vague plural magnitudes and the order of magnitude the conventions give them.
    static let vagueMultipliers: WordMap<Double> = [
        "plusieurs": 1, "several": 1, "quelques": 1, "few": 1, "des": 1, "dizaines": 10, "tens": 10, "centaines": 100, "hundreds": 100,
    ]
    static let qualifiers: [([String], Amount.Qualifier)] = [
        (["plus", "de"], .moreThan), (["plus", "d'"], .moreThan), (["more", "than"], .moreThan), (["over"], .moreThan),
        (["above"], .moreThan), (["upwards", "of"], .moreThan), (["au-dela", "de"], .moreThan), (["superieur", "a"], .moreThan),
        (["environ"], .about), (["pres", "de"], .about), (["pres", "d'"], .about), (["autour", "de"], .about),
        (["around"], .about), (["about"], .about), (["roughly"], .about), (["approximately"], .about), (["nearly"], .about),
        (["almost"], .about), (["quelque"], .about), (["~"], .about), (["some"], .about), (["estimated", "at"], .about),
        (["jusqu'", "a"], .lessThan), (["up", "to"], .lessThan), (["moins", "de"], .lessThan), (["moins", "d'"], .lessThan),
        (["less", "than"], .lessThan), (["under"], .lessThan), (["at", "most"], .lessThan), (["as", "much", "as"], .lessThan),
    ]
    /// Nouns that a scale can count instead of money.
    static let countedNouns: WordSet = [
        "parametres", "parameters", "utilisateurs", "users", "personnes", "people", "habitants", "tokens", "abonnes",
        "subscribers", "clients", "customers", "visiteurs", "visitors", "telechargements", "downloads", "requetes",
        "queries", "vues", "views", "km", "kilometres", "miles", "tonnes", "tons", "barils", "barrels", "voitures", "cars",
        "exemplaires", "copies", "appareils", "devices", "puces", "chips", "gpu", "gpus", "heures", "hours", "jours", "days",
        "annees", "years", "mois", "months", "emplois", "jobs", "salaries", "employes", "employees", "lignes", "lines",
        "mots", "words", "pages", "actions", "shares",
        "de", "d'", "of", "watts", "gigawatts", "mw", "gw", "kwh", "twh", "fois", "times", "points", "%", "pour", "per",
    ]

    static let startWords: Set<String> = Set(currencyWords.keys).union(numberWords.keys).union(vagueMultipliers.keys)
        .union(["billions", "trillions"])
    static let startFilter = WordFilter(startWords)
    /// What must follow a start word without a digit for the branches below to find a sum: a
    /// scale ("deux milliards"), or for a vague magnitude also another one, "de", "of" or a
    /// range word ("des dizaines de milliards"). A currency symbol first needs a number after.
    static let scaleFilter = WordFilter(scales.keys)
    /// English "billions" and "trillions" make a vague sum alone ("billions in losses").
    static let bareScaleFilter = WordFilter(["billions", "trillions"])
    static let vagueFilter = WordFilter(vagueMultipliers.keys)
    static let vagueFollowerFilter = WordFilter(Array(scales.keys) + Array(vagueMultipliers.keys) + ["de", "d'", "of", "voire", "ou", "or", "to", "a"])

    func amounts(in analyses: [SentenceAnalysis]) -> [Amount] {
        var lastCurrency: String?
        var result: [Amount] = []
        for analysis in analyses {
            let found = amounts(in: analysis, contextCurrency: lastCurrency ?? (language == .english ? "USD" : "EUR"))
            for amount in found where !amount.currencyInferred { lastCurrency = amount.currency }
            result += found
        }
        return result
    }

    private func number(_ token: Token) -> (Double, suffix: String)? {
        guard token.hasDigit, token.text.unicodeScalars.first?.isDigit == true else { return nil }
        var digits = String.UnicodeScalarView()
        var suffix = String.UnicodeScalarView()
        for scalar in token.text.unicodeScalars {
            if suffix.isEmpty && (scalar.isDigit || scalar == "," || scalar == ".") { digits.append(scalar) } else { suffix.append(scalar) }
        }
        guard let first = digits.first, first.isDigit else { return nil }
        var text = String(digits)
        if let comma = text.firstIndex(of: ",") {
            let after = text[text.index(after: comma)...]
            // "1,000" is a thousands group in English; "6,2" is a French decimal.
            if language == .english && after.count == 3 && !after.contains(",") && !after.contains(".") || after.count == 3 && text.filter({ $0 == "," }).count > 1 {
                text = text.replacingDot(with: "").split(separator: ",").joined()
            } else {
                text = text.split(separator: ",").joined(separator: ".")
            }
        }
        guard let value = Double(text) else { return nil }
        return (value, foldForMatching(String(suffix)))
    }

    /// Whether a start word without a digit is followed as one of the branches of
    /// `amounts(in:contextCurrency:)` needs: a number after a currency, a scale after a number
    /// word, a scale or a linking word after a vague magnitude; "billions" needs nothing.
    private func mayStartWithoutDigit(_ tokens: [Token], at index: Int) -> Bool {
        if language == .english && Self.bareScaleFilter.mightContain(tokens[index].hash) { return true }
        guard index + 1 < tokens.count else { return false }
        let next = tokens[index + 1]
        if next.hasDigit || Self.scaleFilter.mightContain(next.hash) { return true }
        return Self.vagueFilter.mightContain(tokens[index].hash) && Self.vagueFollowerFilter.mightContain(next.hash)
    }

    private func amounts(in analysis: SentenceAnalysis, contextCurrency: String) -> [Amount] {
        let tokens = analysis.tokens
        // Asked of every word: read once, not through the static's initialisation check each time.
        let startFilter = Self.startFilter
        var result: [Amount] = []
        var index = 0
        func word(_ position: Int) -> String { position >= 0 && position < tokens.count ? tokens[position].folded : "" }
        func currency(at position: Int) -> (String, Int)? {
            // "$", "dollars", "de dollars", "d'euros", "US$", "M$" handled by the caller.
            var probe = position
            if ["de", "d'", "of"].contains(word(probe)) { probe += 1 }
            if let code = Self.currencyWords[word(probe)] { return (code, probe + 1) }
            if word(probe).hasPrefix("d'"), let code = Self.currencyWords[String(word(probe).dropFirst(2))] { return (code, probe + 1) }
            return nil
        }
        while index < tokens.count {
            // Only a number, a currency, a number word or a vague magnitude starts an amount, and
            // the word after says whether one can ("un" and "des" are among the commonest words).
            guard tokens[index].hasDigit
                || (startFilter.mightContain(tokens[index].hash) && mayStartWithoutDigit(tokens, at: index)
                    && Self.startWords.contains(tokens[index].folded)) else {
                index += 1
                continue
            }
            var start = index
            var end = index
            var value: Double?
            var currencyCode: String?
            var vague = false
            // Leading currency: "$3.5 billion", "€200 million", "USD 10 million".
            if let code = Self.currencyWords[word(index)], ["$", "€", "£", "usd", "eur", "gbp"].contains(word(index)),
               index + 1 < tokens.count, number(tokens[index + 1]) != nil {
                currencyCode = code
                end = index + 1
                // "US$ 10 million": the tokenizer leaves "US" before the "$".
                if word(index) == "$", index > 0, word(index - 1) == "us", tokens[index - 1].end == tokens[index].start { start = index - 1 }
            }
            if let (number, suffix) = end < tokens.count ? number(tokens[end]) : nil {
                var amount = number
                end += 1
                // Thousands written with spaces: "1 000 000".
                while end < tokens.count, tokens[end].scalarCount == 3, tokens[end].text.unicodeScalars.allSatisfy(\.isDigit),
                      tokens[end].start == tokens[end - 1].end + 1 { amount = amount * 1000 + Double(tokens[end].text)!; end += 1 }
                if let scale = Self.scales[suffix] {
                    // "7B" in "Mistral 7B" counts parameters: a glued scale needs a currency.
                    if currencyCode == nil && Self.currencyWords[word(end)] == nil && !["$", "€", "£"].contains(word(end)) {
                        index += 1
                        continue
                    }
                    amount *= scale
                } else if !suffix.isEmpty {
                    if let code = Self.currencyWords[suffix] { currencyCode = code } else { index += 1; continue }
                }
                if suffix.isEmpty, let scale = Self.scales[word(end)], !(word(end) == "m" && tokens[end].text == "m") || Self.currencyWords[word(end + 1)] != nil {
                    amount *= scale
                    end += 1
                    if word(end) == "de" && Self.scales[word(end + 1)] == 1e9 && scale == 1e3 { amount *= 1e9; end += 2 }
                }
                value = amount
            } else if let multiplier = Self.numberWords[word(index)], let scale = Self.scales[word(index + 1)], scale >= 1e6 {
                value = multiplier * scale
                end = index + 2
            } else if let multiplier = Self.vagueMultipliers[word(index)] {
                // "plusieurs milliards", "des dizaines de milliards", "tens of billions"
                var probe = index + 1
                var magnitude = multiplier
                if multiplier == 1, let next = Self.vagueMultipliers[word(probe)], next > 1 { magnitude = next; probe += 1 }
                var rangeEnd: Int?
                if magnitude > 1 || ["des", "quelques", "few"].contains(word(index)) {
                    if ["de", "d'", "of"].contains(word(probe)) { probe += 1 }
                    // "des dizaines voire des centaines de millions": each bound is an amount of the later scale.
                    if ["voire", "ou", "or", "to", "a"].contains(word(probe)) {
                        var next = probe + 1
                        if ["de", "des", "d'"].contains(word(next)) { next += 1 }
                        if Self.vagueMultipliers[word(next)] != nil {
                            rangeEnd = next
                            probe = next + 1
                            if ["de", "d'", "of"].contains(word(probe)) { probe += 1 }
                        }
                    }
                }
                if probe < tokens.count, let scale = Self.scales[word(probe)], scale >= 1e6, word(probe).hasSuffix("s") {
                    value = magnitude * scale
                    end = probe + 1
                    vague = true
                    if let rangeEnd {
                        // Emit the lower bound now; the upper bound is read again from `rangeEnd`.
                        var textEnd = end
                        if let (_, next) = currency(at: end) { textEnd = next }
                        result.append(Amount(text: analysis.text(index..<textEnd), value: magnitude * scale,
                                             currency: currency(at: end)?.0 ?? contextCurrency, qualifier: .several,
                                             sentence: analysis.sentence.id, currencyInferred: currency(at: end) == nil))
                        index = rangeEnd
                        continue
                    }
                }
            } else if language == .english, ["billions", "trillions"].contains(word(index)), index > 0,
                      !["of", "de"].contains(word(index - 1)) || true {
                value = Self.scales[word(index)]!
                end = index + 1
                vague = true
                start = index
            }
            guard var amount = value else { index += 1; continue }
            var inferred = false
            if currencyCode == nil {
                if let (code, next) = currency(at: end) {
                    currencyCode = code
                    end = next
                } else if end < tokens.count, ["$", "€", "£"].contains(tokens[end].text) {
                    currencyCode = Self.currencyWords[tokens[end].text]
                    end += 1
                }
            }
            if currencyCode == nil {
                // No currency: money only if a scale was given and nothing else is counted.
                let hadScale = amount >= 1e6 || vague
                let next = word(end)
                if !hadScale || Self.countedNouns.contains(next) || (next.hasPrefix("d'") && Self.currencyWords[String(next.dropFirst(2))] == nil) {
                    index = max(end, index + 1)
                    continue
                }
                currencyCode = contextCurrency
                inferred = true
            }
            // What qualifies it, read backwards from the start.
            var qualifier: Amount.Qualifier = vague ? .several : .exact
            if !vague {
                for (words, kind) in Self.qualifiers where start - words.count >= 0 {
                    if tokens.hasWords(words, at: start - words.count) {
                        qualifier = kind
                        start -= words.count
                        break
                    }
                }
            }
            if vague && amount < 1e6 { amount = 1e9 }
            result.append(Amount(text: analysis.text(start..<end), value: amount, currency: currencyCode!, qualifier: qualifier,
                                 sentence: analysis.sentence.id, currencyInferred: inferred))
            index = end
        }
        return result
    }
}
