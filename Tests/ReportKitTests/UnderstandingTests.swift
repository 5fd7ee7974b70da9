import Foundation
import Testing
@testable import ReportKit

/// Builds the facts of a small article written for the test.
func facts(_ body: String, published: String? = nil, language: String? = nil) throws -> Report {
    var front = ""
    if published != nil || language != nil {
        front = "---\n" + (published.map { "published: \($0)\n" } ?? "") + (language.map { "language: \($0)\n" } ?? "") + "---\n"
    }
    let article = try loadArticle(front + "Un titre de test\n" + body + "\n")
    let (facts, _) = try Understanding(extraGazetteer: nil).facts(for: article, fallbackPublished: nil)
    return Report(article: article, facts: facts)
}

@Suite("Entities and roles")
struct EntityTests {
    @Test("known names, epithets, elisions and possessives resolve to one entity", arguments: [
        ("Le géant de Redmond a rencontré les équipes d'OpenAI à Paris.", ["Microsoft", "OpenAI", "Paris", "Redmond"]),
        ("La firme de Cupertino vend l'iPhone.", ["Apple", "iPhone", "Cupertino"]),
        ("Apple's new deal with Google puts Gemini inside Siri.", ["Apple", "Google", "Gemini", "Siri"]),
        ("Microsoft Copilot s'appuie sur les modèles d'OpenAI ; Copilot reste payant.", ["Copilot", "OpenAI"]),
    ])
    func known(text: String, names: [String]) throws {
        let report = try facts(text)
        #expect(Set(report.entities.map(\.name)) == Set(names))
    }

    @Test("unknown names are found from capitalisation, typed by their shape")
    func unknownNames() throws {
        let report = try facts("La start-up Verdane Robotics a recruté Julie Marchand. Elle utilise le modèle Orion-2X de la société.")
        let byName = Dictionary(report.entities.map { ($0.name, $0.kind) }, uniquingKeysWith: { first, _ in first })
        #expect(byName["Verdane Robotics"] == .organization)
        #expect(byName["Julie Marchand"] == .person)
        #expect(byName["Orion-2X"] == .product)
        #expect(byName["La"] == nil && byName["Elle"] == nil)
    }

    @Test("roles stated by appositions and titles", arguments: [
        ("Selon Claire Martin, directrice financière de Globex, la marge baisse.", "Claire Martin", "directrice financière de Globex"),
        ("Le PDG de Globex, Paul Durand, a démissionné.", "Paul Durand", "PDG de Globex"),
        ("Initech CEO Michael Bolton said the plan works.", "Michael Bolton", "Initech CEO"),
        ("Sarah Connor, chief operating officer of Cyberdyne, left.", "Sarah Connor", "chief operating officer of Cyberdyne"),
    ])
    func roles(text: String, person: String, role: String) throws {
        let report = try facts(text)
        let entity = try #require(report.entities.first { $0.name == person })
        #expect(entity.kind == .person)
        #expect(entity.role == role)
        #expect(entity.roleOrganization != nil)
    }

    @Test("a short form joins the full name")
    func surnames() throws {
        let report = try facts("Paul Durand dirige Globex. Durand a confirmé la nouvelle.")
        #expect(report.entities.filter { $0.kind == .person }.map(\.name) == ["Paul Durand"])
        #expect(report.entities.first { $0.name == "Paul Durand" }?.mentions.count == 2)
    }
}

@Suite("Dates")
struct DateTests {
    @Test("absolute dates are normalised with their precision", arguments: [
        ("Les ventes ont doublé entre 2019 et 2023.", "2019/2023"),
        ("L'accord a été signé en janvier 2025.", "2025-01"),
        ("Le lancement est prévu en mars ou avril 2026.", "2026-03/2026-04"),
        ("Le contrat court jusqu'en 2030.", "2030"),
        ("La décision est tombée le 3 février 2025.", "2025-02-03"),
        ("The company was founded on March 4, 2021.", "2021-03-04"),
        ("Profits fell at the end of 2022.", "2022"),
        ("Le produit sortira au printemps 2026.", "2026"),
    ])
    func absolute(text: String, value: String) throws {
        let report = try facts(text)
        #expect(report.dates.map(\.value) == [value])
        #expect(report.dates.first?.relative == false)
    }

