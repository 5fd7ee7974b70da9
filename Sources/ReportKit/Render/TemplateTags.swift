/// A light scan of Mustache tags with their positions, used to point diagnostics at the line and
/// column of a variable or partial (swift-mustache keeps positions only for syntax errors).
enum TemplateTags {
    struct Tag {
        enum Kind { case variable, section, partial, other }
        var kind: Kind
        var name: String
        var location: SourceLocation
    }

    static func scan(_ text: String) -> [Tag] {
        var tags: [Tag] = []
        let scalars = Array(text.unicodeScalars)
        var line = 1, column = 1, index = 0
        while index < scalars.count {
            if scalars[index] == "{", index + 1 < scalars.count, scalars[index + 1] == "{" {
                let location = SourceLocation(line: line, column: column)
                var cursor = index + 2
                var sigil: Unicode.Scalar = " "
                if cursor < scalars.count, "{&#^/>!%$<".unicodeScalars.contains(scalars[cursor]) {
                    sigil = scalars[cursor]
                    cursor += 1
                }
                var name = String.UnicodeScalarView()
                while cursor < scalars.count, !(scalars[cursor] == "}" && cursor + 1 < scalars.count && scalars[cursor + 1] == "}") {
                    if scalars[cursor] == "\n" { break }
                    name.append(scalars[cursor])
                    cursor += 1
                }
                let trimmed = String(name).trimmingWhitespace().trimmingCharactersIn("}")
                let kind: Tag.Kind
                switch sigil {
                case ">": kind = .partial
                case "#", "^": kind = .section
                case " ", "{", "&": kind = .variable
                default: kind = .other
                }
                tags.append(Tag(kind: kind, name: trimmed, location: location))
                while index < cursor { advance(scalars[index], &line, &column); index += 1 }
                continue
            }
            advance(scalars[index], &line, &column)
            index += 1
        }
        return tags
    }

    private static func advance(_ scalar: Unicode.Scalar, _ line: inout Int, _ column: inout Int) {
        if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
    }
}

extension String {
    func trimmingCharactersIn(_ characters: String) -> String {
        var result = self
        while let last = result.last, characters.contains(last) { result.removeLast() }
        return result.trimmingWhitespace()
    }
}
