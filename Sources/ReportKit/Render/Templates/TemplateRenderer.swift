/// Renders a compiled template against a page model into UTF-8, recording every name it could
/// not find so that `TemplateSet` can tell a typo from an absent optional.
/// The output goes into a `ByteBuffer` (a page is thousands of small pieces), which the renderer
/// frees when it ends: it cannot be copied, so that only one owner ever frees it.
struct TemplateRenderer: ~Copyable {
    let templates: [String: CompiledTemplate]
    private var buffer: ByteBuffer
    private(set) var missed: Set<String> = []
    private var stack: [TemplateValue] = []
    /// The targets of the links written as marks (`TemplateLinks`), in order; nil writes every
    /// link as Markdown.
    private(set) var linkTargets: TemplateLinks.Targets?
    /// Whether the output may hold a Markdown link to an `anchor:` address for libcmark (see
    /// `TemplateProgram.mayWriteAnchorLinks`), which `MarkdownToHTML` then converts.
    private(set) var mayHoldAnchorLinks = false

    init(templates: [String: CompiledTemplate], capacity: Int = 4096, writesLinks: Bool = false) {
        self.templates = templates
        buffer = ByteBuffer(capacity: capacity)
        linkTargets = writesLinks ? TemplateLinks.Targets.sizedForPage() : nil
    }

    deinit { buffer.free() }

    /// What has been rendered so far.
    var output: [UInt8] { buffer.bytes }

    mutating func render(_ template: CompiledTemplate, model: TemplateValue) {
        stack = [model]
        run(template.program, escaping: template.escaping)
    }

    private mutating func run(_ program: TemplateProgram, escaping: Escaping) {
        if program.mayWriteAnchorLinks { mayHoldAnchorLinks = true }
        program.instructions.withUnsafeBufferPointer { instructions in
            program.text.withUnsafeBufferPointer { text in
                program.nameHashes.withUnsafeBufferPointer { hashes in
                    program.nameParts.withUnsafeBufferPointer { parts in
                        let tables = Tables(text: text, names: program.names, hashes: hashes, parts: parts)
                        run(instructions, 0..<instructions.count, tables, program, escaping: escaping)
                    }
                }
            }
        }
    }

    /// A program's tables, read in place while it runs.
    private struct Tables {
        let text: UnsafeBufferPointer<UInt8>
        let names: [TemplateProgram.NameRange]
        let hashes: UnsafeBufferPointer<UInt64>
        let parts: UnsafeBufferPointer<String>
    }