    @Test("relative dates stay unresolved without a publication date, and resolve with one", arguments: [
        ("Le mois dernier, Globex a intégré l'outil.", "2025-01"),
        ("L'an dernier, le marché a reculé.", "2024"),
        ("Globex a annoncé mardi un nouveau plan.", "2025-02-11"),
        ("Last month the firm raised prices.", "2025-01"),
        ("Initech said on Monday that it would merge.", "2025-02-10"),
    ])
    func relative(text: String, resolved: String) throws {
        let unanchored = try facts(text)
        #expect(unanchored.dates.count == 1)
        #expect(unanchored.dates.first?.value == nil)
        #expect(unanchored.dates.first?.relative == true)
        let anchored = try facts(text, published: "2025-02-12")
        #expect(anchored.dates.first?.value == resolved)
        #expect(anchored.dates.first?.relative == true)
    }

    /// The recogniser lets a token without a digit go further only when digests say it may
    /// start a match: every phrase of the lexicon must still get through.
    @Test("every relative phrase of the lexicon is found in running text", arguments: DateLexicon.relativePhrases.map(\.0))
    func everyRelativePhrase(words: [String]) throws {
        let english = ["last", "next", "this", "earlier", "so", "over", "in", "yesterday", "today", "tomorrow"].contains(words[0])
        let phrase = LexiconTests.text(of: words)
        let text = english ? "Globex said \(phrase) that sales grew." : "Globex a indiqué \(phrase) que les ventes progressent."
        let report = try facts(text, published: "2025-02-12", language: english ? "en" : "fr")
        #expect(report.dates.map(\.text) == [phrase])
    }

    @Test("months with a dot, weekdays and ranges opened by a word", arguments: [
        ("La mise à jour est arrivée le 3 janv. 2025 chez Globex.", "2025-01-03"),
        ("Le chantier ouvrira en sept. 2026, selon Globex.", "2026-09"),
        ("Globex a signé vendredi avec Initech.", "2025-02-07"),
        ("Les ventes ont doublé de 2019 à 2023.", "2019/2023"),
        ("Sales doubled from 2019 to 2023.", "2019/2023"),
        ("Initech closed the deal on Feb. 3, 2025.", "2025-02-03"),
    ])
    func startWordsWithoutDigits(text: String, value: String) throws {
        #expect(try facts(text, published: "2025-02-12").dates.map(\.value) == [value])
    }

    @Test("durations, frequencies and counts are not dates", arguments: [
        "Globex travaille sur ce projet depuis deux ans.",
        "Globex travaille sur ce projet depuis sept ans.",
        "Le rapport paraît tous les six mois.",
        "L'usine emploie 2030 personnes.",
        "The four-year-old company grew fast.",
        "En sept mois, la société a doublé.",
    ])
    func notDates(text: String) throws {
        #expect(try facts(text).dates.isEmpty)
    }
}

@Suite("Money")
struct AmountTests {
    @Test("amounts with value, currency and qualifier", arguments: [
        ("Globex a levé plus de 10 milliards de dollars.", 1e10, "USD", Amount.Qualifier.moreThan),
        ("Le projet coûte 6,2 Md€.", 6.2e9, "EUR", .exact),
        ("Initech raised $3.5 billion.", 3.5e9, "USD", .exact),
        ("Nvidia could invest up to $100bn.", 1e11, "USD", .lessThan),
        ("Le rachat vaut environ 120 millions d'euros.", 1.2e8, "EUR", .about),
        ("Globex a investi plusieurs milliards de dollars.", 1e9, "USD", .several),
        ("The group is worth around £4.5 trillion.", 4.5e12, "GBP", .about),
        ("Apple paiera près d'un milliard de dollars par an.", 1e9, "USD", .about),
    ])
    func amounts(text: String, value: Double, currency: String, qualifier: Amount.Qualifier) throws {
        let report = try facts(text)
        #expect(report.amounts.count == 1)
        let amount = try #require(report.amounts.first)
        #expect(abs(amount.value - value) / value < 0.001)
        #expect(amount.currency == currency)
        #expect(amount.qualifier == qualifier)
    }

