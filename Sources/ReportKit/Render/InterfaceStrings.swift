import Yams

/// The words of the interface ("Timeline" / "Chronologie"), per language, from the theme's
/// `strings.yml`, so that a theme can translate or reword without touching code.
public struct InterfaceStrings: Sendable {
    public private(set) var tables: [Language: [String: String]] = [:]
    /// Each language's formatting, made once: splitting the month names per report showed.
    private(set) var formats: [Language: Formatting] = [:]

    public init(yaml: String, path: String) throws(Diagnostic) {
        let node: Node?
        do { node = try composeYAML(yaml) } catch {
            throw .error(.templateSyntax, file: path, "interface strings are not valid YAML: \(error)")
        }
        guard case .mapping(let languages)? = node else {
            throw .error(.templateSyntax, file: path, "interface strings must map a language code to its strings")
        }
        for (languageNode, tableNode) in languages {
            guard let code = languageNode.string, let language = Language(code: code),
                  case .mapping(let entries) = tableNode else { continue }
            var table: [String: String] = [:]
            for (key, value) in entries {
                if let key = key.string, let value = value.string { table[key] = value }
            }
            tables[language] = table
        }
        for language in Language.allCases where tables[language] == nil {
            throw .error(.templateMissing, file: path, "no interface strings for language '\(language.rawValue)'")
        }
        let reference = Set(tables[.english]!.keys)
        for language in Language.allCases {
            let missing = reference.symmetricDifference(tables[language]!.keys)
            if !missing.isEmpty {
                throw .error(.templateMissing, file: path,
                    "interface strings differ between languages: \(missing.sorted().joined(separator: ", "))",
                    hint: "give every key in every language")
            }
        }
        for (language, table) in tables { formats[language] = Formatting(strings: table, language: language) }
    }

    public func table(for language: Language) -> [String: String] { tables[language] ?? [:] }

    func formatting(for language: Language) -> Formatting {
        formats[language] ?? Formatting(strings: table(for: language), language: language)
    }

    public func string(_ key: String, _ language: Language) -> String { tables[language]?[key] ?? key }
}
