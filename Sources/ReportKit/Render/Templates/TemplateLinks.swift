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
                    if url[position] == UInt8(ascii: "\\"), position + 1 < url.count, isASCIIPunctuation(url[position + 1]) { position += 1 }
                    buffer[count] = url[position]
                    count += 1
                    position += 1
                }
                return add(unescaped: UnsafeBufferPointer(rebasing: buffer[..<count]))
            }
        }

        private mutating func add(unescaped url: UnsafeBufferPointer<UInt8>) -> Bool {
            // "anchor:" read as one number (the scheme is seven bytes).
            let anchor = url.count > 7 && UInt64(littleEndian: UnsafeRawPointer(url.baseAddress!).loadUnaligned(as: UInt64.self)) & 0x00FF_FFFF_FFFF_FFFF
                == TemplateLinks.anchorScheme
            let target = anchor ? UnsafeBufferPointer(rebasing: url[7...]) : url
            guard !target.isEmpty, !anchor || target.count <= 64 else { return false }
            // An identifier is an address without `.`, `/` and `#`.
            for byte in target where !isAddressByte(byte) || (anchor && (byte == 46 || byte == 47 || byte == 35)) { return false }
            bytes.append(contentsOf: target)
            ends.append(anchor ? -bytes.count : bytes.count)
            return true
        }
    }

    /// `MarkdownToHTML.anchorScheme`'s seven bytes, little-endian.
    private static let anchorScheme: UInt64 = MarkdownToHTML.anchorScheme.utf8.reversed().reduce(0) { $0 << 8 | UInt64($1) }

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

    @inline(__always) static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (byte >= 33 && byte <= 47) || (byte >= 58 && byte <= 64) || (byte >= 91 && byte <= 96) || (byte >= 123 && byte <= 126)
    }

    /// The page with each pair of marks replaced by its target's tags, or nil when the marks are
    /// not exactly `targets.count` pairs in order (the caller renders the page without marks).
    static func resolve(_ html: UnsafeBufferPointer<UInt8>, targets: Targets) -> [UInt8]? {
        guard let base = html.baseAddress else { return targets.count == 0 ? [] : nil }
        // A span's tags are the longest a link gets: `<span class="anchor" id="` (25 bytes),
        // `">` and `</span>` (9) around its identifier, where its marks took 18 bytes.
        let capacity = html.count + targets.bytes.count + 16 * targets.count + 16
        var failed = false
        let out = [UInt8](unsafeUninitializedCapacity: capacity) { out, written in
            var count = 0
            func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
                guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
                precondition(count + bytes.count <= capacity, "link marks outgrew their buffer")
                (out.baseAddress! + count).initialize(from: source, count: bytes.count)
                count += bytes.count
            }
            func copy(_ literal: StaticString) {
                copy(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
            }
            // `copied`: the end of what is in `out`; `position`: where the search goes on.
            var copied = 0, position = 0, next = 0, open = false
            while position < html.count {
                // Every mark holds U+E000 or U+E001, whose UTF-8 starts with 0xEE.
                guard let found = memchr(base + position, 0xEE, html.count - position) else { break }
                let lead = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let start = lead - 3
                guard start >= copied, start + markLength <= html.count else { position = lead + 1; continue }
                let isOpening = memcmp(base + start, opening, markLength) == 0
                let isClosing = !isOpening && memcmp(base + start, closing, markLength) == 0
                guard isOpening || isClosing else { position = lead + 1; continue }
                // A mark out of turn, or one more than the renderer wrote: not the renderer's marks.
                guard next < targets.count, isOpening != open else { failed = true; break }
                copy(UnsafeBufferPointer(rebasing: html[copied..<start]))
                let (target, isAnchor) = targets.target(next)
                if isOpening {
                    copy(isAnchor ? #"<span class="anchor" id=""# : #"<a href=""#)
                    target.withUnsafeBufferPointer { copy($0) }
                    copy(#"">"#)
                } else {
                    copy(isAnchor ? "</span>" : "</a>")
                    next += 1
                }
                open = isOpening
                position = start + markLength
                copied = position
            }
            if next != targets.count || open { failed = true }
            if !failed { copy(UnsafeBufferPointer(rebasing: html[copied...])) }
            written = failed ? 0 : count
        }
        return failed ? nil : out
    }
}

/// Finds the links of a Markdown template that reportgen may write itself, at compile time, on
/// the template's own text: `[` TEXT `](` URL `)` where
/// - TEXT is template text and escaped variables, without brackets, backslashes, line breaks or
///   `!`, and with emphasis marks only as a run opening it and the same run closing it
///   (`emphasisRun`);
/// - URL is address characters (`TemplateLinks.isAddressByte`, and `:`) and variables, checked
///   again when rendered;
/// - no earlier bracket is still open (a link inside brackets, or an image's text, is libcmark's).
/// A template with code (backticks, tabs, lines indented by four spaces, `~~~` fences) or HTML
/// (`<`) gets no link of its own: libcmark reads those contexts differently.
struct TemplateLinkScanner {
    enum Piece {
        case node(TemplateNode)
        /// `emphasis`: the length of the run of `*` or `_` that opens and closes the link's text,
        /// or 0.
        case link(text: [TemplateNode], url: [TemplateNode], emphasis: Int)
        /// A section, its body scanned in template order (what it leaves open bears on the links
        /// after it).
        case section(TemplateName, inverted: Bool, [Piece])
    }

    /// Brackets opened and not closed so far, in template order.
    private var depth = 0
    /// Set when brackets may be open at a point the scan cannot know (after a section whose
    /// body opens or closes more than it closes or opens): no later link qualifies.
    private var unsure = false
    private let enabled: Bool

    init(template nodes: [TemplateNode]) {
        enabled = Self.mayHoldLinks(nodes)
    }

    /// `nodes` with qualifying links gathered, in sections too.
    mutating func pieces(_ nodes: [TemplateNode]) -> [Piece] {
        guard enabled else { return nodes.map { .node($0) } }
        var pieces: [Piece] = []
        var pending: [UInt8] = []
        func flush() {
            if !pending.isEmpty { pieces.append(.node(.text(pending))); pending = [] }
        }
        var index = 0, offset = 0
        while index < nodes.count {
            guard case .text(let bytes) = nodes[index] else {
                flush()
                if case .section(let name, let inverted, let children) = nodes[index] {
                    pieces.append(.section(name, inverted: inverted, body(of: children)))
                } else {
                    pieces.append(.node(nodes[index]))
                }
                index += 1; offset = 0
                continue
            }
            // Text is copied in runs up to the link that ends one.
            var position = offset
            var resume: (Int, Int)?
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\\") { position += 2; continue }   // an escaped character is text
                if byte == UInt8(ascii: "["), depth == 0, !unsure,
                   !(position > 0 && bytes[position - 1] == UInt8(ascii: "!")),
                   let (link, after) = Self.link(in: nodes, from: index, position + 1) {
                    pending.append(contentsOf: bytes[offset..<position])
                    flush()
                    pieces.append(link)
                    resume = after
                    break
                }
                if byte == UInt8(ascii: "[") { depth += 1 }
                if byte == UInt8(ascii: "]") { depth = max(0, depth - 1) }
                position += 1
            }
            if let (nextIndex, nextOffset) = resume {
                (index, offset) = (nextIndex, nextOffset)
                continue
            }
            pending.append(contentsOf: bytes[offset...])
            index += 1; offset = 0
        }
        flush()
        return pieces
    }

    /// Scans a section's body, then judges what it leaves open.
    private mutating func body(of children: [TemplateNode]) -> [Piece] {
        let before = depth
        let pieces = pieces(children)
        if depth != before { unsure = true }
        return pieces
    }

    /// The link whose text starts at `nodes[index]`, byte `offset`, and where the scan resumes.
    private static func link(in nodes: [TemplateNode], from index: Int, _ offset: Int) -> (Piece, (Int, Int))? {
        var text: [TemplateNode] = [], url: [TemplateNode] = []
        var pending: [UInt8] = []
        var inURL = false
        var shape: [UInt8] = []   // the text's bytes, a variable as "x", for its emphasis
        var emphasis = 0
        var position = (index, offset)
        while position.0 < nodes.count {
            let (nodeIndex, byteIndex) = position
            switch nodes[nodeIndex] {
            case .text(let bytes):
                guard byteIndex < bytes.count else { position = (nodeIndex + 1, 0); continue }
                let byte = bytes[byteIndex]
                if !inURL {
                    if byte == UInt8(ascii: "]") {
                        guard byteIndex + 1 < bytes.count, bytes[byteIndex + 1] == UInt8(ascii: "("),
                              let run = emphasisRun(shape) else { return nil }
                        emphasis = run
                        if !pending.isEmpty { text.append(.text(pending)); pending = [] }
                        inURL = true
                        position = (nodeIndex, byteIndex + 2)
                        continue
                    }
                    guard !"[\\\n!`<".utf8.contains(byte) else { return nil }
                    shape.append(byte)
                } else {
                    if byte == UInt8(ascii: ")") {
                        if !pending.isEmpty { url.append(.text(pending)); pending = [] }
                        guard !url.isEmpty, !startsWithFigureScheme(url) else { return nil }
                        return (.link(text: text, url: url, emphasis: emphasis), (nodeIndex, byteIndex + 1))
                    }
                    guard TemplateLinks.isAddressByte(byte) || byte == UInt8(ascii: ":") else { return nil }
                }
                pending.append(byte)
                position = (nodeIndex, byteIndex + 1)
            case .variable(_, let escaped):
                // Raw text in a link's text could hold Markdown of its own: libcmark's to read.
                guard inURL || escaped else { return nil }
                if inURL {
                    if !pending.isEmpty { url.append(.text(pending)); pending = [] }
                    url.append(nodes[nodeIndex])
                } else {
                    if !pending.isEmpty { text.append(.text(pending)); pending = [] }
                    text.append(nodes[nodeIndex])
                    shape.append(UInt8(ascii: "x"))
                }
                position = (nodeIndex + 1, 0)
            case .section, .partial:
                return nil
            }
        }
        return nil
    }

    /// The emphasis of a link's text: 0 for text without `*` and `_`, the length of the run when
    /// one run of them opens it and the same closes it around text without them (checked again
    /// on the rendered text: `TemplateLinks.mayMark`), nil otherwise. Inside marks, libcmark
    /// pairs the marks of a link's text with those around it, where inside brackets it pairs them
    /// apart (`__[_!_](#a)__` is strong, `__⁅_!_⁆__` is not).
    private static func emphasisRun(_ shape: [UInt8]) -> Int? {
        func isMark(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_") }
        guard !shape.isEmpty else { return nil }
        guard isMark(shape[0]) else { return shape.contains(where: isMark) ? nil : 0 }
        let run = shape.prefix { $0 == shape[0] }.count
        guard shape.count > 2 * run, shape.suffix(run).allSatisfy({ $0 == shape[0] }),
              !shape.dropFirst(run).dropLast(run).contains(where: isMark) else { return nil }
        return run
    }

    private static func startsWithFigureScheme(_ url: [TemplateNode]) -> Bool {
        guard case .text(let bytes)? = url.first else { return false }
        return bytes.starts(with: MarkdownToHTML.figureScheme.utf8)
    }

    /// Whether the template's text is free of the contexts where libcmark does not read a link as
    /// inline text (code, HTML).
    private static func mayHoldLinks(_ nodes: [TemplateNode]) -> Bool {
        var lineStart = true, spaces = 0, tildes = 0
        func check(_ nodes: [TemplateNode]) -> Bool {
            for node in nodes {
                switch node {
                case .text(let bytes):
                    for byte in bytes {
                        if byte == UInt8(ascii: "`") || byte == UInt8(ascii: "<") || byte == 9 { return false }
                        if byte == 10 { lineStart = true; spaces = 0; tildes = 0; continue }
                        if lineStart && byte == 32 {
                            spaces += 1
                            if spaces >= 4 { return false }
                            continue
                        }
                        if lineStart && byte == UInt8(ascii: "~") {
                            tildes += 1
                            if tildes >= 3 { return false }
                            continue
                        }
                        lineStart = false
                    }
                case .variable:
                    lineStart = false
                case .section(_, _, let children):
                    guard check(children) else { return false }
                case .partial:
                    break
                }
            }
            return true
        }
        return check(nodes)
    }
}
