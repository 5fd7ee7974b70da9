/// Calendar words per language, compared folded. Data for the date recogniser.
enum DateLexicon {
    static let frenchMonths = MonthNames.french
    static let englishMonths = MonthNames.english
    /// 0 = Monday.
    static let weekdays: [String: Int] = [
        "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
        "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    ]
    /// Words before a year that keep a part of the period ("fin 2025", "au printemps 2026").
    static let qualifiers: [String: String] = [
        "fin": "fin", "debut": "début", "mi": "mi", "mi-": "mi", "printemps": "printemps", "ete": "été",
        "automne": "automne", "hiver": "hiver", "spring": "spring", "summer": "summer", "fall": "fall",
        "autumn": "autumn", "winter": "winter", "end": "end", "early": "early", "late": "late", "mid": "mid",
        "beginning": "beginning", "courant": "courant",
    ]
    static let untilCues: WordSet = ["jusqu'", "until", "till", "through", "by", "ici"]
    static let sinceCues: WordSet = ["depuis", "since", "des"]
    /// Words after a four-digit number that show it counts things rather than naming a year.
    static let countedNouns: WordSet = [
        "personnes", "people", "employes", "salaries", "employees", "euros", "dollars", "km", "mw", "gw", "habitants",
        "users", "utilisateurs", "points", "voitures", "cars", "exemplaires", "unites", "units", "emplois", "jobs",
        "postes", "clients", "customers", "m2", "metres", "mots", "words", "pages", "%", "milliards", "millions",
        "billion", "million", "parametres", "parameters", "gpu", "gpus", "puces", "chips", "startups", "start-up",
    ]

    /// Month names that are abbreviations, written with a dot ("janv.", "Sept."), folded.
    static let monthAbbreviations: Set<String> = [
        "janv", "fevr", "avr", "juil", "oct", "nov", "dec", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept",
    ]
    /// Month names (French and English) and first words of relative phrases, by digest.
    static let monthFilter = WordFilter(Array(frenchMonths.keys) + Array(englishMonths.keys))
    static let relativeStartFilter = WordFilter(relativePhrasesByFirstWord.keys)

    /// What a token without a digit must be to start a match, by digest: a month or a weekday;
    /// a relative phrase's only word, or its first two words (`WordHash.pair`); an opener of a
    /// range of years. The first words alone ("le", "la", "de", "in") are among the commonest.
    static let calendarWordFilter = WordFilter(Array(frenchMonths.keys) + Array(englishMonths.keys) + Array(weekdays.keys))
    static let relativeOpeningFilter = WordFilter(openingsOf: relativePhrases.map(\.0))
    static let rangeOpeners = ["entre", "between", "de", "from"]
    static let rangeOpenerFilter = WordFilter(rangeOpeners)

    enum Shift { case day(Int), week(Int), month(Int), year(Int), unresolvable, season(String, Int) }

    static let relativePhrasesByFirstWord: [String: [([String], Shift)]] =
        Dictionary(grouping: relativePhrases, by: { $0.0[0] })

    /// Relative expressions (folded token sequences) and how they move from the publication date.
    static let relativePhrases: [([String], Shift)] = [
        (["le", "mois", "dernier"], .month(-1)), (["mois", "dernier"], .month(-1)),
        (["le", "mois", "prochain"], .month(1)), (["mois", "prochain"], .month(1)),
        (["ce", "mois-ci"], .month(0)), (["ce", "mois"], .month(0)),
        // The tokenizer cuts French elisions off ("l'", "annee"): phrases are written the same way.
        (["l'", "an", "dernier"], .year(-1)), (["l'", "annee", "derniere"], .year(-1)), (["an", "dernier"], .year(-1)),
        (["l'", "an", "passe"], .year(-1)), (["l'", "annee", "passee"], .year(-1)),
        (["l'", "an", "prochain"], .year(1)), (["l'", "annee", "prochaine"], .year(1)),
        (["cette", "annee"], .year(0)), (["cette", "semaine"], .week(0)),
        (["la", "semaine", "derniere"], .week(-1)), (["semaine", "derniere"], .week(-1)),
        (["la", "semaine", "prochaine"], .week(1)), (["semaine", "prochaine"], .week(1)),
        (["hier"], .day(-1)), (["avant-hier"], .day(-2)), (["demain"], .day(1)), (["aujourd'hui"], .day(0)),
        (["ces", "derniers", "mois"], .unresolvable), (["ces", "dernieres", "annees"], .unresolvable),
        (["ces", "dernieres", "semaines"], .unresolvable), (["ces", "derniers", "jours"], .unresolvable),
        (["au", "cours", "des", "derniers", "mois"], .unresolvable),
        (["le", "printemps", "dernier"], .season("printemps", -1)), (["printemps", "dernier"], .season("printemps", -1)),
        (["l'", "ete", "dernier"], .season("été", -1)), (["l'", "automne", "dernier"], .season("automne", -1)),
        (["l'", "hiver", "dernier"], .season("hiver", -1)),
        (["le", "trimestre", "dernier"], .unresolvable), (["le", "trimestre", "prochain"], .unresolvable),
        (["last", "month"], .month(-1)), (["next", "month"], .month(1)), (["this", "month"], .month(0)),
        (["earlier", "this", "month"], .month(0)),
        (["last", "year"], .year(-1)), (["next", "year"], .year(1)), (["this", "year"], .year(0)),
        (["so", "far", "this", "year"], .year(0)), (["earlier", "this", "year"], .year(0)),
        (["last", "week"], .week(-1)), (["next", "week"], .week(1)), (["this", "week"], .week(0)),
        (["yesterday"], .day(-1)), (["today"], .day(0)), (["tomorrow"], .day(1)),
        (["over", "the", "past", "year"], .unresolvable), (["in", "recent", "months"], .unresolvable),
        (["in", "recent", "years"], .unresolvable), (["in", "recent", "weeks"], .unresolvable),
        (["over", "the", "past", "few", "months"], .unresolvable), (["in", "the", "past", "year"], .unresolvable),
        (["last", "spring"], .season("spring", -1)), (["last", "summer"], .season("summer", -1)),
        (["last", "fall"], .season("fall", -1)), (["last", "winter"], .season("winter", -1)),
        (["last", "quarter"], .unresolvable), (["next", "quarter"], .unresolvable),
    ]
}
