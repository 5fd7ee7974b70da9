import Foundation
import Yams

/// Known names and the descriptions that stand for them, looked up by folded token sequence.
public struct Gazetteer: Sendable {
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var kind: Entity.Kind
        public var aliases: [String]
        public var description: String?
    }

    private(set) var entries: [Entry] = []
    /// Folded token sequence ("the information") → entry index.
    private(set) var names: [String: Int] = [:]
    /// Folded epithet ("le geant de redmond") → entry index.
    private(set) var epithets: [String: Int] = [:]
    private(set) var longestName = 1
    private(set) var longestEpithet = 1

    public static let builtIn: Gazetteer = {
        var gazetteer = Gazetteer()
        for entry in GazetteerData.entries {
            gazetteer.add(Entry(name: entry.name, kind: entry.kind, aliases: entry.aliases, description: entry.description))
        }
        for (phrase, name) in GazetteerData.epithets {
            gazetteer.addEpithet(phrase, for: name)
        }
        return gazetteer
    }()

    /// Which lengths to try for a name or an epithet at a token, from its first two words.
    private(set) var nameStarts = PhraseStarts()
    private(set) var epithetStarts = PhraseStarts()

    /// The key a run of tokens is looked up by.
    static func key<C: Collection>(_ tokens: C) -> String where C.Element == Token {
        if tokens.count == 1 { return tokens.first!.key }
        var key = ""
        key.reserveCapacity(tokens.reduce(0) { $0 + $1.folded.utf8.count + 1 })
        for token in tokens {
            if !key.isEmpty { key += " " }
            key += token.key
        }
        return key
    }

    static func key(of text: String) -> String {
        key(Tokenizer.tokens(text))
    }

    mutating func add(_ entry: Entry) {
        let index: Int
        if let existing = names[Self.key(of: entry.name)], entries[existing].name == entry.name {
            // A user entry with a known name refines it.
            entries[existing].kind = entry.kind
            entries[existing].aliases += entry.aliases
            if entry.description != nil { entries[existing].description = entry.description }
            index = existing
        } else {
            entries.append(entry)
            index = entries.count - 1
        }
        for form in [entry.name] + entry.aliases {
            let tokens = Tokenizer.tokens(form)
            guard !tokens.isEmpty else { continue }
            names[Self.key(tokens)] = index
            nameStarts.add(tokens)
            longestName = max(longestName, tokens.count)
        }
    }

    mutating func addEpithet(_ phrase: String, for name: String) {
        guard let index = names[Self.key(of: name)] else { return }
        let tokens = Tokenizer.tokens(phrase)
        guard !tokens.isEmpty else { return }
        epithets[Self.key(tokens)] = index
        epithetStarts.add(tokens)
        longestEpithet = max(longestEpithet, tokens.count)
    }

    func entry(named key: String) -> Int? { names[key] }
    func epithet(_ key: String) -> Int? { epithets[key] }

    /// Adds the entities of a YAML file: a list of `{name, kind, aliases, description, epithets}`.
    public mutating func merge(yamlFile path: String) throws(Diagnostic) {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .error(.gazetteer, file: path, "cannot read the entity file",
                hint: "give a YAML file listing entities with name, kind and aliases")
        }
        let node: Node?
        do { node = try composeYAML(text) } catch {
            throw .error(.gazetteer, file: path, "the entity file is not valid YAML: \(error)")
        }
        guard case .sequence(let items)? = node else {
            throw .error(.gazetteer, file: path, location: SourceLocation(line: 1, column: 1),
                "the entity file must be a list", hint: "write `- name: Example Corp` then `kind: organization` per entity")
        }
        for item in items {
            let location = item.mark.map { SourceLocation(line: $0.line, column: $0.column) }
            guard case .mapping(let fields) = item, let name = fields["name"]?.string, !name.isEmpty else {
                throw .error(.gazetteer, file: path, location: location, "each entity needs a `name`")
            }
            let kindText = fields["kind"]?.string ?? "organization"
            guard let kind = Entity.Kind(rawValue: kindText) ?? (kindText == "org" ? .organization : nil) else {
                throw .error(.gazetteer, file: path, location: fields["kind"]?.mark.map { SourceLocation(line: $0.line, column: $0.column) },
                    "unknown kind '\(kindText)'", hint: "use one of: \(Entity.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let aliases = fields["aliases"]?.sequence?.compactMap(\.string) ?? []
            add(Entry(name: name, kind: kind, aliases: aliases, description: fields["description"]?.string))
            for epithet in fields["epithets"]?.sequence?.compactMap(\.string) ?? [] { addEpithet(epithet, for: name) }
        }
    }
}

/// The first two words of a set of phrases, and the lengths of the phrases that start with
/// them: a token is looked up by the phrases it can start, and most tokens start none. Two
/// words rather than one because epithets start with articles ("le", "the").
struct PhraseStarts: Sendable {
    private var firstWords = WordFilter([])
    /// Digests of one-word phrases, and of the first two words of longer ones: common words
    /// ("la", "the", "new") start some phrase, but seldom with the word that follows them.
    private var oneWordDigests = WordFilter([])
    private var pairDigests = WordFilter([])
    private var oneWord: Set<String> = []
    /// first word → second word → lengths, longest first
    private var longer: [String: [String: [Int]]] = [:]

    mutating func add(_ tokens: [Token]) {
        guard let first = tokens.first?.key else { return }
        firstWords.insert(first)
        guard tokens.count > 1 else {
            oneWord.insert(first)
            oneWordDigests.insert(digest: WordHash.of(first))
            return
        }
        pairDigests.insert(digest: WordHash.pair(WordHash.of(first), WordHash.of(tokens[1].key)))
        var lengths = longer[first, default: [:]][tokens[1].key] ?? []
        guard !lengths.contains(tokens.count) else { return }
        lengths.append(tokens.count)
        longer[first, default: [:]][tokens[1].key] = lengths.sorted(by: >)
    }

    /// Whether some phrase may start at `index`: false for most words, decided on one bit.
    @inline(__always) func mayStart(_ tokens: [Token], at index: Int) -> Bool {
        firstWords.mightContain(tokens[index].keyHash)
    }

    /// Lengths worth trying at `index`, longest first (1 last, when a one-word phrase starts there).
    func lengths(_ tokens: [Token], at index: Int) -> [Int] {
        let firstDigest = tokens[index].keyHash
        guard firstWords.mightContain(firstDigest) else { return [] }
        let mayStartPair = index + 1 < tokens.count && pairDigests.mightContain(WordHash.pair(firstDigest, tokens[index + 1].keyHash))
        let mayBeOneWord = oneWordDigests.mightContain(firstDigest)
        guard mayStartPair || mayBeOneWord else { return [] }
        let first = tokens[index].key
        var result: [Int] = []
        if mayStartPair, let bySecond = longer[first], let lengths = bySecond[tokens[index + 1].key] {
            result = lengths.filter { $0 <= tokens.count - index }
        }
        if mayBeOneWord && oneWord.contains(first) { result.append(1) }
        return result
    }
}
