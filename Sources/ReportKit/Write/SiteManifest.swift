#if canImport(Glibc)
import Glibc
#endif

/// What a generation of the site holds, written last into it: for every article the cache key
/// it was built from, its slug, the files of its folder with their digests, and what the index
/// needs; and the site-wide files with theirs. A build reuses what the keys say is unchanged,
/// links files that another generation already has, and writes only the rest.
struct SiteManifest: Sendable {
    static let fileName = ".reportgen-site"

    /// One file of a report's folder.
    struct Output: Sendable, Equatable {
        /// The file's name inside the report's folder (one of `ReportOutputs.names`).
        var name: String
        /// Digest of the file's bytes.
        var digest: Digest
        /// Digest of the templates and strings it was made with (`ArticlePipeline.outputDigests`).
        var templates: Digest
    }

    /// A class, never changed once made: a rebuild passes each of 10,000 records through several
    /// steps, and copying a record by value retained each of its two dozen strings every time.
    final class ArticleRecord: Sendable {
        /// Digest of the article's bytes, the options and reportgen's version.
        let key: Digest
        let slug: String
        /// What the input file looked like when read (`ArticleInput.stamp`), and its bytes' digest.
        let stamp: String
        let content: Digest
        /// The files of the report's folder, in byte order of their names.
        let outputs: [Output]
        /// The summary of a record made by this build; a record read from a manifest keeps the
        /// positions of its summary's fields in `line` instead (see `summary`).
        private let madeSummary: ReportSummary?
        private let summaryFields: Range<Int>
        /// The record's line in the manifest it was read from (without its line break): a
        /// record a rebuild reuses unchanged is written back as these bytes, not encoded field
        /// by field again (encoding 10,000 records was a sixth of a one-article rebuild).
        let line: ArraySlice<UInt8>?

        init(key: Digest, slug: String, stamp: String, content: Digest, outputs: [Output], summary: ReportSummary) {
            self.key = key
            self.slug = slug
            self.stamp = stamp
            self.content = content
            self.outputs = outputs
            self.madeSummary = summary
            self.summaryFields = 0..<0
            self.line = nil
        }

        /// A record read from `line`, whose summary fields (checked by the reader) are the bytes
        /// at `summaryFields`, indices of `line`.
        init(key: Digest, slug: String, stamp: String, content: Digest, outputs: [Output], summaryFields: Range<Int>,
             line: ArraySlice<UInt8>) {
            self.key = key
            self.slug = slug
            self.stamp = stamp
            self.content = content
            self.outputs = outputs
            self.madeSummary = nil
            self.summaryFields = summaryFields
            self.line = line
        }

        /// What the index shows of the report. A record read from a manifest makes it from its
        /// line when asked: a rebuild asks for it only when the site-wide pages change, and
        /// making the summaries' strings for every record was a third of reading a manifest.
        var summary: ReportSummary {
            if let madeSummary { return madeSummary }
            return SiteManifest.summary(fromFields: summaryFields, of: line!)
        }

        /// The summary's fields as `SiteManifest.forEachSummaryField` gives them, in UTF-8 and
        /// read in place for a record from a manifest.
        func forEachSummaryField(_ body: (UInt8?, UnsafeRawBufferPointer) -> Void) {
            if let madeSummary {
                SiteManifest.forEachSummaryField(madeSummary) { prefix, value in
                    var value = value
                    value.withUTF8 { body(prefix, UnsafeRawBufferPointer($0)) }
                }
            } else {
                SiteManifest.forEachSummaryField(inFields: summaryFields, of: line!, body)
            }
        }
    }

    var generator: String
    /// Digest of everything the site-wide pages (index, 404, feeds) are made from: when it has
    /// not changed, they are not rendered again.
    var siteKey: String = ""
    /// Site-wide file path → digest of its bytes, and the order they were added in.
    private(set) var siteFiles: [String: Digest] = [:]
    private(set) var siteFileOrder: [String] = []
    /// The records and their source paths in the order they were added (input order,
    /// deterministic: sorting 10,000 paths on every rebuild is avoided). A build asks for the
    /// record of each input at its own place first (`record(for:at:)`): the inputs of a rebuild
    /// usually come in the same order, and hashing every path into a dictionary when the
    /// manifest was read, again when the next one was made and once more to look each up was a
    /// twentieth of a one-article rebuild. `indexSources` makes the dictionary when they do not.
    private(set) var articleOrder: [String] = []
    private(set) var articleRecords: [ArticleRecord] = []
    private var indexBySource: [String: Int]?
    /// Slug → the files of that report's folder. Kept per report rather than per file: a
    /// dictionary of 70,000 paths, built twice and written once, was most of a one-article rebuild.
    private(set) var reportFiles: [String: [Output]] = [:]