    @Test("a currency written before the number is part of the amount's text", arguments: [
        ("Globex raised US$ 10 million from Initech.", "US$ 10 million"),
        ("Initech raised $3.5 billion.", "$3.5 billion"),
        ("Le fonds a levé € 200 millions.", "€ 200 millions"),
    ])
    func leadingCurrency(text: String, written: String) throws {
        #expect(try facts(text).amounts.map(\.text) == [written])
    }

    @Test("counts that are not money are left out", arguments: [
        "Le modèle compte 150 milliards de paramètres.",
        "Mistral 7B a été téléchargé partout.",
        "La croissance atteint 12 %.",
    ])
    func notMoney(text: String) throws {
        #expect(try facts(text).amounts.isEmpty)
    }
}

@Suite("Quotes and claims")
struct QuoteAndClaimTests {
    @Test("quotes are attributed to their speaker", arguments: [
        ("« Nous allons accélérer la production cette année », a déclaré Paul Durand, PDG de Globex.", "Paul Durand"),
        ("\"We will ship the product in the spring,\" said Sarah Connor.", "Sarah Connor"),
        ("Selon Claire Martin : « le marché reste très tendu ».", "Claire Martin"),
        ("« Le marché reste très tendu cette année », d'après Claire Martin.", "Claire Martin"),
    ])
    func attributed(text: String, speaker: String) throws {
        let report = try facts(text)
        let quote = try #require(report.quotes.first)
        #expect(report.entities.first { $0.id == quote.speaker }?.name == speaker)
    }

    @Test("a pronoun continues the previous speaker; an unnamed source gives none")
    func anaphora() throws {
        let report = try facts("« Le plan est prêt depuis longtemps », a déclaré Paul Durand. « Nous le lancerons bientôt partout », a-t-il ajouté. « Les ventes progressent encore nettement », indique un communiqué.")
        #expect(report.quotes.count == 3)
        let durand = report.entities.first { $0.name == "Paul Durand" }?.id
        #expect(report.quotes.map(\.speaker) == [durand, durand, nil])
    }

    @Test("a sentence holds quotation marks when one of its tokens is one; apostrophes are not", arguments: [
        ("Il a dit « oui » hier.", true), ("He said \"yes\" today.", true), ("“Yes,” she said.", true),
        ("Il a dit „ja“ hier.", true), ("L'État d’Apple n'a rien dit, it's Paul's.", false), ("Rien à signaler (ni [ici]).", false),
    ])
    func quotationMarks(text: String, expected: Bool) {
        let sentence = Sentence(id: "s1", text: text, range: TextRange(start: 0, end: text.unicodeScalars.count),
                                location: SourceLocation(line: 1, column: 1))
        let analysis = SentenceAnalysis(sentence: sentence, tokens: Tokenizer.tokens(text), mentions: [])
        #expect(analysis.hasQuotationMarks == expected)
        #expect(analysis.quotePairs == SentenceSplitter.matchingQuotes(Array(text.unicodeScalars)))
    }

    @Test("names in quotes and short scare quotes are not quotes")
    func notQuotes() throws {
        #expect(try facts("La famille, baptisée « Atlas », sera « record ».").quotes.isEmpty)
    }

    @Test("claims are marked reported, anonymous or hedged", arguments: [
        ("Selon Bloomberg, Globex prépare une offre.", Status.reported),
        ("Globex préparerait une offre.", .hedged),
        ("Une personne au fait du dossier a confié que Globex hésite.", .anonymous),
        ("Initech is reportedly preparing a bid.", .hedged),
        ("People familiar with the matter said Initech will sell.", .anonymous),
    ])
    func claims(text: String, status: Status) throws {
        let report = try facts(text)
        #expect(report.claims.first?.status == status)
    }

    @Test("French cues written with an elision are found", arguments: [
        ("D'après Bloomberg, Globex prépare une offre.", Status.reported, "D'après"),
        ("Un cadre a indiqué sous couvert d'anonymat que Globex hésite.", .anonymous, "sous couvert d'anonymat"),
    ])
    func elidedCues(text: String, status: Status, cue: String) throws {
        let claim = try #require(try facts(text).claims.first)
        #expect(claim.status == status)
        #expect(claim.cues.first == cue)
    }

