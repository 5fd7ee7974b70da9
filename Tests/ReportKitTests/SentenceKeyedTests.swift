import Testing
@testable import ReportKit

@Suite("Sentence-keyed tables")
struct SentenceKeyedTests {
    @Test("a sentence-keyed table answers as a dictionary would, for ids of every form")
    func sameAsDictionary() {
        // Ids the reader makes, and forms it never makes: leading zeros (which must not share
        // "s1"'s slot), no number, other letters, too many digits, signs, non-ASCII digits.
        let odd = ["s", "s0", "s01", "s001", "S1", "x1", "s1a", "s-1", "s+1", "s 1", "", "s١", "s9999999", "s123456", "s0123456"]
        let ids = (1...300).map { "s\($0)" } + odd
        var generator = SystemRandomNumberGenerator()
        for sentenceCount in [0, 1, 40, 300] {
            var table = SentenceKeyed<[Int]>(sentenceCount: sentenceCount)
            var reference: [String: [Int]] = [:]
            for step in 0..<3_000 {
                let id = ids.randomElement(using: &generator)!
                switch Int.random(in: 0..<4, using: &generator) {
                case 0:
                    table.update(id, initial: [-1]) { $0.append(step) }
                    reference[id, default: [-1]].append(step)
                case 1:
                    table[id] = [step]
                    reference[id] = [step]
                case 2:
                    table[id] = nil
                    reference[id] = nil
                default:
                    break
                }
                let probe = ids.randomElement(using: &generator)!
                #expect(table[probe] == reference[probe], "\(probe) after step \(step), room for \(sentenceCount)")
            }
            for id in ids { #expect(table[id] == reference[id], "\(id), room for \(sentenceCount)") }
        }
    }

    @Test("an identifier is its prefix and its number, as interpolation writes them")
    func identifiers() {
        for number in Array(0...1_200) + [9_999, 10_000, 123_456_789, Int.max, -1, -42, Int.min] {
            for prefix in ["s", "p", "sec-", "ev", ""] {
                #expect(String.identifier(prefix, number) == "\(prefix)\(number)")
            }
        }
    }

    @Test("only an 's' and up to six digits without a leading zero is a sentence number")
    func numbers() {
        #expect(SentenceKeyed<Int>.number(of: "s1") == 1)
        #expect(SentenceKeyed<Int>.number(of: "s999999") == 999_999)
        #expect(SentenceKeyed<Int>.number(of: "s40") == 40)
        for id in ["s", "s0", "s01", "s1234567", "t1", "s1.", "1", "s٣"] {
            #expect(SentenceKeyed<Int>.number(of: id) == nil, "\(id)")
        }
    }
}
