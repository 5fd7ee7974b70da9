import Testing
@testable import ReportKit

@Suite("Word strings")
struct WordStringsTests {
    func string(_ words: WordStrings, _ text: String) -> String {
        Array(text.utf8).withUnsafeBufferPointer { words.string($0) }
    }

    @Test("a word's string is the word, whether made, found again or pushed out by another")
    func sameBytesSameString() {
        let words = WordStrings.current
        // More words than slots, so that slots are shared and words are made again.
        // Words that share their first eight bytes and differ after them or in length.
        let vocabulary = (0..<10_000).map { "w\($0)" } + (0..<5_000).map { "prefix00\($0)" }
            + ["", "a", "Le", "le", "exactly15bytes!", "sixteen-bytes-ok", "héhé", "Économie"]
        for _ in 0..<2 {
            for word in vocabulary { #expect(string(words, word) == word) }
        }
        #expect(string(words, "le") == "le" && string(words, "Le") == "Le")
    }

    @Test("tokens read the same with the word strings as the words of the sentence")
    func tokensKeepTheirText() {
        let sentence = "Le PDG d'OpenAI, Sam Altman, a rencontré le ministre ; le 3 mars, l'Économie a suivi."
        let tokens = Tokenizer.tokens(sentence) + Tokenizer.tokens(sentence)
        let scalars = Array(sentence.unicodeScalars)
        for token in tokens {
            #expect(token.text == String(String.UnicodeScalarView(scalars[token.start..<token.end])))
            #expect(token.folded == foldForMatching(token.text))
        }
    }
}
