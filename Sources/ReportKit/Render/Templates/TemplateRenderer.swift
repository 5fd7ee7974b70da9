/// Renders a compiled template against a page model into UTF-8, recording every name it could
/// not find so that `TemplateSet` can tell a typo from an absent optional.
struct TemplateRenderer {
    let templates: [String: CompiledTemplate]
    private(set) var output: [UInt8] = []
    private(set) var missed: Set<String> = []
    private var stack: [TemplateValue] = []

    init(templates: [String: CompiledTemplate], capacity: Int = 4096) {
        self.templates = templates
        output.reserveCapacity(capacity)
    }

    mutating func render(_ template: CompiledTemplate, model: TemplateValue) {
        stack = [model]
        render(template.nodes, escaping: template.escaping)
    }

    private mutating func render(_ nodes: [TemplateNode], escaping: Escaping) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                output.append(contentsOf: bytes)
            case .variable(let name, let escaped):
                guard let value = lookup(name) else { continue }
                switch value {
                case .text(let text):
                    if escaped { escaping.append(text, to: &output) } else { output.appendUTF8(text) }
                case .bytes(let bytes):
                    if escaped { escaping.append(String(decoding: bytes, as: UTF8.self), to: &output) } else { output.append(contentsOf: bytes) }
                case .number(let number): output.append(contentsOf: String(number).utf8)
                case .flag(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
                case .list, .object, .null: break
                }
            case .section(let name, let inverted, let children):
                let value = lookup(name) ?? .null
                if inverted {
                    if !value.isTruthy { render(children, escaping: escaping) }
                    continue
                }
                switch value {
                case .flag(true): render(children, escaping: escaping)
                case .flag(false), .null: break
                case .list(let items):
                    for item in items {
                        stack.append(item)
                        render(children, escaping: escaping)
                        stack.removeLast()
                    }
                case .text, .bytes, .number, .object:
                    stack.append(value)
                    render(children, escaping: escaping)
                    stack.removeLast()
                }
            case .partial(let partialName, let indentation, _):
                // Unknown partials and cycles are refused when the templates are loaded.
                guard let partial = templates[partialName] else { continue }
                if indentation.isEmpty {
                    render(partial.nodes, escaping: partial.escaping)
                } else {
                    let start = output.count
                    render(partial.nodes, escaping: partial.escaping)
                    indent(from: start, with: indentation)
                }
            }
        }
    }

    /// Mustache lookup: the first part is searched from the innermost context outwards, the
    /// rest inside what it found.
    private mutating func lookup(_ name: TemplateName) -> TemplateValue? {
        guard let first = name.parts.first else { return stack.last }
        let firstHash = name.hashes[0]
        var found: TemplateValue?
        var depth = stack.count - 1
        while depth >= 0 {
            if case .object(let values) = stack[depth], let value = values.value(for: first, hash: firstHash) {
                found = value
                break
            }
            depth -= 1
        }
        guard var value = found else {
            missed.insert(first)
            return nil
        }
        for index in name.parts.indices.dropFirst() {
            guard let next = value.member(name.parts[index], hash: name.hashes[index]) else {
                missed.insert(name.parts[index])
                return nil
            }
            value = next
        }
        return value
    }

    private mutating func indent(from start: Int, with indentation: [UInt8]) {
        guard start < output.count else { return }
        var indented: [UInt8] = indentation
        indented.reserveCapacity(output.count - start + indentation.count * 8)
        for index in start..<output.count {
            indented.append(output[index])
            if output[index] == 10, index + 1 < output.count { indented.append(contentsOf: indentation) }
        }
        output.replaceSubrange(start..<output.count, with: indented)
    }
}
