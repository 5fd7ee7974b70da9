/// A parsed template: text, variables, sections and partials, with the place of every tag.
struct CompiledTemplate: Sendable {
    let nodes: [TemplateNode]
    let escaping: Escaping
    /// The same, as the renderer runs it.
    let program: TemplateProgram

    init(nodes: [TemplateNode], escaping: Escaping) {
        self.nodes = nodes
        self.escaping = escaping
        program = TemplateProgram(nodes, links: escaping == .markdown)
    }
}

/// A dotted variable name, split once at parse time. No parts means `.` (the current item).
struct TemplateName: Sendable {
    let parts: [String]
    /// `TemplateObject.hash` of each part, made once when the template is parsed.
    let hashes: [UInt64]
    let location: SourceLocation

    init(parts: [String], location: SourceLocation) {
        self.parts = parts
        self.hashes = parts.map(TemplateObject.hash)
        self.location = location
    }

    var text: String { parts.isEmpty ? "." : parts.joined(separator: ".") }
}

indirect enum TemplateNode: Sendable {
    case text([UInt8])
    case variable(TemplateName, escaped: Bool)
    case section(TemplateName, inverted: Bool, [TemplateNode])
    /// A partial on a line of its own is indented as its tag is (the Mustache spec).
    case partial(String, indentation: [UInt8], location: SourceLocation)
}

/// A syntax error with where it is; `TemplateSet` adds the file.
struct TemplateSyntaxError: Error {
    let message: String
    let location: SourceLocation
    let hint: String
}

/// Parses Mustache: `{{name}}`, `{{{raw}}}`, `{{&raw}}`, `{{#section}}`, `{{^inverted}}`,
/// `{{/close}}`, `{{>partial}}`, `{{!comment}}` and pragmas `{{%…}}` (accepted, ignored).
/// Tags alone on their line leave no blank line behind, as the spec requires, which matters
/// for Markdown. Set-delimiter and inheritance tags are refused with a clear error.
enum TemplateParser {
    enum TagKind: Equatable { case variable, raw, open, inverted, close, partial, comment }

    struct Tag {
        let kind: TagKind
        let name: String
        let location: SourceLocation
        var indentation: [UInt8] = []
    }

    enum Token {
        case text([UInt8])
        case tag(Tag)
    }

    static func parse(_ source: String, escaping: Escaping) throws(TemplateSyntaxError) -> CompiledTemplate {
        let tokens = try removeStandaloneLines(tokenize(Array(source.utf8)))
        return CompiledTemplate(nodes: try tree(tokens), escaping: escaping)
    }

