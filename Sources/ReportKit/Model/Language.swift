/// The languages whose wording reportgen understands; the interface of a report follows it.
public enum Language: String, Codable, Sendable, CaseIterable {
    case french = "fr"
    case english = "en"
}