    private mutating func run(_ instructions: UnsafeBufferPointer<TemplateProgram.Instruction>, _ range: Range<Int>,
                              _ tables: Tables, _ program: TemplateProgram, escaping: Escaping) {
        var index = range.lowerBound
        while index < range.upperBound {
            switch instructions[index] {
            case .text(let start, let end):
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: tables.text[start..<end]))
            case .variable(let name, let escaped):
                guard let value = lookup(tables.names[name], tables) else { break }
                switch value {
                case .text(let text):
                    if escaped { escaping.append(text, to: &buffer) } else { buffer.append(contentsOf: text.utf8) }
                case .bytes(let bytes):
                    if escaped { escaping.append(String(decoding: bytes, as: UTF8.self), to: &buffer) } else { buffer.append(contentsOf: bytes) }
                case .number(let number): buffer.append(contentsOf: String(number).utf8)
                case .flag(let flag): buffer.append(flag ? "true" : "false")
                case .list, .object, .null: break
                }
            case .section(let name, let inverted, let end):
                let value = lookup(tables.names[name], tables) ?? .null
                let body = index + 1..<end
                index = end
                if inverted {
                    if !value.isTruthy { run(instructions, body, tables, program, escaping: escaping) }
                    continue
                }
                switch value {
                case .flag(true): run(instructions, body, tables, program, escaping: escaping)
                case .flag(false), .null: break
                case .list(let items):
                    for item in items {
                        stack.append(item)
                        run(instructions, body, tables, program, escaping: escaping)
                        stack.removeLast()
                    }
                case .text, .bytes, .number, .object:
                    stack.append(value)
                    run(instructions, body, tables, program, escaping: escaping)
                    stack.removeLast()
                }
                continue
            case .link(let textEnd, let end, let emphasis):
                let text = index + 1..<textEnd, address = textEnd..<end
                index = end
                if linkTargets != nil, keepsTarget(instructions, address, tables, program, escaping: escaping) {
                    let markStart = buffer.count
                    buffer.append(TemplateLinks.openingMarkdown)
                    let textStart = buffer.count
                    run(instructions, text, tables, program, escaping: escaping)
                    if TemplateLinks.mayMark(emphasised: buffer.bytes(from: textStart), run: emphasis) {
                        buffer.append(TemplateLinks.closingMarkdown)
                        continue
                    }
                    buffer.removeSubrange(from: markStart)
                    linkTargets?.removeLast()
                }
                mayHoldAnchorLinks = true
                buffer.append(UInt8(ascii: "["))
                run(instructions, text, tables, program, escaping: escaping)
                buffer.append("](")
                run(instructions, address, tables, program, escaping: escaping)
                buffer.append(UInt8(ascii: ")"))
                continue
            case .partial(let partialIndex):
                // Unknown partials and cycles are refused when the templates are loaded.
                let (partialName, indentation) = program.partials[partialIndex]
                guard let partial = templates[partialName] else { break }
                if indentation.isEmpty {
                    run(partial.program, escaping: partial.escaping)
                } else {
                    let start = buffer.count
                    run(partial.program, escaping: partial.escaping)
                    indent(from: start, with: indentation)
                }
            }
            index += 1
        }
    }

    /// Whether the link whose address is `address` is written as marks, its target kept: the
    /// address is rendered as Markdown, read as libcmark reads it (`TemplateLinks.Targets.add`)
    /// and taken back out of the output. A link right after `!` would be an image, and one after
    /// a backslash text: both stay Markdown.
    private mutating func keepsTarget(_ instructions: UnsafeBufferPointer<TemplateProgram.Instruction>, _ address: Range<Int>,
                                      _ tables: Tables, _ program: TemplateProgram, escaping: Escaping) -> Bool {
        let start = buffer.count
        if start > 0, buffer[start - 1] == UInt8(ascii: "!") || buffer[start - 1] == UInt8(ascii: "\\") { return false }
        run(instructions, address, tables, program, escaping: escaping)
        defer { buffer.removeSubrange(from: start) }
        return linkTargets!.add(url: buffer.bytes(from: start))
    }

    /// Mustache lookup: the first part is searched from the innermost context outwards, the
    /// rest inside what it found.
    private mutating func lookup(_ name: TemplateProgram.NameRange, _ tables: Tables) -> TemplateValue? {
        guard name.count > 0 else { return stack.last }
        let firstHash = tables.hashes[name.start]
        // Contexts asked where they lie: copying each context out of the stack retained its
        // members (an atomic count on every object passed, for every variable of every page).
        let found = stack.withUnsafeBufferPointer { contexts -> TemplateValue? in
            var depth = contexts.count - 1
            while depth >= 0 {
                if let value = contexts[depth].member(tables.parts[name.start], hash: firstHash) { return value }
                depth -= 1
            }
            return nil
        }
        guard var value = found else {
            missed.insert(tables.parts[name.start])
            return nil
        }
        for part in name.start + 1..<name.start + name.count {
            guard let next = value.member(tables.parts[part], hash: tables.hashes[part]) else {
                missed.insert(tables.parts[part])
                return nil
            }
            value = next
        }
        return value
    }

    private mutating func indent(from start: Int, with indentation: [UInt8]) {
        guard start < buffer.count else { return }
        var indented: [UInt8] = indentation
        indented.reserveCapacity(buffer.count - start + indentation.count * 8)
        for index in start..<buffer.count {
            indented.append(buffer[index])
            if buffer[index] == 10, index + 1 < buffer.count { indented.append(contentsOf: indentation) }
        }
        buffer.removeSubrange(from: start)
        buffer.append(contentsOf: indented)
    }
}
