/// How firmly the article states something.
public enum Status: String, Codable, Sendable, Hashable, Comparable {
    /// Stated by the article as fact.
    case asserted
    /// Attributed to a named source ("selon The Information", "according to Bloomberg").
    case reported
    /// From a source the article does not name ("une personne au fait du dossier").
    case anonymous
    /// Hedged: French conditional, "reportedly", "could", "is said to".
    case hedged

    /// Firmer first (a dictionary literal here was rebuilt at every comparison).
    private var rank: Int {
        switch self {
        case .asserted: 0
        case .reported: 1
        case .anonymous: 2
        case .hedged: 3
        }
    }
    public static func < (lhs: Status, rhs: Status) -> Bool { lhs.rank < rhs.rank }
}

/// A sentence whose statement is reported, anonymous or hedged, with the cue that shows it.
public struct Claim: Codable, Sendable, Hashable {
    public var sentence: String
    public var status: Status
    /// Entity id of the named source, when there is one.
    public var source: String?
    /// The words that mark the status ("selon le rapport", "travaillerait").
    public var cues: [String]

    public init(sentence: String, status: Status, source: String?, cues: [String]) {
        self.sentence = sentence
        self.status = status
        self.source = source
        self.cues = cues
    }
}
