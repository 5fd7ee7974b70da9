#if canImport(Glibc)
import Glibc
#endif

/// The manifest on disk: one line per article and per site-wide file, tab-separated, with `\`,
/// tab and line breaks escaped. A line per article, not per file: a site of 10,000 articles has
/// 10,005 lines, and a one-article rebuild reads two manifests and writes one.
///
///     reportgen-manifest 4 <TAB> generator <TAB> site key
///     S <TAB> path <TAB> digest                       (a site-wide file)
///     A <TAB> source <TAB> key <TAB> slug <TAB> stamp <TAB> content digest <TAB> summary fields (`forEachSummaryField`)
///       then, for each file of the report's folder: <TAB> name <TAB> digest <TAB> template digest
///     end                                             (a cut file is no manifest)
///
/// A manifest in any other format (an older reportgen's) reads as no manifest: the next build
/// rebuilds that generation, which is always safe.
extension SiteManifest {
    static let formatLine = "reportgen-manifest 4"
    /// Fields of an article line before its files.
    private static let recordFields = 15

    func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(siteFiles.count * 64 + articleRecords.count * 700)
        // Fields go straight into the buffer: arrays of fields and variadic calls per line were
        // most of the cost of writing a large manifest.
        func field(_ text: String) {
            out.append(9)
            Self.appendEscaped(text, to: &out)
        }
        func digest(_ value: Digest) {
            out.append(9)
            value.appendHex(to: &out)
        }
        Self.appendEscaped(Self.formatLine, to: &out)
        field(generator)
        field(siteKey)
        out.append(10)
        for path in siteFileOrder {
            out.append(UInt8(ascii: "S")); field(path); digest(siteFiles[path]!); out.append(10)
        }
        for (source, record) in zip(articleOrder, articleRecords) {
            if let line = record.line {
                out.append(contentsOf: line)
                out.append(10)
                continue
            }
            out.append(UInt8(ascii: "A"))
            field(source); digest(record.key); field(record.slug); field(record.stamp); digest(record.content)
            Self.forEachSummaryField(record.summary) { prefix, value in
                out.append(9)
                if let prefix { out.append(prefix) }
                Self.appendEscaped(value, to: &out)
            }
            for output in record.outputs { field(output.name); digest(output.digest); digest(output.templates) }
            out.append(10)
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

    /// Sorts a report's files by name, in byte order: a handful, sorted by hand without a
    /// closure per comparison.
    static func sortedByName(_ outputs: [Output]) -> [Output] {
        var outputs = outputs
        for index in outputs.indices.dropFirst() {
            var position = index
            while position > 0, precedes(outputs[position].name, outputs[position - 1].name) {
                outputs.swapAt(position, position - 1)
                position -= 1
            }
        }
        return outputs
    }

    /// - Parameter filesOnly: read only the files and their digests (what the generation being
    ///   rebuilt is asked), not the article records.
    init?(decoding bytes: [UInt8], filesOnly: Bool = false) {
        guard let parsed = bytes.withUnsafeBufferPointer({ Self.decode($0, of: bytes, filesOnly: filesOnly) }) else { return nil }
        self = parsed
    }

    /// Lines are found with memchr and fields as byte ranges; a `String` is made only for a field
    /// that is kept.
    private static func decode(_ buffer: UnsafeBufferPointer<UInt8>, of bytes: [UInt8], filesOnly: Bool) -> SiteManifest? {
        guard let base = buffer.baseAddress else { return nil }
        let fields = ManifestLine(base: base)
        var position = 0
        var line = 0..<0
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
                if end > start { fields.split(start, end); line = start..<end; return true }
            }
            return false
        }
        guard nextLine(), fields.count == 3, fields.string(0) == formatLine else { return nil }
        var manifest = SiteManifest()
        manifest.generator = fields.string(1)
        manifest.siteKey = fields.string(2)
        let lines = buffer.count / 600
        manifest.reserveCapacity(reports: lines, records: !filesOnly)
        var ended = false
        while nextLine() {
            guard !ended else { return nil }
            switch fields.tag {
            case UInt8(ascii: "S") where fields.count == 3:
                guard let digest = fields.digest(2) else { return nil }
                manifest.addSiteFile(fields.string(1), digest: digest)
            case UInt8(ascii: "A"):
                guard fields.count >= recordFields, (fields.count - recordFields) % 3 == 0 else { return nil }
                var outputs: [Output] = []
                outputs.reserveCapacity((fields.count - recordFields) / 3)
                for index in stride(from: recordFields, to: fields.count, by: 3) {
                    guard let digest = fields.digest(index + 1), let templates = fields.digest(index + 2) else { return nil }
                    outputs.append(Output(name: fields.name(index, usually: (index - recordFields) / 3), digest: digest, templates: templates))
                }
                if filesOnly {
                    manifest.addFiles(slug: fields.string(3), outputs)
                    continue
                }
                guard summaryIsValid(fields), let key = fields.digest(2), let content = fields.digest(5) else { return nil }
                manifest.add(source: fields.string(1), ArticleRecord(key: key, slug: fields.string(3), stamp: fields.string(4),
                                                                     content: content, outputs: outputs,
                                                                     summaryFields: fields.start(6)..<fields.end(14),
                                                                     line: bytes[line]))
            case UInt8(ascii: "e") where fields.count == 1 && fields.string(0) == "end":
                ended = true
            default:
                return nil
            }
        }
        return ended ? manifest : nil
    }

    /// Whether fields 6 to 14 of an article line make a summary (`summary(fromFields:of:)`), checked without
    /// making the long strings: the language, the word count and the date are short.
    private static func summaryIsValid(_ fields: ManifestLine) -> Bool {
        guard Language(rawValue: fields.string(11)) != nil, Int(fields.string(12)) != nil else { return false }
        return !fields.startsWithEquals(10) || CalendarDay(iso: fields.string(10, dropping: 1)) != nil
    }

    /// The summary whose nine fields are the bytes at `range` of `line` (indices of `line`),
    /// as the reader checked them, read by the same walk as the site key's.
    static func summary(fromFields range: Range<Int>, of line: ArraySlice<UInt8>) -> ReportSummary {
        var values: [String?] = []
        values.reserveCapacity(9)
        forEachSummaryField(inFields: range, of: line) { prefix, bytes in
            let value = String(decoding: bytes, as: UTF8.self)
            // An optional field is absent when it has no "=" (`forEachSummaryField(_:_:)`).
            values.append(prefix == nil && isOptionalSummaryField(values.count) ? nil : value)
        }
        // (The language and the word count were checked by the reader: the defaults never apply.)
        return ReportSummary(sourcePath: values[0]!, slug: values[1]!, headline: values[2]!, source: values[3],
                             published: values[4].flatMap { CalendarDay(iso: $0) }, language: Language(rawValue: values[5]!) ?? .french,
                             wordCount: Int(values[6]!) ?? 0, isTruncated: values[7] == "1", leadSentence: values[8])
    }

    /// `forEachSummaryField` for the summary whose fields are the bytes at `range` of `line`,
    /// without making its strings: the fields are written as the summary's values, but for an
    /// optional one's "=" and the escapes. Fields are found with `memchr` (no field list is made:
    /// the site key asks this of every record of a rebuild).
    static func forEachSummaryField(inFields range: Range<Int>, of line: ArraySlice<UInt8>,
                                    _ body: (UInt8?, UnsafeRawBufferPointer) -> Void) {
        line.withUnsafeBufferPointer { buffer in
            guard let first = buffer.baseAddress else { return }
            let base = first - line.startIndex
            var start = range.lowerBound, index = 0
            while true {
                let end = memchr(base + start, 9, range.upperBound - start)
                    .map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? range.upperBound
                var bytes = UnsafeBufferPointer(start: base + start, count: end - start)
                var prefix: UInt8?
                if isOptionalSummaryField(index), !bytes.isEmpty {
                    prefix = bytes[0]
                    bytes = UnsafeBufferPointer(rebasing: bytes[1...])
                }
                if let raw = bytes.baseAddress, memchr(raw, 92, bytes.count) != nil {
                    var value = unescape(bytes[...])
                    value.withUTF8 { body(prefix, UnsafeRawBufferPointer($0)) }
                } else {
                    body(prefix, UnsafeRawBufferPointer(bytes))
                }
                index += 1
                if end >= range.upperBound { break }
                start = end + 1
            }
        }
    }

    /// Whether the summary field at `index` is optional: the source, the date, the lead sentence.
    private static func isOptionalSummaryField(_ index: Int) -> Bool { index == 3 || index == 4 || index == 8 }

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