    /// The recogniser looks further only where digests say a cue may start: every cue of the
    /// lexicon must still be found.
    @Test("every cue phrase of the lexicon is found", arguments: ClaimLexicon.reportedBefore + ClaimLexicon.anonymous
        + ClaimLexicon.hedgedPhrases + ClaimLexicon.hedgedWords.words.sorted().map { [$0] })
    func everyCue(words: [String]) throws {
        let phrase = LexiconTests.text(of: words)
        let report = try facts("Globex, \(phrase) Initech, prépare une offre.")
        #expect(report.claims.first?.cues.contains(phrase) == true)
    }

    @Test("a plain statement and conditional words inside a quote are not hedged claims")
    func notClaims() throws {
        #expect(try facts("Globex a publié ses résultats.").claims.isEmpty)
        #expect(try facts("« Ce serait une erreur de tout arrêter », a déclaré Paul Durand.").claims.isEmpty)
    }
}

@Suite("Relations and events")
struct RelationTests {
    @Test("typed relations between stakeholders", arguments: [
        ("Microsoft a investi 10 milliards de dollars dans OpenAI.", "Microsoft", Relation.Kind.investsIn, "OpenAI"),
        ("OpenAI s'est allié à SoftBank et Oracle.", "OpenAI", .partnersWith, "Oracle"),
        ("Apple a racheté la start-up Verdane Robotics.", "Apple", .acquires, "Verdane Robotics"),
        ("Nvidia invested $5 billion in Intel.", "Nvidia", .investsIn, "Intel"),
        ("Le modèle o1 d'OpenAI progresse.", "OpenAI", .develops, "o1"),
    ])
    func typed(text: String, source: String, kind: Relation.Kind, target: String) throws {
        let report = try facts(text)
        let names = Dictionary(report.entities.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        #expect(report.relations.contains { names[$0.source] == source && $0.kind == kind && names[$0.target] == target },
                "\(report.relations)")
    }

    @Test("a role gives a works-for relation")
    func roleRelation() throws {
        let report = try facts("Paul Durand, directeur général de Globex, confirme.")
        #expect(report.relations.contains { $0.kind == .leads })
    }

    @Test("a sentence with two dates gives two events; an announcement without date is undated")
    func events() throws {
        let report = try facts("Globex a ouvert une usine en 2021 et une autre en 2024. Initech a annoncé un plan de 2 milliards d'euros.")
        #expect(report.events.filter { $0.date != nil }.count == 2)
        #expect(report.events.contains { $0.date == nil && $0.sentence == "s2" })
    }
}

@Suite("Lexicons")
struct LexiconTests {
    /// Every phrase of a phrase lexicon, as the recognisers compare it with folded tokens.
    static let phrases: [[String]] = DateLexicon.relativePhrases.map(\.0) + ClaimLexicon.reportedBefore + ClaimLexicon.anonymous
        + ClaimLexicon.hedgedPhrases + AmountRecognizer.qualifiers.map(\.0)

    /// A phrase is compared token by token: one the tokenizer would cut differently ("l'annee"
    /// is two tokens, "l'" and "annee") can never be found, and nothing else would say so.
    /// Word lists compared with one token at a time, by name.
    static let wordLists: [(String, [String])] = [
        ("until cues", DateLexicon.untilCues.words.sorted()), ("since cues", DateLexicon.sinceCues.words.sorted()),
        ("nouns counted after a year", DateLexicon.countedNouns.words.sorted()),
        ("reported after", ClaimLexicon.reportedAfter.words.sorted()), ("hedged words", ClaimLexicon.hedgedWords.words.sorted()),
        ("speech verbs", QuoteRecognizer.speechVerbs.words.sorted()), ("pronouns", QuoteRecognizer.pronouns.words.sorted()),
        ("continuations", QuoteRecognizer.continuations.words.sorted()), ("unnamed sources", QuoteRecognizer.unnamedSources.words.sorted()),
        ("nouns counted after a sum", AmountRecognizer.countedNouns.words.sorted()), ("scales", AmountRecognizer.scales.keys.sorted()),
        ("currencies", AmountRecognizer.currencyWords.keys.sorted()), ("number words", AmountRecognizer.numberWords.keys.sorted()),
        ("vague magnitudes", AmountRecognizer.vagueMultipliers.keys.sorted()), ("relation words", RelationLexicon.words.keys.sorted()),
        ("not relation cues", RelationLexicon.notCues.words.sorted()), ("role heads", RoleLexicon.heads.words.sorted()),
    ]

