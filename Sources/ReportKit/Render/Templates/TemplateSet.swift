import Foundation

/// The templates of a theme: the built-in defaults compiled into the binary, overridden file by
/// file by a folder (`./templates` or `--templates DIR`). Parsing errors, missing templates,
/// missing partials and unknown variables are diagnostics with `file:line:col`.
public struct TemplateSet: Sendable {
    /// Page templates the build renders, and the layout that wraps them.
    public static let pageTemplates = ["index.md", "overview.md", "timeline.md", "stakeholders.md", "paywall.md", "404.md"]
    public static let layoutTemplate = "layout.html"
    public static let stringsFile = "strings.yml"
    public static let stylesheet = "style.css"

    /// name → (text, where it came from, for diagnostics)
    public private(set) var sources: [String: (text: String, path: String)] = [:]
    /// Compiled templates by name without extension (what `{{> name}}` says).
    private var compiled: [String: CompiledTemplate] = [:]
    /// The same with each `{{t.name}}` already replaced by its escaped interface string, per
    /// language: interface strings are a third of all lookups, each through the context stack.
    /// Page models define `t` only at their root, so nothing can shadow it.
    private var compiledByLanguage: [Language: [String: CompiledTemplate]] = [:]
    public private(set) var strings: InterfaceStrings
    private var usedVariables: [String: Set<String>] = [:]
    /// Each template's tags with their places, scanned once for every check that needs them.
    private var tags: [String: [TemplateTags.Tag]] = [:]
    private var figureSlots: [String: Set<String>] = [:]
    /// The interface strings of each language, built once and shared by every render.
    private var stringScopes: [Language: TemplateValue] = [:]
    public private(set) var stylesheet: String

