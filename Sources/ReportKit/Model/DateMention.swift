/// A calendar expression found in a sentence, normalised with its precision.
public struct DateMention: Codable, Sendable, Hashable {
    public enum Precision: String, Codable, Sendable {
        case day, month, year, range
        /// A weekday, a month without year, "last month": known only relative to a date.
        case relative
    }

    /// Whether the expression bounds a period ("jusqu'en 2030", "since 2019") rather than placing a point.
    public enum Bound: String, Codable, Sendable { case until, since }

    public var text: String
    /// ISO `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a range `A/B`; nil when unresolved.
    public var value: String?
    public var precision: Precision
    public var relative: Bool
    public var sentence: String
    /// A season or part of a period kept as said ("fin", "printemps", "early").
    public var qualifier: String?
    public var bound: Bound?
    /// For relative expressions resolved against the publication date, the date used.
    public var anchor: String?

    public init(text: String, value: String?, precision: Precision, relative: Bool, sentence: String,
                qualifier: String? = nil, bound: Bound? = nil, anchor: String? = nil) {
        self.text = text
        self.value = value
        self.precision = precision
        self.relative = relative
        self.sentence = sentence
        self.qualifier = qualifier
        self.bound = bound
        self.anchor = anchor
    }

    /// The first day the value covers, for ordering a timeline ("2019/2023" → 2019-01-01).
    public var sortKey: String? {
        guard let value else { return nil }
        let start = String(ISOValue.start(value))
        switch start.count {
        case 4: return start + "-01-01"
        case 7: return start + "-01"
        default: return start
        }
    }
}