    /// A word the tokenizer would cut in two, or fold to other letters ("renchérir" is
    /// "rencherir" once folded), is never equal to a token: nothing else would say so.
    @Test("words compared with one token are written as one folded token", arguments: wordLists)
    func singleTokens(list: String, words: [String]) {
        for word in words {
            let elided = word.hasSuffix("'")
            let tokens = Tokenizer.tokens(word + (elided ? "un" : "")).map(\.folded)
            #expect(tokens.first == word && tokens.count == (elided ? 2 : 1), "\(list): \(word) reads as \(tokens)")
        }
    }

    @Test("elisions and attributive suffixes are cut off in any case, and only they", arguments: [
        ("d'OpenAI", ["d'", "OpenAI"]), ("D'OPENAI", ["D'", "OPENAI"]), ("Jusqu'ici", ["Jusqu'", "ici"]),
        ("QUELQU’UN", ["QUELQU’", "UN"]), ("Ç'a été", ["Ç'", "a", "été"]), ("aujourd'hui", ["aujourd'hui"]),
        ("O'Brien", ["O'Brien"]), ("3D'x", ["3D'x"]), ("dé'j", ["dé'j"]), ("Apple's", ["Apple", "'s"]),
        ("Paris-based", ["Paris", "-", "based"]), ("Spark Capital-LED", ["Spark", "Capital", "-", "LED"]),
        ("Paris-basé", ["Paris-basé"]), ("Paris_based", ["Paris_based"]), ("Paris-based2", ["Paris", "-", "based2"]),
        ("Saint-Denis", ["Saint-Denis"]), ("X-headquartered", ["X", "-", "headquartered"]), ("e-\u{212A}", ["e-\u{212A}"]),
    ])
    func elisionsAndSuffixes(text: String, expected: [String]) {
        #expect(Tokenizer.tokens(text).map(\.text) == expected)
    }

    @Test("a set answers for a token as for its folded form, accents and odd encodings included")
    func tokenLookups() {
        let set: WordSet = ["selon", "apres", "k", "ecole", "«", "deja-vu", "pdg"]
        // Composed and decomposed accents, a Kelvin sign (canonically a "K"), capitals, punctuation.
        let text = "Selon SELON après apre\u{300}s \u{212A} K École E\u{301}cole « » déjà-vu PDG pdg. selonx"
        let tokens = Tokenizer.tokens(text)
        // (A decomposed accent is a token of its own: "apre", "̀", "s".)
        #expect(tokens.count == 19)
        for token in tokens {
            #expect(set.contains(token) == set.contains(token.folded), "\(token.text) folded as \(token.folded)")
        }
        #expect(tokens.filter { set.contains($0) }.map(\.text) == ["Selon", "SELON", "après", "\u{212A}", "K", "École", "«", "déjà-vu", "PDG", "pdg"])
    }

    /// The words as running text: an elision joins the next word ("l'" + "annee").
    static func text(of words: [String]) -> String {
        words.reduce("") { text, word in text.isEmpty || text.hasSuffix("'") ? text + word : text + " " + word }
    }

    @Test("phrases are written as the tokenizer cuts them", arguments: phrases)
    func tokenized(words: [String]) {
        // A phrase that ends with an elision ("plus d'") is followed by its word in text.
        let elided = words.last?.hasSuffix("'") == true
        let tokens = Tokenizer.tokens(Self.text(of: words) + (elided ? "un" : "")).map(\.folded)
        #expect(Array(tokens.prefix(words.count)) == words)
        #expect(tokens.count == words.count + (elided ? 1 : 0))
    }
}

@Suite("Date values read from UTF-8")
struct ISOValueTests {
    @Test("fields and range ends read as String.split did", arguments: [
        "2025", "2025-01", "2025-01-14", "2019/2023", "2025-01/2025-03", "+5-07", "2025--03", "-2025-", "2025-1a-3",
        "99999999999999999999-1", "", "/2023", "2019/", "2019/2020/2021", "é-3",
    ])
    func matchesSplit(value: String) {
        #expect(ISOValue.fields(value) == value.split(separator: "-").compactMap { Int($0) })
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        let expected = parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty ? (String(parts[0]), String(parts[1])) : nil
        #expect(ISOValue.rangeEnds(value)?.0 == expected?.0 && ISOValue.rangeEnds(value)?.1 == expected?.1)
        #expect(ISOValue.start(value) == value.split(separator: "/", omittingEmptySubsequences: false).first ?? "")
    }
}

