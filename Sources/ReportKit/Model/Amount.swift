/// A sum of money stated in the text.
public struct Amount: Codable, Sendable, Hashable {
    public enum Qualifier: String, Codable, Sendable {
        case exact
        case moreThan = "more_than"
        case lessThan = "less_than"
        case about, several
    }

    public var text: String
    public var value: Double
    /// ISO 4217 code.
    public var currency: String
    public var qualifier: Qualifier
    public var sentence: String
    /// True when the currency was not written next to the number but taken from context.
    public var currencyInferred: Bool

    public init(text: String, value: Double, currency: String, qualifier: Qualifier, sentence: String, currencyInferred: Bool = false) {
        self.text = text
        self.value = value
        self.currency = currency
        self.qualifier = qualifier
        self.sentence = sentence
        self.currencyInferred = currencyInferred
    }
}