    init() {
        self.generator = "reportgen \(ReportKitVersion.string)"
    }

    mutating func reserveCapacity(reports: Int, records: Bool) {
        reportFiles.reserveCapacity(reports)
        if records { articleRecords.reserveCapacity(reports); articleOrder.reserveCapacity(reports) }
    }

    /// Adds the record of an article. The sources of a manifest are distinct (a build's inputs);
    /// were one added twice, `articles` and the dictionary of `indexSources` would keep the last.
    mutating func add(source: String, _ record: ArticleRecord) {
        articleOrder.append(source)
        articleRecords.append(record)
        indexBySource?[source] = articleOrder.count - 1
        reportFiles[record.slug] = record.outputs
    }

    /// The records by source path (made for each call: for tests and rare look-ups).
    var articles: [String: ArticleRecord] {
        Dictionary(zip(articleOrder, articleRecords), uniquingKeysWith: { _, last in last })
    }

    /// The record of `source`, which a build asks as its input number `position` (after
    /// `indexSources`).
    func record(for source: String, at position: Int) -> ArticleRecord? {
        if let indexBySource { return indexBySource[source].map { articleRecords[$0] } }
        if position < articleOrder.count, articleOrder[position] == source { return articleRecords[position] }
        // (Not asked in that order: a slow search, never taken after `indexSources`.)
        return articleOrder.lastIndex(of: source).map { articleRecords[$0] }
    }

    /// Makes the dictionary `record(for:at:)` needs (the last record of a source winning) unless
    /// `sources`, a build's inputs in order, are the manifest's sources in order: one comparison
    /// each, where hashing each path was dearer.
    mutating func indexSources(unlessOrderedAs sources: [String]) {
        guard indexBySource == nil, sources != articleOrder else { return }
        var index: [String: Int] = [:]
        index.reserveCapacity(articleOrder.count)
        for (position, source) in articleOrder.enumerated() { index[source] = position }
        indexBySource = index
    }

    /// The files of a report, without its record (what is read of the generation being rebuilt).
    mutating func addFiles(slug: String, _ outputs: [Output]) {
        reportFiles[slug] = outputs
    }

    mutating func addSiteFile(_ path: String, digest: Digest) {
        if siteFiles.updateValue(digest, forKey: path) == nil { siteFileOrder.append(path) }
    }

    var fileCount: Int { reportFiles.values.reduce(siteFiles.count) { $0 + $1.count } }

    /// The digest of a report's file (`slug` given) or of a site-wide file.
    func digest(slug: String?, name: String) -> Digest? {
        guard let slug else { return siteFiles[name] }
        return reportFiles[slug]?.digest(named: name)
    }

    /// Whether the site has the file at `path`, relative to the site.
    func contains(path: String) -> Bool {
        if siteFiles[path] != nil { return true }
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return false }
        let slug = String(path[..<slash]), name = String(path[path.utf8.index(after: slash)...])
        return digest(slug: slug, name: name) != nil
    }
}

extension [SiteManifest.Output] {
    /// The digest of the file called `name`. Lengths are compared first: most of a folder's
    /// names differ in length, and comparing unequal strings was a visible share of a rebuild.
    func digest(named name: String) -> Digest? {
        let length = name.utf8.count
        for output in self where output.name.utf8.count == length && output.name == name { return output.digest }
        return nil
    }
}

/// The files of every report folder, by name. The names are literals, so the hundreds of
/// thousands of copies a large rebuild makes of them are never reference-counted.
enum ReportOutputs {
    static let names = ["index.html", "paywall.html", "report.json", "stakeholders.html", "stakeholders.json",
                        "timeline.html", "timeline.json"]

