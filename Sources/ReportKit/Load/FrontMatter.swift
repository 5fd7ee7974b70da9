import Yams

/// The optional YAML block between `---` lines at the top of an article.
public struct FrontMatter: Sendable, Equatable {
    public var title: String?
    public var slug: String?
    public var source: String?
    public var url: String?
    public var published: CalendarDay?
    public var language: Language?
    public var author: String?
    public var entities: String?

    public init() {}

    static let knownKeys: Set<String> = ["title", "slug", "source", "url", "published", "language", "author", "entities"]

    /// Splits `text` into its front matter and body. `bodyLineOffset` is the number of lines
    /// before the body, so that body line numbers can be reported as file line numbers.
    public static func split(
        _ text: String, path: String
    ) throws(Diagnostic) -> (frontMatter: FrontMatter, body: Substring, bodyLineOffset: Int, warnings: [Diagnostic]) {
        guard text.hasPrefix("---\n") else { return (FrontMatter(), Substring(text), 0, []) }
        // Find the closing fence on a line of its own.
        var lineNumber = 1
        var yamlLines: [Substring] = []
        var closed = false
        var rest = text.dropFirst(4)
        while !rest.isEmpty {
            lineNumber += 1
            let end = rest.firstIndex(of: "\n") ?? rest.endIndex
            let line = rest[rest.startIndex..<end]
            rest = end == rest.endIndex ? rest[end...] : rest[rest.index(after: end)...]
            if line == "---" || line == "..." { closed = true; break }
            yamlLines.append(line)
        }
        guard closed else {
            throw .error(.frontMatter, file: path, location: SourceLocation(line: 1, column: 1),
                "front matter starts with '---' but has no closing '---' line",
                hint: "end the front matter block with a line containing only '---'")
        }
        let yaml = yamlLines.joined(separator: "\n")
        let (frontMatter, warnings) = try parse(yaml: yaml, path: path, firstLine: 2)
        return (frontMatter, rest, lineNumber, warnings)
    }

    static func parse(yaml: String, path: String, firstLine: Int) throws(Diagnostic) -> (FrontMatter, [Diagnostic]) {
        func location(_ mark: Mark?) -> SourceLocation? {
            mark.map { SourceLocation(line: $0.line + firstLine - 1, column: $0.column) }
        }
        let node: Node?
        do {
            node = try composeYAML(yaml)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
                throw .error(.frontMatter, file: path, location: location(mark),
                    "front matter is not valid YAML: \(problem)",
                    hint: "write one `key: value` per line, quoting values that contain ':'")
            default:
                throw .error(.frontMatter, file: path, location: SourceLocation(line: firstLine, column: 1),
                    "front matter is not valid YAML: \(error)")
            }
        } catch {
            throw .error(.frontMatter, file: path, location: SourceLocation(line: firstLine, column: 1),
                "front matter is not valid YAML: \(error)")
        }
        var result = FrontMatter()
        var warnings: [Diagnostic] = []
        guard let node else { return (result, warnings) }
        guard case .mapping(let mapping) = node else {
            throw .error(.frontMatter, file: path, location: location(node.mark),
                "front matter must be a mapping of keys to values",
                hint: "write it as `title: …`, `published: 2025-02-03`, one key per line")
        }
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.string else { continue }
            guard knownKeys.contains(key) else {
                warnings.append(.warning(.frontMatterUnknownKey, file: path, location: location(keyNode.mark),
                    "unknown front matter key '\(key)' is ignored",
                    hint: "known keys: \(knownKeys.sorted().joined(separator: ", "))"))
                continue
            }
            guard case .scalar(let scalar) = valueNode else {
                throw .error(.frontMatter, file: path, location: location(valueNode.mark),
                    "'\(key)' must be a single value, not a list or a mapping")
            }
            // Control and invisible formatting characters can hide or reorder what a title says.
            let value = String(String.UnicodeScalarView(scalar.string.unicodeScalars.filter {
                !BlockReader.isInvisibleFormatting($0) && !($0.value < 32 || ($0.value >= 127 && $0.value < 160))
            })).trimmingWhitespace()
            if value.isEmpty || value == "~" || value == "null" { continue }
            switch key {
            case "title": result.title = value
            case "slug": result.slug = value
            case "source": result.source = value
            case "url": result.url = value
            case "author": result.author = value
            case "entities": result.entities = value
            case "published":
                guard let day = CalendarDay(iso: value) else {
                    throw .error(.invalidDate, file: path, location: location(valueNode.mark),
                        "'published' is not a valid date: \(value)",
                        hint: "write the publication date as YYYY-MM-DD, for example 2025-02-03")
                }
                result.published = day
            case "language":
                guard let language = Language(code: value) else {
                    throw .error(.unknownLanguage, file: path, location: location(valueNode.mark),
                        "unsupported language '\(value)'",
                        hint: "use 'fr' or 'en', or remove the key to detect the language")
                }
                result.language = language
            default: break
            }
        }
        return (result, warnings)
    }
}

extension Language {
    /// Accepts ISO codes, regional variants ("fr-CA", "en_US") and the English names.
    public init?(code: String) {
        let lowered = code.lowercased()
        let primary = lowered.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? lowered
        switch primary {
        case "fr", "fra", "fre", "french", "français", "francais": self = .french
        case "en", "eng", "english", "anglais": self = .english
        default: return nil
        }
    }
}
