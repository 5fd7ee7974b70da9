/// A compiled template flattened into instructions that point into tables by position. The
/// renderer reads plain values: walking the node tree copied every node it visited, and each copy
/// retained and released the node and its payload (about a fifth of all reference counting in a
/// build, on a tree that the worker threads share).
struct TemplateProgram: Sendable {
    enum Instruction: Sendable {
        /// Bytes `start..<end` of `text`.
        case text(start: Int, end: Int)
        /// Name `name` of the name tables.
        case variable(name: Int, escaped: Bool)
        /// The section's body is the instructions after it, up to `end`.
        case section(name: Int, inverted: Bool, end: Int)
        /// Entry `index` of `partials`.
        case partial(index: Int)
        /// A link the template writes itself (`TemplateLinks`): its text is the instructions
        /// after it up to `textEnd`, its address those from `textEnd` to `end`; `emphasis` is
        /// the length of the run of marks around its text (`TemplateLinkScanner`).
        case link(textEnd: Int, end: Int, emphasis: Int)
    }

    /// A name's parts are `nameParts[range]`, and their digests `nameHashes[range]`.
    struct NameRange: Sendable {
        var start: Int
        var count: Int
    }

    private(set) var instructions: [Instruction] = []
    private(set) var text: [UInt8] = []
    private(set) var names: [NameRange] = []
    private(set) var nameParts: [String] = []
    private(set) var nameHashes: [UInt64] = []
    private(set) var partials: [(name: String, indentation: [UInt8])] = []
    /// Whether the template may still hand libcmark a link to an `anchor:` address once its own
    /// links are marks: text that names the scheme outside them, or a raw variable.
    private(set) var mayWriteAnchorLinks = false

    /// `links`: gather the links a Markdown template writes itself (`TemplateLinkScanner`).
    init(_ nodes: [TemplateNode], links: Bool = false) {
        var scanner = TemplateLinkScanner(template: nodes, enabled: links)
        append(scanner.pieces(nodes))
        // Without links of its own, every link is libcmark's.
        if !links { mayWriteAnchorLinks = true }
    }

    private mutating func append(_ pieces: [TemplateLinkScanner.Piece]) {
        for piece in pieces {
            switch piece {
            case .section(let name, let inverted, let body):
                let position = instructions.count
                let nameIndex = add(name)
                instructions.append(.section(name: nameIndex, inverted: inverted, end: position))
                append(body)
                instructions[position] = .section(name: nameIndex, inverted: inverted, end: instructions.count)
            case .node(let node):
                switch node {
                case .text(let bytes):
                    if bytes.withUnsafeBufferPointer({ MarkdownToHTML.find(MarkdownToHTML.anchorSchemeBytes, in: $0) }) != nil { mayWriteAnchorLinks = true }
                case .variable(_, let escaped): if !escaped { mayWriteAnchorLinks = true }
                case .section, .partial: break
                }
                append(leaf: node)
            case .link(let text, let url, let emphasis):
                let position = instructions.count
                instructions.append(.link(textEnd: position, end: position, emphasis: emphasis))
                text.forEach { append(leaf: $0) }
                let textEnd = instructions.count
                url.forEach { append(leaf: $0) }
                instructions[position] = .link(textEnd: textEnd, end: instructions.count, emphasis: emphasis)
            }
        }
    }

    /// Text, a variable or a partial (the scanner hands sections over as pieces of their own).
    private mutating func append(leaf node: TemplateNode) {
        switch node {
        case .text(let bytes):
            instructions.append(.text(start: text.count, end: text.count + bytes.count))
            text.append(contentsOf: bytes)
        case .variable(let name, let escaped):
            instructions.append(.variable(name: add(name), escaped: escaped))
        case .partial(let name, let indentation, _):
            instructions.append(.partial(index: partials.count))
            partials.append((name, indentation))
        case .section:
            preconditionFailure("a section reached the program as a leaf")
        }
    }

    private mutating func add(_ name: TemplateName) -> Int {
        names.append(NameRange(start: nameParts.count, count: name.parts.count))
        nameParts.append(contentsOf: name.parts)
        nameHashes.append(contentsOf: name.hashes)
        return names.count - 1
    }
}
