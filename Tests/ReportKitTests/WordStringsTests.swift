import Foundation
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

    /// Every field of each token, for comparing the tokenizer's paths.
    func described(_ tokens: [Token]) -> [String] {
        tokens.map { token in
            "\(token.text)|\(token.folded)|\(token.start)-\(token.end)|\(token.isCapitalized)\(token.hasDigit)\(token.hasInnerCapital)"
                + "\(token.isPunctuation)\(token.endsWithDot)|\(token.hash)|\(token.keyHash)"
        }
    }

    @Test("the tokenizer's fast paths make the tokens its byte-by-byte path makes, on random text")
    func fastPathsAgreeOnRandomText() {
        // Pieces the fast paths treat apart (ASCII classes, a backquote, every Latin-1 letter
        // and sign, curly apostrophes) and the ones they leave to the slow path (other scripts,
        // punctuation beyond ASCII, no-break spaces, long words).
        let latin = (0xC0...0xFF).map { String(Unicode.Scalar(UInt32($0))!) }
        let pieces = ["a", "Z", "q", "M", "7", "0", ".", ",", "-", "_", "'", "`", "$", "€", "£", " ", " ", "\u{2019}", "\u{2018}",
                      "«", "»", "\u{A0}", "\u{202F}", "œ", "Œ", "ł", "ß", "日本", "\u{1F600}", "St", "U.S", "d'", "l\u{2019}",
                      "based", "-based", "'s", "aujourd'hui", "Inc.", "3.5", "1,5", "abcdefghijklmnop"] + latin
        var generator = SeededGenerator(seed: 2026_11_28)
        for _ in 0..<20_000 {
            let length = Int.random(in: 1...14, using: &generator)
            let text = (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(described(Tokenizer.tokens(text)) == described(Tokenizer.tokens(text, fastPaths: false)), "\(text)")
        }
    }

    @Test("the tokenizer's fast paths make the tokens its byte-by-byte path makes, on articles")
    func fastPathsAgreeOnArticles() throws {
        var paths = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("articles").path)
            .map { repositoryRoot.appendingPathComponent("articles").appendingPathComponent($0).path }
        if FileManager.default.fileExists(atPath: seedPath) { paths.append(seedPath) }
        if let eval = try? FileManager.default.contentsOfDirectory(atPath: evalArticlesPath) {
            paths += eval.map { (evalArticlesPath as NSString).appendingPathComponent($0) }
        }
        var tokenCount = 0
        for path in paths {
            for line in try read(path).split(separator: "\n") {
                let fast = Tokenizer.tokens(String(line))
                #expect(described(fast) == described(Tokenizer.tokens(String(line), fastPaths: false)), "\(path)")
                tokenCount += fast.count
            }
        }
        // (The two samples alone make about 550 tokens: a clone without `../shared` beside it has only them.)
        #expect(tokenCount > 300)
    }
}
