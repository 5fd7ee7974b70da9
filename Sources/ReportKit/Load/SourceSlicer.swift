#if canImport(Glibc)
import Glibc
#endif

/// Sentence texts cut out of the article's own UTF-8 where a block holds the source's scalars
/// unchanged: most sentences are verbatim, and encoding their scalars into a new string (then
/// validating it) was a tenth of loading an article.
struct SourceSlicer {
    private let text: String
    private let scalars: [Unicode.Scalar]
    /// The UTF-8 offset of every scalar, and of the end (empty for ASCII text: the same numbers).
    private let utf8Offsets: [Int32]

    init(text: String, scalars: [Unicode.Scalar]) {
        self.text = text
        self.scalars = scalars
        if text.utf8.count == scalars.count {
            utf8Offsets = []
        } else {
            utf8Offsets = [Int32](unsafeUninitializedCapacity: scalars.count + 1) { buffer, count in
                var offset = 0
                for (index, scalar) in scalars.enumerated() {
                    buffer[index] = Int32(truncatingIfNeeded: offset)
                    offset += UTF8.width(scalar)
                }
                buffer[scalars.count] = Int32(truncatingIfNeeded: offset)
                count = scalars.count + 1
            }
        }
    }

    /// The string of `slice`, a block's scalars at source scalar offsets `offsets`. Cut from the
    /// source when the source holds exactly these scalars from the first offset on (compared:
    /// a block may have folded a line break or dropped a character), else encoded.
    func string(_ slice: ArraySlice<Unicode.Scalar>, offsets: ArraySlice<Int>) -> String {
        guard let first = offsets.first, first >= 0, first + slice.count <= scalars.count, !slice.isEmpty else {
            return String(scalars: slice)
        }
        let same = scalars.withUnsafeBufferPointer { source in
            slice.withUnsafeBufferPointer { wanted in
                memcmp(source.baseAddress! + first, wanted.baseAddress!, wanted.count * MemoryLayout<Unicode.Scalar>.stride) == 0
            }
        }
        guard same else { return String(scalars: slice) }
        let end = first + slice.count
        let utf8 = text.utf8
        let startOffset = utf8Offsets.isEmpty ? first : Int(utf8Offsets[first])
        let endOffset = utf8Offsets.isEmpty ? end : Int(utf8Offsets[end])
        return String(text[utf8.index(utf8.startIndex, offsetBy: startOffset)..<utf8.index(utf8.startIndex, offsetBy: endOffset)])
    }
}