    public init(overrideDirectory: String?) throws(Diagnostic) {
        var sources: [String: (text: String, path: String)] = [:]
        for (name, text) in DefaultTemplates.files { sources[name] = (text, "built-in:templates/\(name)") }
        if let directory = overrideDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw .error(.templateMissing, file: directory, "template folder not found",
                    hint: "pass an existing folder to --templates, or remove the option to use the built-in theme")
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for name in names.sorted() where name.hasSuffix(".md") || name.hasSuffix(".html") || name == Self.stringsFile || name == Self.stylesheet {
                let path = (directory as NSString).appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw .error(.unreadableFile, file: path, "cannot read the template")
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    throw .error(.invalidEncoding, file: path, "template is not UTF-8")
                }
                sources[name] = (text, path)
            }
        }
        for name in Self.pageTemplates + [Self.layoutTemplate, Self.stringsFile, Self.stylesheet] where sources[name] == nil {
            throw .error(.templateMissing, file: overrideDirectory.map { "\($0)/\(name)" } ?? name,
                "required template '\(name)' is missing", hint: "copy it from the project's templates/ folder")
        }
        self.sources = sources
        let strings = sources[Self.stringsFile]!
        self.strings = try InterfaceStrings(yaml: strings.text, path: strings.path)
        self.stylesheet = sources[Self.stylesheet]!.text
        for language in Language.allCases { stringScopes[language] = .object(TemplateObject(self.strings.table(for: language).sorted { $0.key < $1.key }.map { ($0.key, TemplateValue.text($0.value)) })) }

        for (name, source) in sources where name.hasSuffix(".md") || name.hasSuffix(".html") {
            tags[name] = TemplateTags.scan(source.text)
        }
        try Self.checkPartialCycles(sources, tags)
        usedVariables = Self.variablesUsed(sources, tags)
        for (name, source) in sources where name.hasSuffix(".md") { figureSlots[name] = Self.figureSlots(in: source.text) }
        let knownStrings = Set(self.strings.table(for: .english).keys)
        for (name, source) in sources where name.hasSuffix(".md") || name.hasSuffix(".html") {
            let templateName = String(name.split(separator: ".").first!)
            // Markdown templates (and partials) always escape for Markdown: a theme cannot forget it.
            do {
                compiled[templateName] = try TemplateParser.parse(source.text, escaping: name.hasSuffix(".md") ? .markdown : .html)
            } catch {
                throw .error(.templateSyntax, file: source.path, location: error.location,
                    "template syntax error: \(error.message)", hint: error.hint)
            }
            // `t.name` must be an interface string: checked here, once, with its place.
            for tag in tags[name] ?? [] where tag.kind != .partial && tag.kind != .other && tag.name.hasPrefix("t.") {
                let key = String(tag.name.dropFirst(2))
                guard knownStrings.contains(key) else {
                    throw .error(.templateVariable, file: source.path, location: tag.location,
                        "unknown interface string '\(key)'", hint: "add it to strings.yml in every language")
                }
            }
            for tag in tags[name] ?? [] where tag.kind == .partial {
                guard sources[tag.name + ".md"] != nil || sources[tag.name + ".html"] != nil else {
                    throw .error(.templatePartial, file: source.path, location: tag.location,
                        "unknown partial '\(tag.name)'", hint: "add \(tag.name).md to the templates folder")
                }
            }
        }
        for language in Language.allCases {
            let table = self.strings.table(for: language)
            compiledByLanguage[language] = compiled.mapValues { template in
                CompiledTemplate(nodes: Self.foldingStrings(template.nodes, table, template.escaping), escaping: template.escaping)
            }
        }
    }

    /// Whether template `name` has a `[](figure:NAME)` slot for `figure` (partials are not searched:
    /// a figure slot is a paragraph of the page's own template).
    func placesFigure(_ figure: String, in name: String) -> Bool {
        figureSlots[name]?.contains(figure) ?? false
    }

    /// The names in `](figure:NAME)` in a template's text, found once when the templates load.
    static func figureSlots(in text: String) -> Set<String> {
        let bytes = Array(text.utf8), marker = Array("](\(MarkdownToHTML.figureScheme)".utf8)
        var names: Set<String> = []
        var index = 0
        while index + marker.count <= bytes.count {
            guard bytes[index..<index + marker.count].elementsEqual(marker) else { index += 1; continue }
            var end = index + marker.count
            while end < bytes.count, bytes[end] != UInt8(ascii: ")"), bytes[end] != 10 { end += 1 }
            names.insert(String(decoding: bytes[(index + marker.count)..<end], as: UTF8.self))
            index = end
        }
        return names
    }

    /// Whether template `name` (or a partial it includes) names the variable `variable`, so that
    /// page models can skip building values no template reads.
    func uses(_ name: String, _ variable: String) -> Bool {
        usedVariables[name]?.contains(variable) ?? false
    }

    /// The tags of a template and of the partials it includes (each file once), with their files.
    private static func tagsWithPartials(_ name: String, _ sources: [String: (text: String, path: String)],
                                         _ tags: [String: [TemplateTags.Tag]]) -> [(path: String, tag: TemplateTags.Tag)] {
        var result: [(path: String, tag: TemplateTags.Tag)] = []
        var visited: Set<String> = []
        func scan(_ file: String) {
            guard !visited.contains(file), let source = sources[file] else { return }
            visited.insert(file)
            for tag in tags[file] ?? [] {
                if tag.kind == .partial { scan(tag.name + ".md"); scan(tag.name + ".html") } else { result.append((path: source.path, tag: tag)) }
            }
        }
        scan(name)
        return result
    }

    /// Template file → first components of every variable it or its partials name.
    private static func variablesUsed(_ sources: [String: (text: String, path: String)],
                                      _ tags: [String: [TemplateTags.Tag]]) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for name in tags.keys {
            result[name] = Set(tagsWithPartials(name, sources, tags).compactMap { $0.tag.name.split(separator: ".").first.map(String.init) })
        }
        return result
    }

    /// The interface strings for `language`, for page models (`t` in templates).
    func stringScope(_ language: Language) -> TemplateValue { stringScopes[language] ?? .object([:]) }

    /// Templates that are neither pages nor the layout: partials, which any page may include.
    public var partialNames: [String] {
        sources.keys.filter { ($0.hasSuffix(".md") || $0.hasSuffix(".html")) && !Self.pageTemplates.contains($0) && $0 != Self.layoutTemplate }.sorted()
    }

    /// A partial that includes itself, directly or through others, would recurse until the
    /// stack overflows: refuse it where the cycle closes.
    static func checkPartialCycles(_ sources: [String: (text: String, path: String)],
                                   _ tags: [String: [TemplateTags.Tag]]) throws(Diagnostic) {
        func file(for partial: String) -> String? {
            sources[partial + ".md"] != nil ? partial + ".md" : (sources[partial + ".html"] != nil ? partial + ".html" : nil)
        }
        var state: [String: Int] = [:]   // 1 visiting, 2 done
        func visit(_ name: String) throws(Diagnostic) {
            state[name] = 1
            for tag in tags[name] ?? [] where tag.kind == .partial {
                guard let next = file(for: tag.name) else { continue }
                if state[next] == 1 {
                    throw .error(.templatePartial, file: sources[name]!.path, location: tag.location,
                        "partial '\(tag.name)' includes itself (through \(name)): rendering would never end",
                        hint: "remove the recursive {{> \(tag.name)}}")
                }
                if state[next] == nil { try visit(next) }
            }
            state[name] = 2
        }
        for name in tags.keys.sorted() where state[name] == nil {
            try visit(name)
        }
    }

    /// Renders template `name` (file name with extension) with a page model.
    public func render(_ name: String, _ values: TemplateModel) throws(Diagnostic) -> String {
        String(decoding: try renderBytes(name, values), as: UTF8.self)
    }

    /// `render` as UTF-8, for output that goes on to libcmark or to a file. With `language`, the
    /// interface strings of that language are already in the templates (`values["t"]` must be
    /// that language's `stringScope`).
    /// `capacity` is the output's expected size: the layout holds a page body of several
    /// kilobytes, and growing the buffer to it copied it each time.
    func renderBytes(_ name: String, _ values: TemplateModel, language: Language? = nil, capacity: Int = 4096) throws(Diagnostic) -> [UInt8] {
        try render(name, values, language: language, capacity: capacity, writesLinks: false).bytes
    }

    /// A Markdown page with the links its template writes itself as marks, and their targets in
    /// order, for `MarkdownToHTML.render(bytes:figures:links:)`.
    func renderMarkdown(_ name: String, _ values: TemplateModel, language: Language? = nil) throws(Diagnostic)
        -> (bytes: [UInt8], links: TemplateLinks.Targets, anchorLinks: Bool) {
        let (bytes, links, anchorLinks) = try render(name, values, language: language, capacity: 4096, writesLinks: true)
        return (bytes, links ?? TemplateLinks.Targets(), anchorLinks)
    }

    private func render(_ name: String, _ values: TemplateModel, language: Language?, capacity: Int, writesLinks: Bool) throws(Diagnostic)
        -> (bytes: [UInt8], links: TemplateLinks.Targets?, anchorLinks: Bool) {
        // The name before its extension, cut on UTF-8 (a character walk per page showed).
        let templateName = name.utf8.firstIndex(of: UInt8(ascii: ".")).map { String(name[..<$0]) } ?? name
        let templates = language.flatMap { compiledByLanguage[$0] } ?? compiled
        guard let template = templates[templateName], let source = sources[name] else {
            throw .error(.templateMissing, file: name, "template '\(name)' is missing")
        }
        var renderer = TemplateRenderer(templates: templates, capacity: capacity, writesLinks: writesLinks)
        let model = TemplateValue.object(values)
        renderer.render(template, model: model)
        if !renderer.missed.isEmpty {
            var known: Set<String> = []
            model.collectKeys(into: &known)
            let unknown = renderer.missed.subtracting(known)
            if !unknown.isEmpty {
                // Report the first place that names an unknown variable, in this template or a partial.
                let first = Self.tagsWithPartials(name, sources, tags).first { entry in
                    entry.tag.name.split(separator: ".").contains { unknown.contains(String($0)) }
                }
                throw .error(.templateVariable, file: first?.path ?? source.path, location: first?.tag.location,
                    "unknown variable '\(first?.tag.name ?? unknown.sorted().joined(separator: "', '"))' in template",
                    hint: "the page model provides: \(values.keys.sorted().joined(separator: ", "))")
            }
        }
        return (renderer.output, renderer.linkTargets, renderer.mayHoldAnchorLinks)
    }
}

