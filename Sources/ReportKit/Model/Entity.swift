/// Someone or something the article names: a company, a person, a product, a place…
public struct Entity: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case organization, person, product, place, media, regulator, other
    }

    /// Stable within a report: `e-` and a slug of the canonical name.
    public var id: String
    public var name: String
    public var kind: Kind
    /// Other surface forms seen in the text ("le géant de Redmond", "Microsoft Copilot").
    public var aliases: [String]
    /// A role or title the text states ("directrice financière de Microsoft"); people only.
    public var role: String?
    /// The organisation the role is held at, as an entity id.
    public var roleOrganization: String?
    /// The sentence that states the role.
    public var roleSentence: String?
    /// A short description from the gazetteer, when the entity is known to it.
    public var description: String?
    public var mentions: [Mention]

    public init(id: String, name: String, kind: Kind, aliases: [String] = [], role: String? = nil,
                roleOrganization: String? = nil, roleSentence: String? = nil, description: String? = nil,
                mentions: [Mention] = []) {
        self.id = id
        self.name = name
        self.kind = kind
        self.aliases = aliases
        self.role = role
        self.roleOrganization = roleOrganization
        self.roleSentence = roleSentence
        self.description = description
        self.mentions = mentions
    }
}

public struct Mention: Codable, Sendable, Hashable {
    public var sentence: String
    public var text: String

    public init(sentence: String, text: String) {
        self.sentence = sentence
        self.text = text
    }
}
