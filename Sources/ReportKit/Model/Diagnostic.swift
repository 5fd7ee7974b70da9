/// An error or warning about a file, printed like a compiler's:
/// `articles/x.txt:12:5: error: message` followed by a hint that says how to fix it.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable { case error, warning }

    /// What went wrong, so that callers and tests can tell diagnostics apart without parsing text.
    public enum Code: String, Sendable, Codable {
        case fileNotFound, unreadableFile, noArticles, emptyArticle, binaryData, invalidEncoding
        case fileTooLarge, lineTooLong, frontMatter, unknownLanguage, invalidDate, invalidSlug
        case duplicateSlug, templateSyntax, templateMissing, templateVariable, templatePartial
        case outputNotOwned, outputLocked, writeFailed, gazetteer
        case relativeDateUnanchored, decodedLegacyEncoding, frontMatterUnknownKey, unsafeCharacters
        case missingBaseURL, invalidBaseURL
    }

    public var severity: Severity
    public var code: Code
    public var file: String?
    public var location: SourceLocation?
    public var message: String
    public var hint: String?

    public init(
        _ severity: Severity, _ code: Code, file: String?, location: SourceLocation? = nil,
        message: String, hint: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.file = file
        self.location = location
        self.message = message
        self.hint = hint
    }

    public static func error(
        _ code: Code, file: String?, location: SourceLocation? = nil, _ message: String, hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, code, file: file, location: location, message: message, hint: hint)
    }

    public static func warning(
        _ code: Code, file: String?, location: SourceLocation? = nil, _ message: String, hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, code, file: file, location: location, message: message, hint: hint)
    }

    public var description: String {
        var place = file ?? "reportgen"
        if let location { place += ":\(location.line):\(location.column)" }
        var text = "\(place): \(severity.rawValue): \(message)"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}

/// Several problems found at once (for example one per bad article in a folder).
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
