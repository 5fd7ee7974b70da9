/// Words reproduced between quotation marks, with who the text says spoke them.
public struct Quote: Codable, Sendable, Hashable {
    public var text: String
    /// Entity id of the speaker, or nil when the text does not attribute it (or to no one named).
    public var speaker: String?
    /// How the speaker was found: "a déclaré X", "selon X", an earlier speaker ("a-t-il ajouté").
    public var attribution: String?
    public var sentence: String

    public init(text: String, speaker: String?, attribution: String?, sentence: String) {
        self.text = text
        self.speaker = speaker
        self.attribution = attribution
        self.sentence = sentence
    }
}
