/// Wordings that mark a statement as reported, from an anonymous source, or hedged: folded, and
/// cut into tokens as the tokenizer cuts them (French elisions apart: "d'", "apres").
enum ClaimLexicon {
    /// Phrases that attribute the statement to a source; the source follows ("selon X") or precedes ("X rapporte").
    static let reportedBefore: [[String]] = [
        ["selon"], ["d'", "apres"], ["according", "to"], ["per"], ["cite", "par"], ["citing"], ["rapporte", "par"],
        ["reported", "by"], ["a", "en", "croire"],
    ]
    static let reportedAfter: WordSet = [
        "rapporte", "rapportent", "revele", "revelent", "affirme", "affirment", "indique", "indiquent", "reported",
        "reports", "reveals", "revealed", "writes", "wrote", "suggere", "suggests", "suggested",
    ]
    static let anonymous: [[String]] = [
        ["sous", "couvert", "d'", "anonymat"], ["au", "fait", "des"], ["au", "fait", "du"], ["au", "fait", "de"],
        ["proche", "du", "dossier"], ["proches", "du", "dossier"], ["source", "proche"], ["sources", "proches"],
        ["selon", "des", "sources"], ["selon", "nos", "informations"], ["familiar", "with"], ["condition", "of", "anonymity"],
        ["declined", "to", "be", "named"], ["people", "close", "to"], ["person", "close", "to"], ["sources", "said"],
        ["anonymous", "sources"], ["une", "source"], ["plusieurs", "sources"],
    ]
    static let hedgedWords: WordSet = [
        "reportedly", "allegedly", "purportedly", "supposedly", "rumored", "rumoured", "could", "might", "may", "would",
        "possiblement", "probablement", "eventuellement", "apparemment", "semble", "semblent", "pretendument",
    ]
    static let hedgedPhrases: [[String]] = [
        ["is", "said", "to"], ["are", "said", "to"], ["was", "said", "to"], ["is", "expected", "to"], ["are", "expected", "to"],
        ["is", "believed", "to"], ["are", "believed", "to"], ["is", "thought", "to"], ["il", "semble"],
    ]
    /// Every word a cue can start with.
    static let firstWords: Set<String> = Set(reportedBefore.map { $0[0] } + anonymous.map { $0[0] } + hedgedPhrases.map { $0[0] })
        .union(reportedAfter.words).union(hedgedWords.words)
    static let firstWordFilter = WordFilter(firstWords)
    /// The words that are a cue alone, and the first two words of the others (`WordHash.pair`):
    /// a first word alone ("a", "au", "une", "d'", "is") lets through some of the commonest.
    static let openingFilter = WordFilter(openingsOf: reportedBefore + anonymous + hedgedPhrases
        + reportedAfter.words.union(hedgedWords.words).map { [$0] })

    /// French words ending like a conditional verb but which are nouns or adjectives.
    static let notConditional: WordSet = [
        "portrait", "portraits", "retrait", "retraits", "attrait", "attraits", "extrait", "extraits", "trait", "traits",
        "abstrait", "abstraits", "distrait", "soustrait", "serait-ce", "parait", "paraitrait",
    ]
}
