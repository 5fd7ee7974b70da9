/// Cuts the body of an article into blocks: one paragraph per line in plain text; in Markdown,
/// paragraphs separated by blank lines, `#` headings, list items and `>` quotations, with the
/// inline markup (emphasis, links, code spans) removed so that only the words remain.
struct BlockReader {
    enum Format: Sendable { case plainText, markdown }

    let format: Format

    func blocks(of scalars: [Unicode.Scalar], from bodyStart: Int) -> [Block] {
        var lines: [(range: Range<Int>, blank: Bool)] = []
        var lineStart = bodyStart
        for index in bodyStart...scalars.count {
            if index == scalars.count || scalars[index] == "\n" {
                let range = lineStart..<index
                let blank = scalars[range].allSatisfy(\.isSpace)
                if index < scalars.count || !range.isEmpty { lines.append((range, blank)) }
                lineStart = index + 1
            }
        }
        switch format {
        case .plainText: return plainBlocks(scalars, lines)
        case .markdown: return markdownBlocks(scalars, lines)
        }
    }

    private func plainBlocks(_ scalars: [Unicode.Scalar], _ lines: [(range: Range<Int>, blank: Bool)]) -> [Block] {
        var blocks: [Block] = []
        var blanks = 0
        for line in lines {
            if line.blank { blanks += 1; continue }
            if let block = trimmedBlock(scalars, range: line.range, kind: .text, blanks: blanks) {
                blocks.append(block)
            }
            blanks = 0
        }
        return blocks
    }

    private func markdownBlocks(_ scalars: [Unicode.Scalar], _ lines: [(range: Range<Int>, blank: Bool)]) -> [Block] {
        var blocks: [Block] = []
        var blanks = 0
        var pending: [Int] = []
        var pendingKind: Block.Kind = .text
        var pendingBlanks = 0
        var inFence = false

        func flush() {
            if !pending.isEmpty, let block = trimmedBlock(scalars, offsets: pending, kind: pendingKind, blanks: pendingBlanks) {
                blocks.append(block)
            }
            pending = []
            pendingKind = .text
        }
        for line in lines {
            var offsets = Array(line.range)
            let first = offsets.firstIndex(where: { !scalars[$0].isSpace })
            if line.blank { flush(); blanks += 1; continue }
            let content = Array(offsets[first!...])
            let lead = content.prefix(3).map { scalars[$0] }
            if lead == ["`", "`", "`"] || lead == ["~", "~", "~"] { flush(); inFence.toggle(); blanks = 0; continue }
            if inFence { continue }   // code samples are not prose to analyse
            if scalars[content[0]] == "#" {
                var level = 0
                while level < content.count, scalars[content[level]] == "#" { level += 1 }
                if level <= 6, level == content.count || scalars[content[level]] == " " {
                    flush()
                    var text = Array(content[level...])
                    while let last = text.last, scalars[last] == "#" || scalars[last].isSpace { text.removeLast() }
                    pending = text
                    pendingKind = .heading(level: level)
                    pendingBlanks = blanks
                    flush()
                    blanks = 0
                    continue
                }
            }
            if content.count >= 3, content.allSatisfy({ ["-", "*", "_", " "].contains(scalars[$0]) }) {
                flush(); blanks = 0; continue   // thematic break
            }
            if scalars[content[0]] == ">" {
                if pendingKind != .quotation { flush(); pendingBlanks = blanks }
                pendingKind = .quotation
                offsets = Array(content.dropFirst())
                if !pending.isEmpty { pending.append(-1) }
                pending += offsets
                blanks = 0
                continue
            }
            if let marker = listMarkerLength(scalars, content) {
                flush()
                pendingKind = .listItem
                pendingBlanks = blanks
                pending = Array(content.dropFirst(marker))
                blanks = 0
                continue
            }
            if pending.isEmpty { pendingBlanks = blanks }
            if !pending.isEmpty { pending.append(-1) }   // a soft line break reads as a space
            pending += content
            blanks = 0
        }
        flush()
        return blocks.map { stripInlineMarkup(scalars, $0) }
    }

    private func listMarkerLength(_ scalars: [Unicode.Scalar], _ content: [Int]) -> Int? {
        guard content.count >= 2 else { return nil }
        let first = scalars[content[0]]
        if (first == "-" || first == "*" || first == "+") && scalars[content[1]] == " " { return 2 }
        var digits = 0
        while digits < content.count && scalars[content[digits]].isDigit { digits += 1 }
        if digits > 0, digits + 1 < content.count, scalars[content[digits]] == "." || scalars[content[digits]] == ")",
           scalars[content[digits + 1]] == " " {
            return digits + 2
        }
        return nil
    }

