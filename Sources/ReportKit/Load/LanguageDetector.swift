/// Tells French from English by counting very frequent function words, which is reliable on a
/// few sentences of news prose and costs one pass over the text.
enum LanguageDetector {
    static let frenchWords: Set<String> = [
        "le", "la", "les", "des", "du", "de", "et", "est", "une", "un", "dans", "pour", "que", "qui",
        "sur", "avec", "pas", "par", "au", "aux", "ses", "son", "sa", "ont", "ete", "cette", "ce", "il", "elle",
    ]
    static let englishWords: Set<String> = [
        "the", "and", "of", "to", "is", "in", "that", "for", "with", "on", "was", "it", "by", "as",
        "are", "its", "has", "have", "be", "from", "at", "this", "which", "will", "said", "an",
    ]

    static func detect<S: StringProtocol>(_ text: S) -> Language {
        var french = 0, english = 0
        var word = String.UnicodeScalarView()
        func count() {
            guard !word.isEmpty else { return }
            let lowered = foldForMatching(String(word))
            if frenchWords.contains(lowered) { french += 1 }
            if englishWords.contains(lowered) { english += 1 }
            word.removeAll(keepingCapacity: true)
        }
        // A few thousand words decide it; the rest of a long text would only cost time.
        for scalar in text.unicodeScalars.prefix(6_000) {
            if scalar.isLetter { word.append(scalar) } else {
                count()
                // Elisions ("l'", "d'", "qu'") are French.
                if scalar.isApostrophe { french += 1 }
            }
        }
        count()
        return english > french ? .english : .french
    }
}