extension TemplateSet {
    /// `nodes` with every `{{t.name}}` that names a string of `table` turned into text, escaped
    /// as the template escapes, and runs of text joined.
    static func foldingStrings(_ nodes: [TemplateNode], _ table: [String: String], _ escaping: Escaping) -> [TemplateNode] {
        var result: [TemplateNode] = []
        for node in nodes {
            var folded = node
            switch node {
            case .variable(let name, let escaped) where name.parts.count == 2 && name.parts[0] == "t":
                if let text = table[name.parts[1]] {
                    var bytes: [UInt8] = []
                    if escaped { escaping.append(text, to: &bytes) } else { bytes = Array(text.utf8) }
                    folded = .text(bytes)
                }
            case .section(let name, let inverted, let children):
                folded = .section(name, inverted: inverted, foldingStrings(children, table, escaping))
            case .text, .variable, .partial:
                break
            }
            if case .text(let bytes) = folded, case .text(let previous)? = result.last {
                result[result.count - 1] = .text(previous + bytes)
            } else {
                result.append(folded)
            }
        }
        return result
    }
}

/// A small, stable 64-bit digest in the FNV-1a style (Swift's Hasher is seeded per process).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf29ce484222325

    /// `text`, after `prefix` when there is one. Eight bytes a step (`ContentDigest.absorb`): a
    /// rebuild digests every summary of the site, a byte at a time that was 5 % of it.
    mutating func combine(_ text: String, prefix: UInt8? = nil) {
        var text = text
        text.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0), prefix: prefix) }
    }

    /// `combine(_:prefix:)` for text already in UTF-8.
    mutating func combine(bytes: UnsafeRawBufferPointer, prefix: UInt8?) {
        if let prefix { value = (value ^ UInt64(prefix)) &* 0x100000001b3 }
        combine(bytes: bytes)
    }

    /// The same for text already in UTF-8.
    mutating func combine(bytes: UnsafeRawBufferPointer) {
        ContentDigest.absorb(bytes, into: &value)
        value = (value ^ 0xff) &* 0x100000001b3
    }

    var hexDigest: String { Digest(value).hex }
}
