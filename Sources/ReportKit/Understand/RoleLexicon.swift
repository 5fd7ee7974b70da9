/// Words that name a role or title, so that appositions ("Amy Hood, directrice financière de
/// Microsoft") and titles ("le PDG d'OpenAI, Sam Altman", "Nvidia CEO Jensen Huang") give a
/// person's role. Compared folded; multi-word titles start with one of these heads.
enum RoleLexicon {
    static let heads: WordSet = [
        // French
        "pdg", "p-dg", "dg", "directeur", "directrice", "president", "presidente", "vice-president", "vice-presidente",
        "fondateur", "fondatrice", "cofondateur", "cofondatrice", "co-fondateur", "co-fondatrice", "patron", "patronne",
        "responsable", "chef", "cheffe", "porte-parole", "analyste", "associe", "associee", "ministre", "secretaire",
        "depute", "deputee", "senateur", "senatrice", "commissaire", "economiste", "chercheur", "chercheuse",
        "ingenieur", "ingenieure", "administrateur", "administratrice", "gerant", "gerante", "ancien", "ancienne",
        "numero", "conseiller", "conseillere", "journaliste", "avocat", "avocate", "professeur", "professeure",
        "dirigeant", "dirigeante", "head", "manager", "partenaire", "fondateurs", "cofondateurs", "maire",
        // English
        "ceo", "cfo", "cto", "coo", "cmo", "chief", "chairman", "chairwoman", "chair", "founder", "co-founder",
        "cofounder", "executive", "vice", "vp", "svp", "evp", "director", "spokesperson",
        "spokesman", "spokeswoman", "analyst", "partner", "minister", "secretary", "senator", "commissioner",
        "researcher", "engineer", "professor", "former", "lead", "boss", "reporter", "journalist", "economist",
        "governor", "mayor", "head", "leader", "investor", "co-ceo", "principal",
    ]

    /// Words that cannot end a role phrase: a role ends before a verb or a relative clause.
    static let stopWords: WordSet = [
        "a", "est", "sont", "qui", "que", "dont", "and", "who", "which", "said", "says", "told", "has", "is", "was",
        "estime", "declare", "explique", "affirme", "selon", "a-t-il", "a-t-elle", "lors", "pendant", "when",
    ]
}
