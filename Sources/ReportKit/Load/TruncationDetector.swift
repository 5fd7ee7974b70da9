/// Finds where and how the captured text stops short of the article.
struct TruncationDetector {
    let language: Language

    /// The block and scalar index where a publisher notice begins, and the wording found.
    struct NoticeStart {
        var block: Int
        var scalar: Int
        var wording: String
    }

    /// Looks for a subscriber notice in the last part of the text: a wording from the lexicon
    /// at the start of a sentence's folded text or inside it. Earlier text is body, never a notice,
    /// so that an article *about* paywalls keeps its paragraphs.
    func findNotice(in blocks: [Block], splitter: SentenceSplitter) -> NoticeStart? {
        guard let wordings = TruncationLexicon.noticeMatchers[language] else { return nil }
        // Notices close the capture: the last blocks only (bounded work on long texts).
        let earliest = max(1, min(blocks.count - 6, blocks.count * 6 / 10), blocks.count - 14)
        guard earliest < blocks.count else { return nil }
        for blockIndex in earliest..<blocks.count {
            let block = blocks[blockIndex]
            // One check of the whole block first, on its folded bytes: most blocks hold no
            // wording, and then their sentences need not be split and folded one by one.
            let mayHoldWording = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: block.scalars.count * 4) { buffer in
                wordings.matches(UnsafeBufferPointer(rebasing: buffer[..<foldForMatching(block.scalars, into: buffer)]))
            }
            guard mayHoldWording else { continue }
            for range in splitter.split(block.scalars) {
                let folded = foldForMatching(scalars: block.scalars[range])
                if let wording = wordings.firstPhrase(in: folded) {
                    return NoticeStart(block: blockIndex, scalar: range.lowerBound, wording: wording)
                }
            }
        }
        return nil
    }

    /// The share the notice says is missing: the number before a "%" in the notice.
    func remainingPercent(in notice: String) -> Int? {
        let folded = foldForMatching(notice)
        guard TruncationLexicon.remainingShareMatcher.matches(folded) else { return nil }
        let scalars = Array(notice.unicodeScalars)
        for (index, scalar) in scalars.enumerated() where scalar == "%" {
            var end = index
            while end > 0 && scalars[end - 1].isSpace { end -= 1 }
            var start = end
            while start > 0 && scalars[start - 1].isDigit { start -= 1 }
            if start < end, let value = Int(String(scalars: scalars[start..<end])), value <= 100 {
                return value
            }
        }
        return nil
    }

    /// A sentence is finished when it ends with terminal punctuation (possibly inside closing
    /// quotes). A trailing ellipsis is a teaser cut, not an ending, at the end of a capture.
    func isUnfinished(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        var index = scalars.endIndex - 1
        while index >= scalars.startIndex, scalars[index].isSpace || SentenceSplitter.closers.contains(scalars[index]) {
            if scalars[index] == ")" || scalars[index] == "]" {
                // "(…)" or "[…]" at the very end is an editor's ellipsis mark: still a cut.
                break
            }
            index -= 1
        }
        guard index >= scalars.startIndex else { return true }
        let last = scalars[index]
        if last == "…" { return true }
        if last == ".", index - 2 >= scalars.startIndex, scalars[index - 1] == ".", scalars[index - 2] == "." { return true }
        return !(last == "." || last == "!" || last == "?" || last == ":" || last == ")" || last == "]")
    }

    /// Whether the block right after a colon carries the announced content.
    func looksLikeAnnouncedContent(_ block: Block) -> Bool {
        guard let first = block.scalars.first else { return false }
        if block.kind == .listItem || block.kind == .quotation { return true }
        if SentenceSplitter.openingQuotes.contains(first) || first == "\"" { return true }
        if ["-", "•", "–", "—", "*", "@", ">", "#"].contains(first) || first.isLowercaseLetter || first.isDigit { return true }
        let text = foldForMatching(block.text)
        if text.hasPrefix("http") || text.hasPrefix("www.") || text.hasPrefix("pic.") { return true }
        return false
    }
}
