/// Splits a paragraph into sentences, for French and English news prose.
///
/// It works on Unicode scalars in one pass (linear in the paragraph) and knows what a regular
/// expression would not: abbreviations and initials ("M.", "Dr.", "U.S.", "J. K."), decimals,
/// French spacing before "?" and "!", « guillemets » and quotes whose last sentence ends inside
/// the closing mark, and ellipses that do not end a sentence when the next word is lowercase.
public struct SentenceSplitter: Sendable {
    public init() {}

    static let abbreviations: WordSet = [
        "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Dr", "Drs", "Pr", "Me", "Mgr", "St", "Ste",
        "Mr", "Mrs", "Ms", "Prof", "Inc", "Corp", "Ltd", "Co", "Jr", "Sr", "vs", "cf", "av", "apr",
        "p", "pp", "n°", "No", "no", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Sgt", "Capt", "Gal",
        "Jan", "Feb", "Febr", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        "janv", "févr", "avr", "juil", "oct", "nov", "déc", "env", "approx", "ex", "éd", "ed", "vol",
        "Mt", "Ave", "Blvd", "Bd", "fig", "art", "al", "Éd", "Cie", "Ets",
    ]

    static let openingQuotes: Set<Unicode.Scalar> = ["«", "\u{201C}", "\u{201E}"]
    static let closers: Set<Unicode.Scalar> = ["»", "\u{201D}", "\"", "\u{2019}", ")", "]"]
    /// ".", "!", "?" and "…", compared without hashing: asked for every scalar of the text.
    /// Without a branch either: compared one after the other, the compiler split ASCII at 0x3F,
    /// a test that flipped between every letter and space and mispredicted at each word.
    @inline(__always) static func isTerminator(_ scalar: Unicode.Scalar) -> Bool {
        let offset = scalar.value &- 0x21   // "!" 0, "." 13, "?" 30
        let inRange: UInt32 = offset < 31 ? 1 : 0
        let ellipsis: UInt32 = scalar.value == 0x2026 ? 1 : 0
        return ((0x4000_2001 >> (offset & 31)) & inRange) | ellipsis != 0
    }

    /// No sentence is longer than this: text without punctuation (a list, a scrape) is cut at a
    /// space, so that every later step works on bounded pieces and stays linear overall.
    public static let maximumLength = 1_200

    /// Sentence ranges (scalar offsets into `scalars`), trimmed of surrounding spaces.
    public func split(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        let ranges = sentences(scalars)
        // Sentences of prose are far below the bound: then they are the ranges themselves, and
        // no second array is grown from empty for every paragraph.
        guard ranges.contains(where: { $0.count > Self.maximumLength }) else { return ranges }
        var bounded: [Range<Int>] = []
        for range in ranges {
            var start = range.lowerBound
            while range.upperBound - start > Self.maximumLength {
                var cut = start + Self.maximumLength
                while cut > start + Self.maximumLength / 2 && !scalars[cut].isSpace { cut -= 1 }
                if !scalars[cut].isSpace { cut = start + Self.maximumLength }
                bounded.append(start..<cut)
                start = cut
                while start < range.upperBound && scalars[start].isSpace { start += 1 }
            }
            if start < range.upperBound { bounded.append(start..<range.upperBound) }
        }
        return bounded
    }

    private func sentences(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        let count = scalars.count
        // Per scalar: the index of the mark closing the quote it opens, or -1. An array, not the
        // dictionary `matchingQuotes` returns: this loop asks for every scalar.
        var closingIndex: [Int] = []
        let quotes = Self.matchingQuotes(scalars)
        if !quotes.isEmpty {
            closingIndex = [Int](repeating: -1, count: count)
            for (open, close) in quotes { closingIndex[open] = close }
        }
        var ranges: [Range<Int>] = []
        // News sentences run to about 150 scalars: room for most paragraphs' at once.
        ranges.reserveCapacity(count / 64 + 2)
        var start = 0
        while start < count && scalars[start].isSpace { start += 1 }
        var index = start
        func emit(upTo end: Int, next: Int) {
            var last = end
            while last > start && scalars[last - 1].isSpace { last -= 1 }
            if last > start { ranges.append(start..<last) }
            start = next
            index = next
        }
        while index < count {
            // Most scalars neither end a sentence nor open a quote: skipped in a tight loop.
            if closingIndex.isEmpty {
                while index < count, !Self.isTerminator(scalars[index]) { index += 1 }
            } else {
                while index < count, closingIndex[index] < 0, !Self.isTerminator(scalars[index]) { index += 1 }
            }
            guard index < count else { break }
            let scalar = scalars[index]
            if !closingIndex.isEmpty, closingIndex[index] >= 0 {
                let close = closingIndex[index]
                // A quoted passage is kept whole; it may still end the sentence.
                let after = close + 1
                var before = close - 1
                while before > index && scalars[before].isSpace { before -= 1 }
                if Self.isTerminator(scalars[before]), let next = nextStart(scalars, from: after),
                   startsSentence(scalars, at: next) {
                    emit(upTo: after, next: next)
                } else {
                    index = after
                }
                continue
            }
            guard Self.isTerminator(scalar) else { index += 1; continue }
            var end = index + 1
            while end < count && Self.isTerminator(scalars[end]) { end += 1 }
            let isSingleDot = scalar == "." && end == index + 1
            // Closing quotes and brackets belong to the sentence they end, also after a space ("fin. »").
            var probe = end
            while probe < count {
                if Self.closers.contains(scalars[probe]) { probe += 1; end = probe; continue }
                if scalars[probe] == " " || scalars[probe] == "\u{A0}" || scalars[probe] == "\u{202F}",
                   probe + 1 < count, scalars[probe + 1] == "»" { probe += 1; continue }
                break
            }
            guard end == count || scalars[end].isSpace else { index = end; continue }
            guard let next = nextStart(scalars, from: end) else { emit(upTo: count, next: count); break }
            if isSingleDot, isAbbreviation(scalars, dotAt: index, next: next) {
                index = end
                continue
            }
            if startsSentence(scalars, at: next) {
                emit(upTo: end, next: next)
            } else {
                index = end
            }
        }
        if start < count { emit(upTo: count, next: count) }
        return ranges
    }

