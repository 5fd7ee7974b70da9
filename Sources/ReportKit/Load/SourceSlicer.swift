#if canImport(Glibc)
import Glibc
#endif

/// Sentence texts cut out of the article's own UTF-8 where a block holds the source's scalars
/// unchanged: most sentences are verbatim, and encoding their scalars into a new string (then
/// validating it) was a tenth of loading an article.
struct SourceSlicer {
    private let text: String
    private let scalars: [Unicode.Scalar]
    private let isASCII: Bool
    /// Sentences are asked for in reading order.
    private var cursor = UTF8OffsetCursor()

    init(text: String, scalars: [Unicode.Scalar]) {
        self.text = text
        self.scalars = scalars
        isASCII = text.utf8.count == scalars.count
    }

    private mutating func utf8Offset(ofScalar target: Int) -> Int {
        if isASCII { return target }
        return scalars.withUnsafeBufferPointer { cursor.offset(of: target, in: $0) }
    }

    /// The string of `slice`, a block's scalars at source scalar offsets `offsets`. Cut from the
    /// source when the source holds exactly these scalars from the first offset on (compared:
    /// a block may have folded a line break or dropped a character), else encoded.
    mutating func string(_ slice: ArraySlice<Unicode.Scalar>, offsets: ArraySlice<Int>) -> String {
        guard let first = offsets.first, first >= 0, first + slice.count <= scalars.count, !slice.isEmpty else {
            return String(scalars: slice)
        }
        let same = scalars.withUnsafeBufferPointer { source in
            slice.withUnsafeBufferPointer { wanted in
                memcmp(source.baseAddress! + first, wanted.baseAddress!, wanted.count * MemoryLayout<Unicode.Scalar>.stride) == 0
            }
        }
        guard same else { return String(scalars: slice) }
        let startOffset = utf8Offset(ofScalar: first)
        let endOffset = utf8Offset(ofScalar: first + slice.count)
        let utf8 = text.utf8
        return String(text[utf8.index(utf8.startIndex, offsetBy: startOffset)..<utf8.index(utf8.startIndex, offsetBy: endOffset)])
    }
}
