/// A dated (or datable) statement for the timeline.
public struct Event: Codable, Sendable, Hashable {
    public var id: String
    /// The clause that carries the date, trimmed to read on its own.
    public var summary: String
    /// Index into the report's `dates`, or nil for an undated event (such as an announcement
    /// with an amount but no date).
    public var date: Int?
    public var participants: [String]
    public var status: Status
    public var sentence: String

    public init(id: String, summary: String, date: Int?, participants: [String], status: Status, sentence: String) {
        self.id = id
        self.summary = summary
        self.date = date
        self.participants = participants
        self.status = status
        self.sentence = sentence
    }
}

/// A typed, directed link between two entities, with the sentence that shows it.
public struct Relation: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case investsIn = "invests_in"
        case partnersWith = "partners_with"
        case competesWith = "competes_with"
        case supplies
        case integrates
        case develops
        case acquires
        case investigates
        case leads
        case reportsOn = "reports_on"
        case mentionedWith = "mentioned_with"
    }

    public var source: String
    public var target: String
    public var kind: Kind
    public var status: Status
    public var sentence: String
    /// The words that typed the relation ("a investi", "s'est allié").
    public var cue: String?

    public init(source: String, target: String, kind: Kind, status: Status, sentence: String, cue: String?) {
        self.source = source
        self.target = target
        self.kind = kind
        self.status = status
        self.sentence = sentence
        self.cue = cue
    }
}
