/// Words that type a relation between two stakeholders, compared folded. French entries are
/// stems (they match every form of the verb or noun); English entries are whole words.
enum RelationLexicon {
    static let stems: [(String, Relation.Kind)] = [
        ("investi", .investsIn), ("investiss", .investsIn), ("financement", .investsIn), ("finance", .investsIn), ("soutien", .investsIn),
        ("partenari", .partnersWith), ("allie", .partnersWith), ("alliance", .partnersWith), ("associ", .partnersWith),
        ("collabor", .partnersWith), ("accord", .partnersWith),
        ("concurren", .competesWith), ("rival", .competesWith), ("affront", .competesWith),
        ("fournisseur", .supplies), ("fourni", .supplies), ("heberg", .supplies),
        ("integr", .integrates), ("utilis", .integrates), ("appui", .integrates), ("s'appui", .integrates),
        ("developp", .develops), ("construi", .develops), ("fabriqu", .develops), ("concu", .develops), ("travaill", .develops), ("devoil", .develops),
        ("rachet", .acquires), ("rachat", .acquires), ("acquier", .acquires), ("acquisition", .acquires),
        ("enquet", .investigates), ("examin", .investigates), ("sanction", .investigates), ("amende", .investigates),
        ("poursui", .investigates),
    ]
    static let words: [String: Relation.Kind] = [
        "invests": .investsIn, "invested": .investsIn, "investment": .investsIn, "investing": .investsIn, "invest": .investsIn,
        "funds": .investsIn, "funded": .investsIn, "backs": .investsIn, "backed": .investsIn, "led": .investsIn,
        "pouring": .investsIn, "stake": .investsIn, "stakes": .investsIn,
        "partners": .partnersWith, "partnered": .partnersWith, "partnership": .partnersWith, "allied": .partnersWith,
        "alliance": .partnersWith, "deal": .partnersWith, "agreement": .partnersWith, "teams": .partnersWith,
        "competes": .competesWith, "compete": .competesWith, "rival": .competesWith, "rivals": .competesWith,
        "competitor": .competesWith, "competition": .competesWith, "against": .competesWith,
        "supplies": .supplies, "supplier": .supplies, "provides": .supplies, "provider": .supplies, "hosts": .supplies,
        "integrates": .integrates, "integrated": .integrates, "incorporate": .integrates, "incorporates": .integrates,
        "uses": .integrates, "using": .integrates, "relies": .integrates,
        "develops": .develops, "developed": .develops, "builds": .develops, "built": .develops, "makes": .develops,
        "maker": .develops, "creator": .develops, "launched": .develops, "working": .develops,
        "acquires": .acquires, "acquired": .acquires, "acquisition": .acquires, "buys": .acquires, "bought": .acquires,
        "purchase": .acquires,
        "investigates": .investigates, "investigating": .investigates, "investigation": .investigates, "probe": .investigates,
        "probing": .investigates, "fined": .investigates, "fines": .investigates,
    ]

    /// Words that start like a cue but are not one ("financière" is a role, "concurrence" in
    /// "nuire à la concurrence" names no rival).
    static let notCues: WordSet = [
        "financier", "financiere", "financiers", "financieres", "accordee", "accorde", "accordent", "integralite",
        "integrale", "associee", "associes", "examens", "examen", "construction", "utilisateurs", "utilisatrices",
        "utilisateur", "hebergement", "hebergements", "developpeurs", "developpeur", "developpement", "poursuites", "travailleurs", "concurrence",
    ]

    /// Rejects at once most words whose first four letters start no stem.
    static let stemFilter = PrefixFilter(stems: stems.map(\.0))
    static let wordFilter = WordFilter(words.keys)

    /// The relation `tokens[index]` cues, if any. The token is read in place: most words are no
    /// cue, and copying each token to ask showed in profiles.
    static func kind(in tokens: [Token], at index: Int) -> Relation.Kind? {
        guard !tokens[index].isPunctuation, tokens[index].folded.utf8.count >= 4 else { return nil }
        if wordFilter.mightContain(tokens[index].hash), let kind = words[tokens[index].folded] { return kind }
        let folded = tokens[index].folded
        guard let key = PrefixFilter.firstFour(folded), stemFilter.mightStart(firstFour: key) else { return nil }
        if notCues.contains(folded) { return nil }
        // Only the stems that begin with the word's first four bytes are compared in full.
        for position in stems.indices where stemKeys[position] == key && folded.hasPrefix(stems[position].0) {
            return stems[position].1
        }
        return nil
    }

    /// Each stem's first four bytes (every stem has at least four).
    private static let stemKeys: [UInt32] = stems.map { PrefixFilter.firstFour($0.0) ?? 0 }

    /// Relations that read the same both ways.
    static let symmetric: Set<Relation.Kind> = [.partnersWith, .competesWith, .mentionedWith]
}
