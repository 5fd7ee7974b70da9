/// The manifest on disk: one record per line, tab-separated, with `\`, tab and line breaks
/// escaped. A site of 10,000 articles has a manifest of about 80,000 lines; read and written
/// with JSONDecoder/JSONEncoder it took 40 % of a one-article rebuild, this way a few ms.
///
///     reportgen-manifest 3 <TAB> generator <TAB> site key
///     F <TAB> output path <TAB> digest
///     A <TAB> source <TAB> key <TAB> slug <TAB> stamp <TAB> content digest <TAB> summary fields (see `summaryFields`)
///     P <TAB> output path <TAB> template digest      (a page of the article above)
///     end                                             (a cut file is no manifest)
///
/// A manifest in any other format (an older reportgen's JSON) reads as no manifest: the next
/// build rebuilds that generation, which is always safe.
extension SiteManifest {
    static let formatLine = "reportgen-manifest 3"

    func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(files.count * 64 + articles.count * 256)
        func line(_ first: String, _ fields: String...) {
            Self.appendEscaped(first, to: &out)
            for field in fields {
                out.append(9)
                Self.appendEscaped(field, to: &out)
            }
            out.append(10)
        }
        // Byte order, not String's Unicode order: the same result for these paths, much faster.
        func sortedKeys<V>(_ dictionary: [String: V]) -> [String] {
            dictionary.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
        line(Self.formatLine, generator, siteKey)
        // Every path added to `files` was appended to `fileOrder`: equal counts mean no repeats.
        let paths = fileOrder.count == files.count ? fileOrder : sortedKeys(files)
        for path in paths { line("F", path, files[path]!) }
        let sources = articleOrder.count == articles.count ? articleOrder : sortedKeys(articles)
        for source in sources {
            let record = articles[source]!
            Self.appendEscaped("A", to: &out)
            for field in [source, record.key, record.slug, record.stamp, record.content] + Self.summaryFields(record.summary) {
                out.append(9)
                Self.appendEscaped(field, to: &out)
            }
            out.append(10)
            for page in sortedKeys(record.pages) { line("P", page, record.pages[page]!) }
        }
        line("end")
        return out
    }

    init?(decoding bytes: [UInt8]) {
        let parsed: SiteManifest? = bytes.withUnsafeBufferPointer { buffer in
            var lines = buffer.split(separator: 10, omittingEmptySubsequences: true).makeIterator()
            guard let header = lines.next().map(Self.fields), header.count == 3, header[0] == Self.formatLine else { return nil }
            var manifest = SiteManifest()
            manifest.generator = header[1]
            manifest.siteKey = header[2]
            manifest.files.reserveCapacity(bytes.count / 48)
            var record: (source: String, value: ArticleRecord)?
            var ended = false
            while let raw = lines.next() {
                guard !ended else { return nil }
                let fields = Self.fields(raw)
                switch fields.first {
                case "end" where fields.count == 1:
                    ended = true
                case "F" where fields.count == 3:
                    manifest.files[fields[1]] = fields[2]
                case "A":
                    guard fields.count >= 6, let summary = Self.summary(Array(fields.dropFirst(6))) else { return nil }
                    if let record { manifest.articles[record.source] = record.value }
                    record = (fields[1], ArticleRecord(key: fields[2], slug: fields[3], stamp: fields[4], content: fields[5],
                                                       pages: [:], summary: summary))
                case "P" where fields.count == 3:
                    guard record != nil else { return nil }
                    record!.value.pages[fields[1]] = fields[2]
                default:
                    return nil
                }
            }
            if let record { manifest.articles[record.source] = record.value }
            return ended ? manifest : nil
        }
        guard let parsed else { return nil }
        self = parsed
    }

    /// Optional fields are "" when absent and "=" + value when present.
    static func summaryFields(_ summary: ReportSummary) -> [String] {
        func optional(_ value: String?) -> String { value.map { "=" + $0 } ?? "" }
        return [summary.sourcePath, summary.slug, summary.headline, optional(summary.source), optional(summary.published?.iso),
                summary.language.rawValue, String(summary.wordCount), summary.isTruncated ? "1" : "0", optional(summary.leadSentence)]
    }

    static func summary(_ fields: [String]) -> ReportSummary? {
        guard fields.count == 9, let language = Language(rawValue: fields[5]), let wordCount = Int(fields[6]) else { return nil }
        func optional(_ value: String) -> String? { value.hasPrefix("=") ? String(value.dropFirst()) : nil }
        var published: CalendarDay?
        if let iso = optional(fields[4]) {
            guard let day = CalendarDay(iso: iso) else { return nil }
            published = day
        }
        return ReportSummary(sourcePath: fields[0], slug: fields[1], headline: fields[2], source: optional(fields[3]),
                             published: published, language: language, wordCount: wordCount,
                             isTruncated: fields[7] == "1", leadSentence: optional(fields[8]))
    }

    private static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        var text = text
        let plain = text.withUTF8 { buffer -> Bool in
            for byte in buffer where byte == 92 || byte == 9 || byte == 10 || byte == 13 { return false }
            out.append(contentsOf: buffer)
            return true
        }
        if plain { return }
        for byte in text.utf8 {
            switch byte {
            case 92: out.append(92); out.append(92)
            case 9: out.append(92); out.append(UInt8(ascii: "t"))
            case 10: out.append(92); out.append(UInt8(ascii: "n"))
            case 13: out.append(92); out.append(UInt8(ascii: "r"))
            default: out.append(byte)
            }
        }
    }

    private static func fields(_ line: Slice<UnsafeBufferPointer<UInt8>>) -> [String] {
        var fields: [String] = []
        fields.reserveCapacity(13)
        var start = line.startIndex
        var index = start
        var hasEscape = false
        while true {
            if index == line.endIndex || line[index] == 9 {
                let field = line[start..<index]
                fields.append(hasEscape ? unescape(field) : String(decoding: UnsafeBufferPointer(rebasing: field), as: UTF8.self))
                if index == line.endIndex { return fields }
                start = index + 1
                hasEscape = false
            } else if line[index] == 92 {
                hasEscape = true
                index += 1   // the escaped byte is never a separator
                if index == line.endIndex { continue }
            }
            index += 1
        }
    }

    private static func unescape(_ field: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(field.count)
        var escaped = false
        for byte in field {
            if escaped {
                switch byte {
                case UInt8(ascii: "t"): bytes.append(9)
                case UInt8(ascii: "n"): bytes.append(10)
                case UInt8(ascii: "r"): bytes.append(13)
                default: bytes.append(byte)
                }
                escaped = false
            } else if byte == 92 {
                escaped = true
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
