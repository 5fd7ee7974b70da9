/// The understanding step: runs every recogniser over an article and assembles the facts.
public struct Understanding: Sendable {
    public init(extraGazetteer: String?) throws(Diagnostic) {}

    public func facts(for article: Article, fallbackPublished: CalendarDay?) throws(Diagnostic) -> (Facts, [Diagnostic]) {
        (Facts(), [])
    }
}