/// The tab-separated fields of one manifest line, as byte ranges into the manifest. The ranges
/// live in storage made once per manifest: growing arrays field by field was most of the cost
/// of reading one.
private final class ManifestLine {
    let base: UnsafePointer<UInt8>
    private var capacity = 64
    private var starts: UnsafeMutablePointer<Int>
    private var ends: UnsafeMutablePointer<Int>
    private var escaped: UnsafeMutablePointer<Bool>
    private(set) var count = 0

    init(base: UnsafePointer<UInt8>) {
        self.base = base
        starts = .allocate(capacity: capacity)
        ends = .allocate(capacity: capacity)
        escaped = .allocate(capacity: capacity)
    }

    deinit {
        starts.deallocate(); ends.deallocate(); escaped.deallocate()
    }

    var tag: UInt8 { count == 0 || ends[0] == starts[0] ? 0 : base[starts[0]] }

    func split(_ start: Int, _ end: Int) {
        count = 0
        var fieldStart = start, index = start, hasEscape = false
        while index < end {
            // Eight bytes at a time to the next tab or backslash (fields are mostly plain).
            if index + 8 <= end {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let found = ByteWords.zeroBytes(word ^ ByteWords.repeating(0x09)) | ByteWords.zeroBytes(word ^ ByteWords.repeating(0x5C))
                if found == 0 { index += 8; continue }
                index += found.trailingZeroBitCount / 8
            }
            let byte = base[index]
            if byte == 9 {
                append(fieldStart, index, hasEscape)
                fieldStart = index + 1
                hasEscape = false
            } else if byte == 92 {
                hasEscape = true
                index += 1   // the escaped byte is never a separator
            }
            index += 1
        }
        append(fieldStart, min(index, end), hasEscape)
    }

