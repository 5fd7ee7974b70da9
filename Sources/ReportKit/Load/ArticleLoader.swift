import Foundation

/// Reads one article file into the typed model. The first step of every build.
public struct ArticleLoader: Sendable {
    public init() {}

    public struct Result: Sendable {
        public var article: Article
        public var warnings: [Diagnostic]
        /// Each sentence's scalars, in the order of `article.sentences`: handed to understanding,
        /// which would otherwise decode every sentence's text again.
        var sentenceScalars: [[Unicode.Scalar]] = []
    }

    public func load(path: String, slug overrideSlug: String? = nil) throws(Diagnostic) -> Result {
        let bytes: [UInt8]
        do {
            guard let data = FileManager.default.contents(atPath: path) else {
                var isDirectory: ObjCBool = false
                if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                    throw Diagnostic.error(.fileNotFound, file: path, "no such file",
                        hint: "check the path, or run `reportgen build` in the folder that holds `articles/`")
                }
                throw Diagnostic.error(.unreadableFile, file: path, "cannot read the file",
                    hint: isDirectory.boolValue ? "this is a folder" : "check its permissions")
            }
            bytes = [UInt8](data)
        } catch let diagnostic as Diagnostic {
            throw diagnostic
        } catch {
            throw .error(.unreadableFile, file: path, "cannot read the file: \(error)")
        }
        return try load(bytes: bytes, path: path, slug: overrideSlug)
    }

    public func load(bytes: [UInt8], path: String, slug overrideSlug: String? = nil) throws(Diagnostic) -> Result {
        try load(source: try SourceText(bytes: bytes, path: path), path: path, slug: overrideSlug)
    }

    /// From text already decoded (the build decodes every input once, to find its slug).
    func load(source: SourceText, path: String, slug overrideSlug: String? = nil) throws(Diagnostic) -> Result {
        let (frontMatter, body, _, frontMatterWarnings) = try FrontMatter.split(source.text, path: path)
        let slug = try Self.slug(frontMatter: frontMatter, path: path, override: overrideSlug)
        let format: BlockReader.Format = path.lowercased().hasSuffix(".md") || path.lowercased().hasSuffix(".markdown")
            ? .markdown : .plainText
        var sentenceScalars: [[Unicode.Scalar]] = []
        let article = try StructureReader(path: path, format: format)
            .read(text: source.text, frontMatter: frontMatter, bodyText: body, slug: slug, sentenceScalars: &sentenceScalars)
        return Result(article: article, warnings: source.warnings + frontMatterWarnings + Self.invisibleCharacters(source.text, path: path),
                      sentenceScalars: sentenceScalars)
    }

    /// Bidi controls and zero-width characters can reorder or hide what a reader sees; they are
    /// dropped from the text, and the user is told where the first one was.
    static func invisibleCharacters(_ text: String, path: String) -> [Diagnostic] {
        // Most texts have none: their UTF-8 says so without decoding a scalar.
        guard mayHoldInvisibleFormatting(text) else { return [] }
        var count = 0, line = 1, column = 1
        var first: SourceLocation?
        for scalar in text.unicodeScalars {
            if scalar == "\n" { line += 1; column = 1; continue }
            if BlockReader.isInvisibleFormatting(scalar) && !(scalar == "\u{FEFF}" && line == 1 && column == 1) {
                count += 1
                if first == nil { first = SourceLocation(line: line, column: column) }
            }
            column += 1
        }
        guard count > 0 else { return [] }
        return [.warning(.unsafeCharacters, file: path, location: first,
            "dropped \(count) invisible formatting character\(count == 1 ? "" : "s") (bidi controls, zero-width spaces, soft hyphens)",
            hint: "they can reorder or hide text; remove them from the source to silence this warning")]
    }

    /// False when no UTF-8 sequence of an invisible formatting scalar (U+00AD, U+200B–U+200F,
    /// U+202A–U+202E, U+2060–U+2064, U+2066–U+2069, U+FEFF) is in the text.
    static func mayHoldInvisibleFormatting(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            let count = bytes.count
            let raw = UnsafeRawBufferPointer(bytes)
            while index + 1 < count {
                // Eight bytes at once while none is the lead byte of such a sequence (0xC2, 0xE2,
                // 0xEF): most of any text, French accents included, where stopping at every byte
                // beyond ASCII mispredicted a branch at each accent. (A byte just above a lead may
                // be flagged too; the first flagged byte is always a lead.)
                if index + 8 <= count {
                    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    let leads = ByteWords.zeroBytes(word ^ ByteWords.repeating(0xC2)) | ByteWords.zeroBytes(word ^ ByteWords.repeating(0xE2))
                        | ByteWords.zeroBytes(word ^ ByteWords.repeating(0xEF))
                    if leads == 0 { index += 8; continue }
                    index += leads.trailingZeroBitCount >> 3
                    guard index + 1 < count else { break }
                }
                let lead = bytes[index], second = bytes[index + 1]
                switch lead {
                case 0xC2 where second == 0xAD: return true
                case 0xE2 where index + 2 < count && (second == 0x80 || second == 0x81):
                    let third = bytes[index + 2]
                    if second == 0x80 && ((0x8B...0x8F).contains(third) || (0xAA...0xAE).contains(third)) { return true }
                    if second == 0x81 && ((0xA0...0xA4).contains(third) || (0xA6...0xA9).contains(third)) { return true }
                case 0xEF where index + 2 < count && second == 0xBB && bytes[index + 2] == 0xBF: return true
                default: break
                }
                index += 1
            }
            return false
        }
    }

    static func slug(frontMatter: FrontMatter, path: String, override: String?) throws(Diagnostic) -> String {
        if let override { return override }
        let base: String
        if let stated = frontMatter.slug {
            base = stated
        } else {
            // The file name without its last extension, found on UTF-8 bytes: splitting the path
            // into characters cost more than making the slug.
            let utf8 = path.utf8
            let name = utf8.lastIndex(of: UInt8(ascii: "/")).map { path[utf8.index(after: $0)...] } ?? path[...]
            base = name.utf8.lastIndex(of: UInt8(ascii: ".")).map { String(name[..<$0]) } ?? String(name)
        }
        let slug = Slug.make(from: base)
        guard !slug.isEmpty else {
            throw .error(.invalidSlug, file: path, location: SourceLocation(line: 1, column: 1),
                "cannot make a URL slug from '\(base)': it has no letters or digits",
                hint: "add `slug: my-article` to the front matter")
        }
        return slug
    }
}
