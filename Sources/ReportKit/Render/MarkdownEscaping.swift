import Mustache

/// Escapes text inserted into Markdown templates so that it stays text: every ASCII punctuation
/// mark that could start Markdown structure is backslash-escaped (CommonMark allows that for any
/// punctuation), and line breaks are folded so that inserted text can never start a new block
/// (a heading, a list, a table, a code block).
public struct MarkdownContentType: MustacheContentType {
    public static let name = "MARKDOWN"

    public init() {}

    public func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    static let escaped: Set<Unicode.Scalar> = [
        "\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "#", "+", "-", ".", "!", "|", "<", ">",
        "&", "~", "^", "\"", "'", ":", "=", "$", "%", "@",
    ]

    public static func escape(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var previousSpace = false
        for scalar in text.unicodeScalars {
            let isControl = scalar.value < 32 || (scalar.value >= 127 && scalar.value < 160)
            if isControl || scalar.isSpace {
                // Runs of spaces would make indented code blocks; line breaks would start new blocks.
                if !previousSpace { result.append(" ") }
                previousSpace = true
                continue
            }
            if BlockReader.isInvisibleFormatting(scalar) { continue }
            previousSpace = false
            if escaped.contains(scalar) { result.append("\\") }
            result.append(scalar)
        }
        return String(result)
    }
}

enum ContentTypes {
    /// swift-mustache reads content types when a template is parsed, so they are registered
    /// once, before the first template.
    static let registered: Void = {
        MustacheContentTypes.register(MarkdownContentType(), named: MarkdownContentType.name)
    }()
}
