/// Publisher wordings that mark the end of what a non-subscriber can read, per language.
/// Compared after `foldForMatching` (lowercase, no accents, straight apostrophes).
/// Add a wording here, not a special case in the detector.
enum TruncationLexicon {
    static let paywallNotices: [Language: [String]] = [
        .french: [
            "reservee aux abonnes", "reserve aux abonnes", "reserves aux abonnes",
            "article reserve a nos abonnes", "reservee a nos abonnes", "reserve a nos abonnes",
            "il vous reste", "la suite est reservee", "la suite de cet article est reservee",
            "pour lire la suite", "lire la suite de cet article", "contenu reserve aux",
            "deja abonne", "abonnez-vous pour lire", "abonnez-vous pour continuer",
            "en prenant un abonnement", "accedez a l'integralite", "reserve aux membres",
            "reservee aux membres", "cet article est reserve", "contenu premium",
            "debloquez cet article", "pour continuer a lire",
        ],
        .english: [
            "subscribe to continue reading", "subscribe to read", "this article is for subscribers",
            "for subscribers only", "subscribers only", "subscriber-only", "subscriber only",
            "to continue reading", "continue reading with a subscription", "already a subscriber",
            "sign in to read", "sign in to continue", "log in to continue reading", "unlock this article",
            "this content is for subscribers", "become a member to read", "to read the full story",
            "register to continue", "you have reached your limit", "you've reached your limit",
            "this story is available exclusively", "exclusive to subscribers", "keep reading with",
            "subscribe now to read", "the rest of this article is for",
        ],
    ]

    /// Words that say a remaining share follows a percentage ("Il vous reste 79% à lire").
    static let remainingShareCues: [String] = ["il vous reste", "remaining", "reste", "left to read"]

    /// `notices(for:)` as one matcher per language, built once.
    static let noticeMatchers: [Language: PhraseMatcher] = Dictionary(uniqueKeysWithValues: Language.allCases.map {
        ($0, PhraseMatcher(notices(for: $0)))
    })
    static let remainingShareMatcher = PhraseMatcher(remainingShareCues)

    static func notices(for language: Language) -> [String] {
        // A page in one language may carry its publisher's notice in the other (syndication).
        (paywallNotices[language] ?? []) + Language.allCases.filter { $0 != language }.flatMap { paywallNotices[$0] ?? [] }
    }
}
