import Foundation

/// Links a Markdown template writes itself (`[{{name}}](stakeholders.html#{{id}})`,
/// `[**{{when}}**](anchor:{{id}})`) are made by reportgen, not parsed by libcmark: parsing them
/// was 40 % of libcmark's work on a report's pages. The renderer writes each link's brackets as
/// marks (`⁅`U+E000`⁅` … `⁆`U+E001`⁆`), which libcmark gives no meaning, renders as they are and
/// treats as the punctuation the brackets were (so emphasis around the link is delimited as
/// before); `TemplateLinks.resolve` then turns them into the tags libcmark would have written,
/// from the targets the renderer kept in order.
///
/// Only links whose every part the template controls qualify (see `TemplateLinkScanner`), and
/// only targets of plain address characters (see `TemplateLinks.Targets.add(url:)`): anything else
/// is written as Markdown and left to libcmark. When the rendered page does not hold exactly the
/// marks the renderer wrote, in order (a mark lost in a code block, or one article text made
/// up), the page is rendered again without marks: the result is always libcmark's.
enum TemplateLinks {
    /// The targets of the links a page's template wrote as marks, in order: each an `href` or,
    /// for the `anchor:` convention, a span's identifier. Their bytes share one array (a page has
    /// dozens of links, and an array each cost an allocation each).
    struct Targets: Sendable {
        private(set) var bytes: [UInt8] = []
        /// Where each target's bytes end, negated for a span's identifier.
        private var ends: [Int] = []

        var count: Int { ends.count }

        /// Targets with room for a long page's links, made once: a report's pages hold up to a
        /// few hundred.
        static func sizedForPage() -> Targets {
            var targets = Targets()
            targets.bytes.reserveCapacity(4096)
            targets.ends.reserveCapacity(256)
            return targets
        }

        /// Forgets the last target (its link is written as Markdown after all).
        mutating func removeLast() {
            ends.removeLast()
            bytes.removeSubrange((ends.last.map(abs) ?? 0)...)
        }

        func target(_ index: Int) -> (bytes: ArraySlice<UInt8>, isAnchor: Bool) {
            (bytes[(index == 0 ? 0 : abs(ends[index - 1]))..<abs(ends[index])], ends[index] < 0)
        }

        /// Adds the target of a link to `url` (its bytes as libcmark would read them, backslash
        /// escapes of punctuation undone), or returns false when libcmark must handle it: only
        /// letters, digits and `-_./#` pass (libcmark writes those unchanged in an `href`, and no
        /// scheme can be dangerous without its colon), and the `anchor:` scheme with an identifier
        /// that `MarkdownToHTML.isSafeIdentifier` accepts.
        mutating func add(url: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let base = url.baseAddress, !url.isEmpty else { return false }
            // Escapes are rare in addresses (an `_` or `#` inside a variable's value): they are
            // undone on a copy, the rest is checked and copied at once.
            guard memchr(base, Int32(UInt8(ascii: "\\")), url.count) != nil else { return add(unescaped: url) }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: url.count) { buffer in
                var count = 0, position = 0
                while position < url.count {
                    if url[position] == UInt8(ascii: "\\"), position + 1 < url.count, MarkdownEscaping.isPunctuation(url[position + 1]) { position += 1 }
                    buffer[count] = url[position]
                    count += 1
                    position += 1
                }
                return add(unescaped: UnsafeBufferPointer(rebasing: buffer[..<count]))
            }
        }

