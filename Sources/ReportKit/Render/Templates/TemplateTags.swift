/// The tags of a template with their places, for the checks made when templates are loaded
/// (interface strings, partials, cycles) and for pointing an unknown variable at its line.
enum TemplateTags {
    struct Tag {
        enum Kind { case variable, section, partial, other }
        var kind: Kind
        var name: String
        var location: SourceLocation
    }

    /// Only called on templates that parsed: a syntax error here yields no tags.
    static func scan(_ text: String) -> [Tag] {
        guard let tokens = try? TemplateParser.tokenize(Array(text.utf8)) else { return [] }
        return tokens.compactMap { token in
            guard case .tag(let tag) = token else { return nil }
            let kind: Tag.Kind
            switch tag.kind {
            case .variable, .raw: kind = .variable
            case .open, .inverted: kind = .section
            case .partial: kind = .partial
            case .close, .comment: kind = .other
            }
            return Tag(kind: kind, name: tag.name, location: tag.location)
        }
    }
}
