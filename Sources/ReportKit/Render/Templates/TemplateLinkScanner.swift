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

    /// `enabled`: whether to look for links at all (Markdown templates).
    init(template nodes: [TemplateNode], enabled: Bool = true) {
        self.enabled = enabled && Self.mayHoldLinks(nodes)
    }

    /// `nodes` with qualifying links gathered, in sections too; sections are always pieces of
    /// their own.
    mutating func pieces(_ nodes: [TemplateNode]) -> [Piece] {
        guard enabled else { return nodes.map(Self.piece) }
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

    /// A node as it is, its sections' bodies too.
    private static func piece(_ node: TemplateNode) -> Piece {
        guard case .section(let name, let inverted, let children) = node else { return .node(node) }
        return .section(name, inverted: inverted, children.map(piece))
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
                        // (A `figure:` address, like any other scheme but `anchor:`, is refused when rendered.)
                        guard !url.isEmpty else { return nil }
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