    /// Text (split after each line break, so that lines can be judged) and tags.
    static func tokenize(_ bytes: [UInt8]) throws(TemplateSyntaxError) -> [Token] {
        var tokens: [Token] = []
        var line = 1, column = 1
        var index = 0, textStart = 0
        func advance(to end: Int) {
            while index < end {
                let byte = bytes[index]
                if byte == 10 { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
                index += 1
            }
        }
        func flushText(upTo end: Int) {
            var start = textStart
            var cursor = textStart
            while cursor < end {
                if bytes[cursor] == 10 {
                    tokens.append(.text(Array(bytes[start...cursor])))
                    start = cursor + 1
                }
                cursor += 1
            }
            if start < end { tokens.append(.text(Array(bytes[start..<end]))) }
        }
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        while index < bytes.count {
            guard bytes[index] == open, index + 1 < bytes.count, bytes[index + 1] == open else {
                advance(to: index + 1)
                continue
            }
            flushText(upTo: index)
            let location = SourceLocation(line: line, column: column)
            var cursor = index + 2
            let sigil: UInt8? = cursor < bytes.count && "{&#^/>!%=<$".utf8.contains(bytes[cursor]) ? bytes[cursor] : nil
            if sigil != nil { cursor += 1 }
            let closing: [UInt8] = sigil == open ? [close, close, close] : [close, close]
            var end = cursor
            while end + closing.count <= bytes.count, !bytes[end..<(end + closing.count)].elementsEqual(closing) {
                if bytes[end] == 10 && sigil != UInt8(ascii: "!") { end = bytes.count; break }
                end += 1
            }
            guard end + closing.count <= bytes.count else {
                throw TemplateSyntaxError(message: "tag is not closed", location: location,
                    hint: "close the tag with \(String(decoding: closing, as: UTF8.self)) on the same line")
            }
            let name = String(decoding: bytes[cursor..<end], as: UTF8.self).trimmingWhitespace()
            let kind: TagKind
            switch sigil.map(Unicode.Scalar.init) {
            case nil: kind = .variable
            case "{", "&": kind = .raw
            case "#": kind = .open
            case "^": kind = .inverted
            case "/": kind = .close
            case ">": kind = .partial
            case "!", "%": kind = .comment
            case "=":
                throw TemplateSyntaxError(message: "set-delimiter tags are not supported", location: location,
                    hint: "keep the {{ }} delimiters")
            default:
                throw TemplateSyntaxError(message: "template inheritance ({{< }} and {{$ }}) is not supported",
                    location: location, hint: "use partials ({{> name}}) instead")
            }
            if kind != .comment { try checkName(name, kind: kind, at: location) }
            tokens.append(.tag(Tag(kind: kind, name: name, location: location)))
            advance(to: end + closing.count)
            textStart = index
        }
        flushText(upTo: bytes.count)
        return tokens
    }

    private static func checkName(_ name: String, kind: TagKind, at location: SourceLocation) throws(TemplateSyntaxError) {
        let valid = name == "." || (!name.isEmpty && name.utf8.allSatisfy { byte in
            (byte >= 48 && byte <= 57) || (byte | 0x20 >= 97 && byte | 0x20 <= 122) || byte == 95 || byte == 45 || byte == 46
        } && !name.hasPrefix(".") && !name.hasSuffix(".") && !name.contains(".."))
        guard valid, !(kind == .partial && name == ".") else {
            throw TemplateSyntaxError(message: "invalid name '\(name)' in tag", location: location,
                hint: "names are letters, digits, '_' and '-', joined by dots (a.b)")
        }
    }

    /// A section, close, partial or comment tag alone on its line takes the whole line with it.
    static func removeStandaloneLines(_ tokens: [Token]) -> [Token] {
        var result: [Token] = []
        result.reserveCapacity(tokens.count)
        var line: [Token] = []
        func flushLine() {
            defer { line.removeAll(keepingCapacity: true) }
            var tag: Tag?
            var tags = 0
            var blank = true
            for token in line {
                switch token {
                case .tag(let found): tags += 1; tag = found
                case .text(let bytes): if !bytes.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }) { blank = false }
                }
            }
            guard tags == 1, blank, let tag, ![.variable, .raw].contains(tag.kind) else {
                result.append(contentsOf: line)
                return
            }
            var standalone = tag
            if tag.kind == .partial, case .text(let indentation)? = line.first, !indentation.contains(10) {
                standalone.indentation = indentation
            }
            result.append(.tag(standalone))
        }
        for token in tokens {
            line.append(token)
            if case .text(let bytes) = token, bytes.last == 10 { flushLine() }
        }
        flushLine()
        return result
    }

    /// Nests sections; a close tag must name the section it closes.
    static func tree(_ tokens: [Token]) throws(TemplateSyntaxError) -> [TemplateNode] {
        struct Frame { var tag: Tag?; var nodes: [TemplateNode] = [] }
        var stack = [Frame(tag: nil)]
        func appendText(_ bytes: [UInt8]) {
            if case .text(let previous)? = stack[stack.count - 1].nodes.last {
                stack[stack.count - 1].nodes[stack[stack.count - 1].nodes.count - 1] = .text(previous + bytes)
            } else {
                stack[stack.count - 1].nodes.append(.text(bytes))
            }
        }
        for token in tokens {
            switch token {
            case .text(let bytes):
                appendText(bytes)
            case .tag(let tag):
                switch tag.kind {
                case .variable, .raw:
                    stack[stack.count - 1].nodes.append(.variable(name(tag), escaped: tag.kind == .variable))
                case .open, .inverted:
                    stack.append(Frame(tag: tag))
                case .close:
                    guard stack.count > 1, let opened = stack.last?.tag else {
                        throw TemplateSyntaxError(message: "'{{/\(tag.name)}}' closes a section that was never opened",
                            location: tag.location, hint: "remove it, or add the matching {{#\(tag.name)}}")
                    }
                    guard opened.name == tag.name else {
                        throw TemplateSyntaxError(
                            message: "section closed with a different name than it was opened ('{{/\(tag.name)}}' closes '\(opened.name)', opened at line \(opened.location.line))",
                            location: tag.location, hint: "close it with {{/\(opened.name)}}")
                    }
                    let frame = stack.removeLast()
                    stack[stack.count - 1].nodes.append(.section(name(opened), inverted: opened.kind == .inverted, frame.nodes))
                case .partial:
                    stack[stack.count - 1].nodes.append(.partial(tag.name, indentation: tag.indentation, location: tag.location))
                case .comment:
                    break
                }
            }
        }
        if let unclosed = stack.last?.tag {
            throw TemplateSyntaxError(message: "section '\(unclosed.name)' is never closed", location: unclosed.location,
                hint: "add {{/\(unclosed.name)}} where the section ends")
        }
        return stack[0].nodes
    }

    private static func name(_ tag: Tag) -> TemplateName {
        TemplateName(parts: tag.name == "." ? [] : tag.name.split(separator: ".").map(String.init), location: tag.location)
    }
}