    @inline(__always)
    private func append(_ start: Int, _ end: Int, _ hasEscape: Bool) {
        if count == capacity { grow() }
        starts[count] = start; ends[count] = end; escaped[count] = hasEscape
        count += 1
    }

    private func grow() {
        let larger = capacity * 2
        func moved<T>(_ old: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<T> {
            let new = UnsafeMutablePointer<T>.allocate(capacity: larger)
            new.moveInitialize(from: old, count: capacity)
            old.deallocate()
            return new
        }
        starts = moved(starts); ends = moved(ends); escaped = moved(escaped)
        capacity = larger
    }

    func startsWithEquals(_ index: Int) -> Bool { ends[index] > starts[index] && base[starts[index]] == UInt8(ascii: "=") }

    func start(_ index: Int) -> Int { starts[index] }
    func end(_ index: Int) -> Int { ends[index] }

    func digest(_ index: Int) -> Digest? {
        escaped[index] ? nil : Digest(hex: UnsafeBufferPointer(start: base + starts[index], count: ends[index] - starts[index]))
    }

    /// A file name: the literal when it is one of a report's usual files, tried first with the
    /// one that is usually at this place of a report's sorted list.
    func name(_ index: Int, usually position: Int) -> String {
        if !escaped[index], let known = ReportOutputs.interned(UnsafeBufferPointer(start: base + starts[index], count: ends[index] - starts[index]),
                                                               usually: position) {
            return known
        }
        return string(index)
    }

    func string(_ index: Int, dropping prefix: Int = 0) -> String {
        let bytes = UnsafeBufferPointer(start: base + starts[index] + prefix, count: ends[index] - starts[index] - prefix)
        return escaped[index] ? SiteManifest.unescape(bytes[...]) : String(decoding: bytes, as: UTF8.self)
    }
}
