/// Decides which lines of a plain-text article are section headings.
///
/// Copy-pasted articles lose their markup, but headings keep a shape: one short line, no final
/// full stop, colon or comma (a question mark is fine), followed by a body paragraph.
struct HeadingClassifier {
    static let maximumScalars = 160
    static let maximumWords = 22

    /// `blocks` are the body blocks in order (headline and publisher notice removed).
    func headingIndices(_ blocks: [Block], splitter: SentenceSplitter) -> Set<Int> {
        var result = Set<Int>()
        for (index, block) in blocks.enumerated() {
            if case .heading = block.kind { result.insert(index); continue }
            guard block.kind == .text, index + 1 < blocks.count else { continue }
            guard looksLikeHeading(block, splitter: splitter) else { continue }
            let next = blocks[index + 1]
            // A heading introduces prose; a short line before another short line is a list or a caption.
            guard next.kind != .text || !looksLikeHeading(next, splitter: splitter) || next.scalars.count > block.scalars.count * 2
            else { continue }
            if index > 0, blocks[index - 1].lastScalar == ":" { continue }  // content announced by a colon
            result.insert(index)
        }
        return result
    }

    func looksLikeHeading(_ block: Block, splitter: SentenceSplitter) -> Bool {
        let scalars = block.scalars
        guard scalars.count <= Self.maximumScalars, let first = scalars.first, let last = block.lastScalar else { return false }
        guard first.isUppercaseLetter || first.isDigit || first == "«" || first == "\u{201C}" || first == "\"" else { return false }
        if [".", ",", ";", ":", "…", "-", "–", "—", "("].contains(last) { return false }
        guard countWords(block.text) <= Self.maximumWords else { return false }
        return splitter.split(scalars).count == 1
    }
}
