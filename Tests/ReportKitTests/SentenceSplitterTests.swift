import Testing
@testable import ReportKit

@Suite("Sentence splitting")
struct SentenceSplitterTests {
    func split(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return SentenceSplitter().split(scalars).map { String(String.UnicodeScalarView(scalars[$0])) }
    }

    @Test("French and English sentences split where a reader would", arguments: [
        ("M. Dupont est arrivé. Il a parlé.", ["M. Dupont est arrivé.", "Il a parlé."]),
        ("Dr. Smith met the U.S. team on Monday. They agreed.", ["Dr. Smith met the U.S. team on Monday.", "They agreed."]),
        ("La croissance atteint 1,5 % et 3.5 points. Puis elle baisse.", ["La croissance atteint 1,5 % et 3.5 points.", "Puis elle baisse."]),
        ("Quelle valorisation ? Impossible à dire.", ["Quelle valorisation ?", "Impossible à dire."]),
        ("« C'est fini. Vraiment », a-t-il dit. Ensuite rien.", ["« C'est fini. Vraiment », a-t-il dit.", "Ensuite rien."]),
        ("Il a dit : « Nous partons. » Le lendemain, ils sont partis.", ["Il a dit : « Nous partons. »", "Le lendemain, ils sont partis."]),
        ("He said \"we are done.\" Then he left.", ["He said \"we are done.\"", "Then he left."]),
        ("Elle hésite... puis accepte. Fin.", ["Elle hésite... puis accepte.", "Fin."]),
        ("J. K. Rowling wrote it. Done.", ["J. K. Rowling wrote it.", "Done."]),
        ("Le modèle est prêt. o1 arrive ensuite.", ["Le modèle est prêt.", "o1 arrive ensuite."]),
        ("Un texte sans point final", ["Un texte sans point final"]),
        // A month abbreviation before a year is not an ending; "sept" (seven) before a word is.
        ("Le chantier ouvrira en sept. 2026, selon la ville. Fin.", ["Le chantier ouvrira en sept. 2026, selon la ville.", "Fin."]),
        ("Ils étaient sept. Le lendemain, un seul restait.", ["Ils étaient sept.", "Le lendemain, un seul restait."]),
        // Abbreviations beyond ASCII, with a hyphen or a degree sign, and case: the list is exact.
        ("Le 3 févr. 2025, Mme Durand a signé. Ensuite, Éd. Gallimard a publié. Au n° 12 rue X.", ["Le 3 févr. 2025, Mme Durand a signé.", "Ensuite, Éd. Gallimard a publié.", "Au n° 12 rue X."]),
        ("Voir le n°. Ensuite le J.-C. Fin.", ["Voir le n°. Ensuite le J.-C. Fin."]),
        ("Il vit à St. Louis. INC. Fin. Ltd. Corp.", ["Il vit à St. Louis.", "INC.", "Fin.", "Ltd. Corp."]),
        ("Le 3 déc. 2024 ou le 4 DEC. 2024. Puis le 5 Dec. Fin.", ["Le 3 déc. 2024 ou le 4 DEC.", "2024.", "Puis le 5 Dec. Fin."]),
    ])
    func splits(text: String, expected: [String]) {
        #expect(split(text) == expected)
    }

    @Test("an unmatched guillemet does not swallow the paragraph")
    func unmatchedQuote() {
        #expect(split("Il a dit « oui. Puis non.").count == 2)
    }
}