    /// `trimmedBlock` for one line: most lines hold no control or invisible character, and are
    /// then cut out whole instead of copied a scalar at a time.
    private func trimmedBlock(_ scalars: [Unicode.Scalar], range: Range<Int>, kind: Block.Kind, blanks: Int) -> Block? {
        // Through the buffer, printable ASCII first: every scalar of every article passes here.
        let clean = scalars.withUnsafeBufferPointer { buffer in
            for index in range {
                let value = buffer[index].value
                if value >= 32 && value < 127 { continue }
                if value < 160 || Self.isInvisibleFormatting(buffer[index]) { return false }
            }
            return true
        }
        guard clean else { return trimmedBlock(scalars, offsets: Array(range), kind: kind, blanks: blanks) }
        guard let first = range.first(where: { !scalars[$0].isSpace }) else { return nil }
        let last = range.last(where: { !scalars[$0].isSpace })!
        // The offsets filled by a plain loop: `Array(first...last)` walked the range as a generic
        // sequence, ten instructions an offset.
        let offsets = [Int](unsafeUninitializedCapacity: last - first + 1) { buffer, count in
            for position in 0...(last - first) { buffer[position] = first + position }
            count = last - first + 1
        }
        return Block(kind: kind, scalars: Array(scalars[first...last]), sourceOffsets: offsets, blankLinesBefore: blanks)
    }

    private func trimmedBlock(_ scalars: [Unicode.Scalar], offsets: [Int], kind: Block.Kind, blanks: Int) -> Block? {
        var kept: [Unicode.Scalar] = []
        var keptOffsets: [Int] = []
        kept.reserveCapacity(offsets.count)
        keptOffsets.reserveCapacity(offsets.count)
        for offset in offsets {
            let scalar: Unicode.Scalar = offset < 0 ? " " : scalars[offset]
            // Invisible formatting characters carry no words and can reorder what a reader sees.
            if Self.isInvisibleFormatting(scalar) { continue }
            let isControl = scalar.value < 32 || (scalar.value >= 127 && scalar.value < 160)
            kept.append(isControl && scalar != "\t" ? " " : scalar)
            keptOffsets.append(offset < 0 ? (keptOffsets.last ?? 0) : offset)
        }
        guard let first = kept.firstIndex(where: { !$0.isSpace }) else { return nil }
        let last = kept.lastIndex(where: { !$0.isSpace })!
        guard first > 0 || last < kept.count - 1 else {
            return Block(kind: kind, scalars: kept, sourceOffsets: keptOffsets, blankLinesBefore: blanks)
        }
        return Block(kind: kind, scalars: Array(kept[first...last]), sourceOffsets: Array(keptOffsets[first...last]),
                     blankLinesBefore: blanks)
    }

    static func isInvisibleFormatting(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0xAD else { return false }
        switch scalar.value {
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF, 0x00AD: return true
        default: return false
        }
    }

    /// Removes `*`/`_` emphasis, backticks and link/image syntax, keeping link text.
    private func stripInlineMarkup(_ scalars: [Unicode.Scalar], _ block: Block) -> Block {
        var result = block
        var kept: [Unicode.Scalar] = []
        var keptOffsets: [Int] = []
        let source = block.scalars
        var index = 0
        while index < source.count {
            let scalar = source[index]
            if scalar == "\\", index + 1 < source.count, source[index + 1].properties.isASCIIHexDigit == false,
               source[index + 1].value < 128, !source[index + 1].isLetter, !source[index + 1].isDigit {
                kept.append(source[index + 1]); keptOffsets.append(block.sourceOffsets[index + 1])
                index += 2
                continue
            }
            if scalar == "*" || scalar == "`" || (scalar == "_" && isEmphasisUnderscore(source, index)) {
                index += 1
                continue
            }
            if scalar == "!" && index + 1 < source.count && source[index + 1] == "[" { index += 1; continue }
            if scalar == "]", index + 1 < source.count, source[index + 1] == "(",
               let close = source[(index + 1)...].firstIndex(of: ")") {
                index = close + 1
                continue
            }
            if scalar == "[" { index += 1; continue }
            kept.append(scalar)
            keptOffsets.append(block.sourceOffsets[index])
            index += 1
        }
        result.scalars = kept
        result.sourceOffsets = keptOffsets
        return result
    }

    private func isEmphasisUnderscore(_ source: [Unicode.Scalar], _ index: Int) -> Bool {
        let before = index > 0 ? source[index - 1] : " "
        let after = index + 1 < source.count ? source[index + 1] : " "
        return !(before.isLetter || before.isDigit) || !(after.isLetter || after.isDigit)
    }
}