        private mutating func add(unescaped url: UnsafeBufferPointer<UInt8>) -> Bool {
            let scheme = MarkdownToHTML.anchorSchemeBytes
            let anchor = url.count > scheme.count && memcmp(url.baseAddress!, scheme, scheme.count) == 0
            let target = anchor ? UnsafeBufferPointer(rebasing: url[scheme.count...]) : url
            guard anchor ? MarkdownToHTML.isSafeIdentifier(target) : !target.isEmpty && target.allSatisfy(isAddressByte) else { return false }
            bytes.append(contentsOf: target)
            ends.append(anchor ? -bytes.count : bytes.count)
            return true
        }
    }

    /// The Markdown the renderer writes for a link's opening and closing bracket: a bracket of
    /// Unicode's punctuation (U+2045, U+2046) on each side of a private-use character. libcmark
    /// gives those no meaning (escaped ASCII brackets, each a node of its own, cost it more than
    /// the links did), but judges emphasis next to them as next to the brackets they stand for.
    static let openingMarkdown: StaticString = "\u{2045}\u{E000}\u{2045}"
    static let closingMarkdown: StaticString = "\u{2046}\u{E001}\u{2046}"
    private static let opening: [UInt8] = Array("\u{2045}\u{E000}\u{2045}".utf8)
    private static let closing: [UInt8] = Array("\u{2046}\u{E001}\u{2046}".utf8)
    private static let markLength = 9

    /// Whether a link whose text is emphasised by runs of `run` marks may be written as marks,
    /// judged on its rendered text: when the text inside the runs starts and ends with a letter
    /// or digit, each run can only open or only close, and libcmark pairs them with each other
    /// as it does inside brackets. Otherwise the link is written as Markdown.
    static func mayMark(emphasised text: UnsafeBufferPointer<UInt8>, run: Int) -> Bool {
        guard run > 0 else { return true }
        guard text.count > 2 * run else { return false }
        let first = text[run], lastEnd = text.count - run
        // The last character: back over UTF-8 continuation bytes to its first byte.
        var lastStart = lastEnd - 1
        while lastStart > run, text[lastStart] & 0xC0 == 0x80 { lastStart -= 1 }
        return isWordCharacter(text, at: run, first: first) && isWordCharacter(text, at: lastStart, first: text[lastStart])
    }

    private static func isWordCharacter(_ text: UnsafeBufferPointer<UInt8>, at position: Int, first: UInt8) -> Bool {
        if first < 128 { return (first | 32) &- 97 < 26 || first &- 48 < 10 }
        guard let scalar = Unicode.Scalar(UTF8Scalar.decode(text, at: position).value) else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    @inline(__always) static func isAddressByte(_ byte: UInt8) -> Bool {
        (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57)
            || byte == 45 || byte == 95 || byte == 46 || byte == 47 || byte == 35
    }

    /// The page with each pair of marks replaced by its target's tags, or nil when the marks are
    /// not exactly `targets.count` pairs in order (the caller renders the page without marks).
    static func resolve(_ html: UnsafeBufferPointer<UInt8>, targets: Targets) -> [UInt8]? {
        guard let base = html.baseAddress else { return targets.count == 0 ? [] : nil }
        // A span's tags are the longest a link gets: `<span class="anchor" id="` (25 bytes),
        // `">` and `</span>` (9) around its identifier, where its marks took 18 bytes.
        let capacity = html.count + targets.bytes.count + 16 * targets.count + 16
        // The marks' first eight bytes as integers, and their ninth: a page has about a hundred
        // marks, each compared where a `memcmp` call (and a look at the static arrays) was made.
        let openingWord = opening.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }, openingLast = opening[8]
        let closingWord = closing.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }, closingLast = closing[8]
        return SizedWriter.bytes(capacity: capacity) { (out: inout SizedWriter) -> Bool in
            // `copied`: the end of what is in `out`; `position`: where the search goes on.
            var copied = 0, position = 0, next = 0, open = false
            while position < html.count {
                // Every mark holds U+E000 or U+E001, whose UTF-8 starts with 0xEE.
                guard let found = memchr(base + position, 0xEE, html.count - position) else { break }
                let lead = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let start = lead - 3
                guard start >= copied, start + markLength <= html.count else { position = lead + 1; continue }
                let word = UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self), last = base[start + 8]
                let isOpening = word == openingWord && last == openingLast
                let isClosing = !isOpening && word == closingWord && last == closingLast
                guard isOpening || isClosing else { position = lead + 1; continue }
                // A mark out of turn, or one more than the renderer wrote: not the renderer's marks.
                guard next < targets.count, isOpening != open else { return false }
                out.copy(UnsafeBufferPointer(rebasing: html[copied..<start]))
                let (target, isAnchor) = targets.target(next)
                if isOpening {
                    out.copy(isAnchor ? #"<span class="anchor" id=""# : #"<a href=""#)
                    target.withUnsafeBufferPointer { out.copy($0) }
                    out.copy(#"">"#)
                } else {
                    out.copy(isAnchor ? "</span>" : "</a>")
                    next += 1
                }
                open = isOpening
                position = start + markLength
                copied = position
            }
            guard next == targets.count, !open else { return false }
            out.copy(UnsafeBufferPointer(rebasing: html[copied...]))
            return true
        }
    }
}
