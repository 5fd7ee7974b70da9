/// One block of the body as the reader found it: a paragraph line, a Markdown heading, a list
/// item or a quotation. Keeps, for every scalar, where it came from in the file.
struct Block: Sendable {
    enum Kind: Equatable, Sendable {
        case text
        case heading(level: Int)
        case listItem
        case quotation
    }

    var kind: Kind
    var scalars: [Unicode.Scalar]
    /// Offset in the normalised file of each scalar in `scalars` (Markdown markup removed).
    var sourceOffsets: [Int]
    /// Blank lines between this block and the previous one.
    var blankLinesBefore: Int

    var text: String { String(scalars: scalars) }
    var firstOffset: Int { sourceOffsets.first ?? 0 }

    func sourceRange(_ range: Range<Int>) -> TextRange {
        TextRange(start: sourceOffsets[range.lowerBound], end: sourceOffsets[range.upperBound - 1] + 1)
    }

    /// The last non-space scalar, to see how the block ends.
    var lastScalar: Unicode.Scalar? { scalars.last(where: { !$0.isSpace }) }
}

/// Maps scalar offsets of the normalised file to line and column.
struct LineTable: Sendable {
    private var lineStarts: [Int] = [0]

    init(_ scalars: [Unicode.Scalar]) {
        for (index, scalar) in scalars.enumerated() where scalar == "\n" { lineStarts.append(index + 1) }
    }

    func location(of offset: Int) -> SourceLocation {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return SourceLocation(line: low + 1, column: offset - lineStarts[low] + 1)
    }
}