@Suite("Text scanning helpers")
struct TextScanningTests {
    @Test("folding into a buffer writes the bytes of the folded string, and a matcher finds the same")
    func foldingIntoBuffer() {
        var generator = SeededGenerator(seed: 17)
        let pieces: [String] = ["Il", " ", "  ", "\t", "\n", "\u{A0}", "\u{202F}", "VOUS", "reste", "É", "e\u{301}", "ß", "Œ", "’", "`",
                                "abonnés", "La suite est réservée", "日本", "👩‍💻", "\u{212A}", "İ", "-", "%", "79"]
        let matcher = TruncationLexicon.noticeMatchers[.french]!
        for _ in 0..<2_000 {
            let text = (0..<Int(generator.next() % 12)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            let scalars = Array(text.unicodeScalars)
            let expected = foldForMatching(scalars: scalars)
            let (bytes, matched) = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: scalars.count * 4) { buffer in
                let written = UnsafeBufferPointer(rebasing: buffer[..<foldForMatching(scalars, into: buffer)])
                return (Array(written), matcher.matches(written))
            }
            #expect(bytes == Array(expected.utf8), "\(text.unicodeScalars.map(\.value))")
            #expect(matched == matcher.matches(expected), "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test("the language detector's eight-byte word walk counts what its byte walk counts")
    func languageCountsAgree() {
        var generator = SeededGenerator(seed: 29)
        let pieces: [String] = ["le", "La", "LES", "the", "The", "and", "of", "qu", "l", "d", "it", "cette", "which", "elle", "abcdefgh",
                                "Thes", "é", "École", "ß", "日本", " ", "  ", "'", "’", ",", ".", "-", "\n", "7", "«", "»", "@", "[", "`", "{"]
        for round in 0..<20_000 {
            let text = (0..<Int(generator.next() % 40)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            let bytes = Array(text.utf8)
            let (fast, slow) = bytes.withUnsafeBufferPointer { (LanguageDetector.counts($0), LanguageDetector.countsByteByByte($0)) }
            #expect(fast == slow, "round \(round): \(text)")
            if fast != slow { return }
        }
        // A text of listed words decides as they say.
        #expect(LanguageDetector.detect("The report said that it was in the works, and the board has seen it.") == .english)
        #expect(LanguageDetector.detect("Le rapport est dans les mains de la direction, qui l'a lu avec les syndicats.") == .french)
    }

    @Test("trimming removes ASCII and Unicode spaces at both ends only", arguments: [
        ("", ""), ("   ", ""), ("a", "a"), (" a ", "a"), ("\u{A0}« Nous ne céderons pas »\u{202F}", "« Nous ne céderons pas »"),
        ("« déjà »", "« déjà »"), ("\t\n x y \r", "x y"), ("\u{2003}é", "é"), ("é\u{3000}", "é"), ("\u{A0}\u{202F}", ""),
    ])
    func trimming(text: String, expected: String) {
        #expect(text.trimmingWhitespace() == expected)
        #expect(Substring(text).trimmingWhitespace() == expected)
    }

    static let samples = ["", "ASCII only", "Été à Noël, l’ÉTAT d’Île-de-France", "日本語と😀 emoji\u{200B}", "İstanbul ß Ǆ ǅ", "a\u{00A0}b\u{202F}c  d\t"]

    @Test("scalars decoded by hand are the string's scalars", arguments: samples)
    func scalarArray(text: String) {
        #expect(text.scalarArray == Array(text.unicodeScalars))
    }

    @Test("folding and counting from scalars give what they give from the string", arguments: samples)
    func foldFromScalars(text: String) {
        #expect(foldForMatching(scalars: Array(text.unicodeScalars)) == foldForMatching(text))
        #expect(countWords(scalars: Array(text.unicodeScalars)[...]) == countWords(text))
    }

    @Test("the UTF-8 pre-check finds every invisible formatting scalar and nothing else in the Latin, punctuation and BOM blocks")
    func invisiblePrecheck() {
        for value in UInt32(0x80)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "a\(Character(scalar))b"
            #expect(ArticleLoader.mayHoldInvisibleFormatting(text) == BlockReader.isInvisibleFormatting(scalar), "U+\(String(value, radix: 16))")
        }
        #expect(!ArticleLoader.mayHoldInvisibleFormatting("Été « cité » — l’État…"))
        // At every offset within and across the eight-byte steps over ASCII.
        let invisible = (UInt32(0x80)...0xFFFF).compactMap(Unicode.Scalar.init).filter(BlockReader.isInvisibleFormatting)
        for scalar in invisible + ["é", "\u{2019}", "«", "\u{A0}", "\u{2060}"] {
            for offset in 0...17 {
                let text = String(repeating: "a", count: offset) + String(Character(scalar)) + String(repeating: "b", count: 9)
                #expect(ArticleLoader.mayHoldInvisibleFormatting(text) == BlockReader.isInvisibleFormatting(scalar), "U+\(String(scalar.value, radix: 16)) at \(offset)")
            }
        }
    }

    @Test("truncating by scalars cuts where truncating by characters cut")
    func truncation() {
        func reference(_ text: String, _ limit: Int) -> String {
            guard text.count > limit else { return text }
            let cut = text.prefix(limit - 1)
            if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > limit / 2 {
                return String(cut[..<space]) + "…"
            }
            return String(cut) + "…"
        }
        let texts = [
            "Le gouvernement a annoncé — selon « Le Monde » — un plan de 10 milliards d’euros pour l’État…",
            "Short", "exactlyten", "A sentence with no spaces at all in it: abcdefghijklmnopqrstuvwxyzabcdefghij",
            "Cafe\u{301} au lait, cre\u{300}me bru\u{302}le\u{301}e, et des mots qui font passer la limite", "日本語のテキストはここで切られます、とても長い文章です",
            "Emoji 👩‍💻 in a long sentence that goes past the limit for sure", "Line\r\nbreak in a long sentence that is cut somewhere",
        ]
        for text in texts {
            for limit in [5, 10, 20, 30, 40, 90] {
                #expect(text.truncated(to: limit) == reference(text, limit), "\(text) / \(limit)")
            }
        }
        // A combining mark, a CR LF, a joiner or an emoji at every place around the cut: the scalar
        // count stops reading after `limit + 1` scalars, and must agree with characters there too.
        let base = "une phrase assez longue pour couper, avec des espaces et des mots"
        for insert in ["\u{301}", "\r\n", "\u{200D}", "👩‍💻", "e\u{301}", "€", "\u{202F}", "\u{2028}", "\u{202E}", "₿", "\u{20D0}"] {
            for position in 0..<40 {
                var scalars = Array(base.unicodeScalars)
                scalars.insert(contentsOf: insert.unicodeScalars, at: position)
                let text = String(String.UnicodeScalarView(scalars))
                for limit in [5, 10, 19, 20, 21, 30] {
                    #expect(text.truncated(to: limit) == reference(text, limit), "\(insert.unicodeScalars.map(\.value)) at \(position) / \(limit)")
                }
            }
        }
    }
}

@Suite("Calendar days")
struct CalendarDayTests {
    @Test("ISO dates written digit by digit read as the padded interpolation did")
    func iso() {
        func reference(_ day: CalendarDay) -> String {
            func pad(_ value: Int, _ width: Int) -> String {
                let digits = String(value)
                return String(repeating: "0", count: max(0, width - digits.count)) + digits
            }
            return "\(pad(day.year, 4))-\(pad(day.month, 2))-\(pad(day.day, 2))"
        }
        for (year, month, day) in [(2025, 1, 7), (999, 12, 31), (5, 3, 9), (9999, 10, 10), (10000, 1, 1), (-5, 1, 1), (2024, 2, 29)] {
            // Set field by field: the failable initialiser refuses some of these on purpose.
            var value = CalendarDay(year: 2025, month: 1, day: 1)!
            value.year = year
            value.month = month
            value.day = day
            #expect(value.iso == reference(value))
        }
    }
}
