#if canImport(Glibc)
import Glibc
#endif

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
        out.reserveCapacity(files.count * 64 + articles.count * 320)
        // Fields go straight into the buffer: arrays of fields and variadic calls per line were
        // most of the cost of writing a 120,000-line manifest.
        func field(_ text: String) {
            out.append(9)
            Self.appendEscaped(text, to: &out)
        }
        func tag(_ byte: UInt8) { out.append(byte) }
        // Byte order, not String's Unicode order: the same result for these paths, much faster.
        func sortedKeys<V>(_ dictionary: [String: V]) -> [String] {
            dictionary.keys.sorted(by: Self.precedes)
        }
        Self.appendEscaped(Self.formatLine, to: &out)
        field(generator)
        field(siteKey)
        out.append(10)
        // Every path added to `files` was appended to `fileOrder`: equal counts mean no repeats.
        let paths = fileOrder.count == files.count ? fileOrder : sortedKeys(files)
        for path in paths {
            tag(UInt8(ascii: "F")); field(path); field(files[path]!); out.append(10)
        }
        let sources = articleOrder.count == articles.count ? articleOrder : sortedKeys(articles)
        for source in sources {
            let record = articles[source]!
            tag(UInt8(ascii: "A"))
            field(source); field(record.key); field(record.slug); field(record.stamp); field(record.content)
            Self.forEachSummaryField(record.summary) { prefix, value in
                out.append(9)
                if let prefix { out.append(prefix) }
                Self.appendEscaped(value, to: &out)
            }
            out.append(10)
            // A handful of pages per article: sorted by hand, without a closure per comparison.
            var pages = Array(record.pages)
            for index in pages.indices.dropFirst() {
                var position = index
                while position > 0, Self.precedes(pages[position].key, pages[position - 1].key) {
                    pages.swapAt(position, position - 1)
                    position -= 1
                }
            }
            for (page, digest) in pages {
                tag(UInt8(ascii: "P")); field(page); field(digest); out.append(10)
            }
        }
        out.append(contentsOf: "end\n".utf8)
        return out
    }

    /// Byte order (UTF-8 order is code point order).
    static func precedes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                return order != 0 ? order < 0 : x.count < y.count
            }
        }
    }

    /// - Parameter filesOnly: read only the output files and their digests (what the generation
    ///   being rebuilt is asked), not the article records.
    init?(decoding bytes: [UInt8], filesOnly: Bool = false) {
        guard let parsed = bytes.withUnsafeBufferPointer({ Self.decode($0, filesOnly: filesOnly) }) else { return nil }
        self = parsed
    }

    /// Lines are found with memchr and fields as byte ranges; a `String` is made only for a field
    /// that is kept. Splitting every line into an array of strings first was most of the cost
    /// of reading a 120,000-line manifest, read twice by every rebuild.
    private static func decode(_ buffer: UnsafeBufferPointer<UInt8>, filesOnly: Bool) -> SiteManifest? {
        guard let base = buffer.baseAddress else { return nil }
        var fields = ManifestLine(base: base)
        var position = 0
        // The next line's fields, or false at the end.
        func nextLine() -> Bool {
            while position < buffer.count {
                let start = position
                let end: Int
                if let newline = memchr(base + start, 10, buffer.count - start) {
                    end = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                } else {
                    end = buffer.count
                }
                position = end + 1
                if end > start { fields.split(start, end); return true }
            }
            return false
        }
        guard nextLine(), fields.count == 3, fields.string(0) == formatLine else { return nil }
        var manifest = SiteManifest()
        manifest.generator = fields.string(1)
        manifest.siteKey = fields.string(2)
        manifest.files.reserveCapacity(buffer.count / 48)
        manifest.articles.reserveCapacity(buffer.count / 900)
        var record: (source: String, value: ArticleRecord)?
        var ended = false
        while nextLine() {
            guard !ended else { return nil }
            switch fields.tag {
            case UInt8(ascii: "F") where fields.count == 3:
                manifest.files[fields.string(1)] = fields.string(2)
            case UInt8(ascii: "P") where fields.count == 3:
                guard !filesOnly else { continue }
                guard record != nil else { return nil }
                record!.value.pages[fields.string(1)] = fields.string(2)
            case UInt8(ascii: "A"):
                guard fields.count == 15 else { return nil }
                guard !filesOnly else { continue }
                guard let summary = summary(fields) else { return nil }
                if let record { manifest.articles[record.source] = record.value }
                var pages: [String: String] = [:]
                pages.reserveCapacity(4)
                record = (fields.string(1), ArticleRecord(key: fields.string(2), slug: fields.string(3), stamp: fields.string(4),
                                                          content: fields.string(5), pages: pages, summary: summary))
            case UInt8(ascii: "e") where fields.count == 1 && fields.string(0) == "end":
                ended = true
            default:
                return nil
            }
        }
        if let record { manifest.articles[record.source] = record.value }
        return ended ? manifest : nil
    }

    /// The summary in fields 6 to 14 of an article line.
    private static func summary(_ fields: ManifestLine) -> ReportSummary? {
        guard let language = Language(rawValue: fields.string(11)), let wordCount = Int(fields.string(12)) else { return nil }
        func optional(_ index: Int) -> String? { fields.startsWithEquals(index) ? fields.string(index, dropping: 1) : nil }
        var published: CalendarDay?
        if let iso = optional(10) {
            guard let day = CalendarDay(iso: iso) else { return nil }
            published = day
        }
        return ReportSummary(sourcePath: fields.string(6), slug: fields.string(7), headline: fields.string(8), source: optional(9),
                             published: published, language: language, wordCount: wordCount,
                             isTruncated: fields.string(13) == "1", leadSentence: optional(14))
    }

    /// The summary fields in order (an optional field is "" when absent and "=" + value when
    /// present), each as an optional one-byte prefix ("=" for a present
    /// optional) and its value, so that writers need not join them into new strings.
    static func forEachSummaryField(_ summary: ReportSummary, _ body: (UInt8?, String) -> Void) {
        func optional(_ value: String?) {
            if let value { body(UInt8(ascii: "="), value) } else { body(nil, "") }
        }
        body(nil, summary.sourcePath)
        body(nil, summary.slug)
        body(nil, summary.headline)
        optional(summary.source)
        optional(summary.published?.iso)
        body(nil, summary.language.rawValue)
        body(nil, String(summary.wordCount))
        body(nil, summary.isTruncated ? "1" : "0")
        optional(summary.leadSentence)
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

    static func unescape(_ field: Slice<UnsafeBufferPointer<UInt8>>) -> String {
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

/// The tab-separated fields of one manifest line, as byte ranges into the manifest.
private struct ManifestLine {
    let base: UnsafePointer<UInt8>
    private var starts: [Int] = []
    private var ends: [Int] = []
    private var escaped: [Bool] = []

    init(base: UnsafePointer<UInt8>) {
        self.base = base
        starts.reserveCapacity(16); ends.reserveCapacity(16); escaped.reserveCapacity(16)
    }

    var count: Int { starts.count }
    var tag: UInt8 { starts.isEmpty || ends[0] == starts[0] ? 0 : base[starts[0]] }

    mutating func split(_ start: Int, _ end: Int) {
        starts.removeAll(keepingCapacity: true); ends.removeAll(keepingCapacity: true); escaped.removeAll(keepingCapacity: true)
        var fieldStart = start, index = start, hasEscape = false
        while true {
            if index >= end || base[index] == 9 {
                starts.append(fieldStart); ends.append(min(index, end)); escaped.append(hasEscape)
                if index >= end { return }
                fieldStart = index + 1
                hasEscape = false
            } else if base[index] == 92 {
                hasEscape = true
                index += 1   // the escaped byte is never a separator
            }
            index += 1
        }
    }

    func startsWithEquals(_ index: Int) -> Bool { ends[index] > starts[index] && base[starts[index]] == UInt8(ascii: "=") }

    func string(_ index: Int, dropping prefix: Int = 0) -> String {
        let bytes = UnsafeBufferPointer(start: base + starts[index] + prefix, count: ends[index] - starts[index] - prefix)
        return escaped[index] ? SiteManifest.unescape(bytes[...]) : String(decoding: bytes, as: UTF8.self)
    }
}