    private func nextStart(_ scalars: [Unicode.Scalar], from index: Int) -> Int? {
        var next = index
        while next < scalars.count && scalars[next].isSpace { next += 1 }
        return next < scalars.count ? next : nil
    }

    private func startsSentence(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        let scalar = scalars[index]
        if scalar.isUppercaseLetter || scalar.isDigit { return true }
        if Self.openingQuotes.contains(scalar) || scalar == "\"" || scalar == "(" || scalar == "—" || scalar == "–" {
            return true
        }
        // "o1", "iPhone", "xAI": a lowercase word with an inner capital or digit starts a sentence too.
        if scalar.isLowercaseLetter {
            var probe = index + 1
            while probe < scalars.count, scalars[probe].isLetter || scalars[probe].isDigit {
                if scalars[probe].isUppercaseLetter || scalars[probe].isDigit { return true }
                probe += 1
            }
        }
        return false
    }

    /// Month abbreviations that are also words ("sept" is seven, "dec" a prefix): not ending a
    /// sentence only before a number ("en sept. 2026", "le 3 dec. 2024").
    static let monthAbbreviationsBeforeNumber: WordSet = ["sept", "sep", "jan", "feb", "fevr", "mar", "aug", "dec"]

    private func isAbbreviation(_ scalars: [Unicode.Scalar], dotAt dot: Int, next: Int) -> Bool {
        var begin = dot
        while begin > 0, scalars[begin - 1].isLetter || scalars[begin - 1] == "." || scalars[begin - 1] == "-" || scalars[begin - 1] == "°" {
            begin -= 1
        }
        guard begin < dot else { return false }
        if let packed = PackedASCII(scalars[begin..<dot]) {
            // (ASCII words, most of them, are compared packed: no `String` for every full stop.)
            if Self.packedAbbreviations.contains(packed) { return true }
            if scalars[next].isDigit, Self.packedMonthAbbreviations.contains(packed) { return true }
        } else {
            let word = String(scalars: scalars[begin..<dot])
            if Self.abbreviations.contains(word) { return true }
            if scalars[next].isDigit, Self.monthAbbreviationsBeforeNumber.contains(word) { return true }
        }
        // An initial ("J." in "J. K. Rowling"): one uppercase letter.
        if dot - begin == 1 && scalars[begin].isUppercaseLetter { return true }
        // Dotted acronyms and abbreviations: "U.S", "e.g", "J.-C".
        if scalars[begin..<dot].contains(".") && dot - begin <= 6 { return true }
        return false
    }

    /// The ASCII words of the two lists, packed (an ASCII word can only equal one of them).
    private static let packedAbbreviations = Set(abbreviations.words.compactMap(PackedASCII.init))
    private static let packedMonthAbbreviations = Set(monthAbbreviationsBeforeNumber.words.compactMap(PackedASCII.init))

    /// The marks `matchingQuotes` pairs (and the quote recogniser looks for when unpaired).
    static func isQuotationMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"", "«", "»", "\u{201C}", "\u{201D}", "\u{201E}": return true
        default: return false
        }
    }

    /// Pairs opening quotes with their closing marks within the paragraph; unmatched marks are
    /// ignored so that a stray « cannot swallow the rest of the paragraph.
    static func matchingQuotes(_ scalars: [Unicode.Scalar]) -> [Int: Int] {
        var result: [Int: Int] = [:]
        var stack: [(Unicode.Scalar, Int)] = []
        var straightOpen: Int?
        for (index, scalar) in scalars.enumerated() {
            // Only '"' and the curly and angle quotes (U+00AB and above) matter here.
            if scalar.value != 34 && scalar.value < 0xAB { continue }
            switch scalar {
            case "«", "\u{201C}", "\u{201E}":
                stack.append((scalar, index))
            case "»", "\u{201D}":
                let wanted: Unicode.Scalar = scalar == "»" ? "«" : "\u{201C}"
                if let position = stack.lastIndex(where: { $0.0 == wanted || (wanted == "\u{201C}" && $0.0 == "\u{201E}") }) {
                    result[stack[position].1] = index
                    stack.removeSubrange(position...)
                }
            case "\"":
                if let open = straightOpen {
                    result[open] = index
                    straightOpen = nil
                } else if index == 0 || !scalars[index - 1].isLetter {
                    straightOpen = index
                }
            default:
                break
            }
        }
        return result
    }
}