    /// The literal for a name read from a manifest, when it is one; `names[position]` is tried
    /// first (a report's files are listed in the order of `names`).
    static func interned(_ bytes: UnsafeBufferPointer<UInt8>, usually position: Int) -> String? {
        func matches(_ name: String) -> Bool {
            guard name.utf8.count == bytes.count else { return false }
            var name = name
            return name.withUTF8({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) }) == 0
        }
        if names.indices.contains(position), matches(names[position]) { return names[position] }
        return names.first(where: matches)
    }
}

/// A 64-bit digest of bytes, stable across runs and machines (Swift's Hasher is seeded). Eight
/// bytes per step: every output file of every build is digested, a byte at a time was visible.
/// A 60-bit digest (of a file's bytes, an article's key, a set of templates). Kept as a number,
/// written as 15 hex digits: a rebuild compares hundreds of thousands of them, and making each
/// a `String` when the manifest was read was a third of a one-article rebuild.
struct Digest: Hashable, Sendable, CustomStringConvertible {
    static let mask: UInt64 = (1 << 60) - 1
    let value: UInt64

    init(_ value: UInt64) { self.value = value & Self.mask }

    /// From exactly 15 lowercase hex digits.
    init?(hex bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 15 else { return nil }
        var value: UInt64 = 0, invalid: UInt8 = 0
        for byte in bytes {
            let digit = Self.hexValues[Int(byte)]
            invalid |= digit
            value = value << 4 | UInt64(digit & 15)
        }
        guard invalid & 0x80 == 0 else { return nil }
        self.value = value
    }

    /// Each byte's value as a lowercase hex digit, or 0x80 for any other byte.
    private static let hexValues: [UInt8] = (0...255).map { byte in
        switch byte {
        case 48...57: UInt8(byte - 48)
        case 97...102: UInt8(byte - 87)
        default: 0x80
        }
    }

    init?(hex text: String) {
        var text = text
        guard let digest = text.withUTF8({ Digest(hex: $0) }) else { return nil }
        self = digest
    }

    /// The 15 hex digits (a string of at most 15 bytes is stored inline: no allocation).
    var hex: String {
        String(unsafeUninitializedCapacity: 15) { buffer in
            Self.writeHex(value, into: buffer.baseAddress!)
            return 15
        }
    }

    var description: String { hex }

    func appendHex(to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 15) { buffer in
            Self.writeHex(value, into: buffer.baseAddress!)
            out.append(contentsOf: buffer)
        }
    }

    fileprivate static func writeHex(_ value: UInt64, into buffer: UnsafeMutablePointer<UInt8>) {
        for index in 0..<15 {
            let digit = UInt8((value >> UInt64(4 * (14 - index))) & 15)
            buffer[index] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
        }
    }
}

/// Digests that are stable across runs and machines (Swift's Hasher is seeded).
enum ContentDigest {
    static func of(_ bytes: [UInt8]) -> Digest {
        var value: UInt64 = 0xcbf29ce484222325 ^ UInt64(bytes.count)
        bytes.withUnsafeBytes { absorb($0, into: &value) }
        value ^= value >> 29
        value = value &* 0xBF58_476D_1CE4_E5B9
        value ^= value >> 32
        return Digest(value)
    }

    /// Mixes `bytes` into `value` eight bytes a step, then the tail a byte at a time: shared by
    /// the file digests and `FNV1a`.
    @inline(__always)
    static func absorb(_ bytes: UnsafeRawBufferPointer, into value: inout UInt64) {
        var offset = 0
        while offset + 8 <= bytes.count {
            value = (value ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))) &* 0x9E37_79B9_7F4A_7C15
            value ^= value >> 32
            offset += 8
        }
        while offset < bytes.count {
            value = (value ^ UInt64(bytes[offset])) &* 0x100000001b3
            offset += 1
        }
    }

    static func of(_ parts: [String]) -> Digest {
        var hasher = FNV1a()
        for part in parts { hasher.combine(part) }
        return Digest(hasher.value)
    }

    /// An article's cache key: `of([content.hex, settings])`, without making the hex string (a
    /// rebuild checks the key of every unchanged article).
    static func key(content: Digest, settings: String) -> Digest {
        var hasher = FNV1a()
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 15) { buffer in
            Digest.writeHex(content.value, into: buffer.baseAddress!)
            hasher.combine(bytes: UnsafeRawBufferPointer(buffer))
        }
        hasher.combine(settings)
        return Digest(hasher.value)
    }
}
