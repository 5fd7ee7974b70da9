import Testing
@testable import ReportKit

@Suite("Article structure and truncation")
struct StructureTests {
    @Test("plain-text headings are short title-like lines followed by prose, including a question")
    func headings() throws {
        let article = try loadArticle("""
            Un titre d'article
            Premier paragraphe du chapeau, qui se termine par un point.
            Une section qui commence ici
            Texte de la section, avec une phrase complète.
            Et maintenant, que faire ?
            La réponse tient en une phrase.
            """)
        #expect(article.headline.text == "Un titre d'article")
        #expect(article.sections.map(\.heading) == [nil, "Une section qui commence ici", "Et maintenant, que faire ?"])
        #expect(article.sentences.map(\.id) == ["s1", "s2", "s3"])
    }

    @Test("the scalars the loader hands to understanding are each sentence's, and give the same facts")
    func sentenceScalars() throws {
        // Plain text and Markdown, with what the loader rewrites: invisible characters, controls,
        // tabs, CR LF, emphasis, links, quotes, a notice, accents composed and decomposed.
        var texts: [(String, String)] = [
            ("a.txt", "Un titre\r\nPar Claire Martin — 26 août 2024\r\nOpenAI\u{200B} a levé 6,6 milliards de dollars.\tSam Altman l'a dit\u{7}.\r\n« Nous avançons », a-t-il ajouté. Microsoft investirait davantage…\r\nIl vous reste 60 % de cet article à lire. La suite est réservée aux abonnés.\r\n"),
            ("b.md", "# Un titre\n\nLe *groupe* [Mistral AI](https://example.org) a signé avec **Nvidia** le 3 mars 2025.\n\n> Une citation, « entre guillemets », de Arthur Mensch.\n\n- un point de liste ;\n- un autre, cafe\u{301} compris.\n"),
        ]
        if let seed = try? String(contentsOfFile: seedPath, encoding: .utf8) { texts.append(("seed.txt", seed)) }
        for (name, text) in texts {
            let loaded = try ArticleLoader().load(bytes: Array(text.utf8), path: name)
            let sentences = loaded.article.sentences
            #expect(loaded.sentenceScalars.count == sentences.count, "\(name)")
            for (scalars, sentence) in zip(loaded.sentenceScalars, sentences) {
                #expect(scalars == Array(sentence.text.unicodeScalars), "\(name): \(sentence.id)")
            }
            let understanding = try Understanding(extraGazetteer: nil)
            let handed = try understanding.facts(for: loaded, fallbackPublished: nil).0
            let decoded = try understanding.facts(for: loaded.article, fallbackPublished: nil).0
            let report = { (facts: Facts) throws -> [UInt8] in try ReportJSON.encode(Report(article: loaded.article, facts: facts)) }
            #expect(try report(handed) == report(decoded), "\(name)")
        }
    }

    @Test("a text that starts with a heading has no lead and still finds a dropped embed")
    func noLead() throws {
        let article = try loadArticle("""
            Un titre
            Une première section
            Un paragraphe complet de la section.
            Une autre section
            Le texte annonce un graphique :
            """)
        #expect(article.sections.map(\.heading) == ["Une première section", "Une autre section"])
        #expect(article.truncation.droppedEmbeds.count == 1)
    }

    @Test("a byline gives the author and the publication date", arguments: [
        ("Par Claire Martin, à Lyon — 26 août 2024", "Claire Martin", "2024-08-26"),
        ("By Jane Roe | March 3, 2025", "Jane Roe", "2025-03-03"),
        ("Publié le 1er mars 2025 à 10 h", nil, "2025-03-01"),
    ])
    func byline(line: String, author: String?, date: String) throws {
        let article = try loadArticle("Un titre\n\(line)\nLe texte commence ici. Il continue.\n")
        #expect(article.metadata.author == author)
        #expect(article.metadata.published?.iso == date)
        #expect(article.sentences.first?.text == "Le texte commence ici.")
    }

    @Test("Markdown headings, paragraphs across lines and inline markup")
    func markdown() throws {
        let article = try loadArticle("""
            # The headline

            A first *paragraph* that
            spans two lines with a [link](https://example.org).

            ## Section two

            - an item of a list.
            """, name: "a.md")
        #expect(article.headline.text == "The headline")
        #expect(article.sections[0].paragraphs[0].text == "A first paragraph that spans two lines with a link.")
        #expect(article.sections[1].heading == "Section two")
    }

    @Test("sentences keep their place in the source")
    func ranges() throws {
        let text = "Titre\nUne phrase. Deux phrases.\n"
        let article = try loadArticle(text)
        let second = article.sentences[1]
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[second.range.start..<second.range.end])) == "Deux phrases.")
        #expect(second.location == Place(line: 2, column: 13))
    }

    struct TruncationCase: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var paywall: Bool
        var endsMidSentence: Bool
        var droppedEmbeds: Int
        var remaining: Int? = nil
        var testDescription: String { name }
    }

    @Test("truncation is detected in French and English", arguments: [
        TruncationCase(name: "fr paywall after a teaser ellipsis", text: """
            Titre
            Le début de l'article est là. Il continue encore un peu.
            La suite commence et s'arrête...
            La fin de cet article est réservée aux abonnés. Abonnez-vous.
            """, paywall: true, endsMidSentence: true, droppedEmbeds: 0),
        TruncationCase(name: "fr share remaining", text: """
            Titre
            Le début de l'article est là.
            Il vous reste 79% de l'article à lire.
            """, paywall: true, endsMidSentence: false, droppedEmbeds: 0, remaining: 79),
        TruncationCase(name: "en subscriber notice", text: """
            Headline here
            The story starts here. It goes on.
            It ends properly.
            Subscribe to continue reading.
            """, paywall: true, endsMidSentence: false, droppedEmbeds: 0),
        TruncationCase(name: "en cut mid-word, no notice", text: """
            Headline here
            The story starts here. The start-
            """, paywall: false, endsMidSentence: true, droppedEmbeds: 0),
        TruncationCase(name: "fr dropped embed then unrelated paragraph", text: """
            Titre
            Premier paragraphe complet.
            Voici ce qu'il a publié sur X :

            Un autre sujet commence ici, sans rapport.
            Fin de l'article.
            """, paywall: false, endsMidSentence: false, droppedEmbeds: 1),
        TruncationCase(name: "en dropped embed at the end", text: """
            Headline here
            The company shared a chart:
            """, paywall: false, endsMidSentence: false, droppedEmbeds: 1),
        TruncationCase(name: "fr colon followed by its quote after a blank line is not dropped", text: """
            Titre
            Premier paragraphe complet.
            Il a écrit ceci :

            « Nous sommes prêts. »
            Fin de l'article.
            """, paywall: false, endsMidSentence: false, droppedEmbeds: 0),
        TruncationCase(name: "en complete article", text: """
            Headline here
            One paragraph. Another sentence!
            The last one?
            """, paywall: false, endsMidSentence: false, droppedEmbeds: 0),
    ])
    func truncation(_ example: TruncationCase) throws {
        let article = try loadArticle(example.text)
        #expect(article.truncation.paywall == example.paywall)
        #expect(article.truncation.endsMidSentence == example.endsMidSentence)
        #expect(article.truncation.droppedEmbeds.count == example.droppedEmbeds)
        #expect(article.truncation.notice?.remainingPercent == example.remaining)
        // The notice never stays in the body.
        let body = article.sentences.map(\.text).joined(separator: " ")
        #expect(!body.contains("abonn") && !body.contains("Subscribe"))
    }
}
