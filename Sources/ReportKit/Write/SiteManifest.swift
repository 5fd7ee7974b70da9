/// What a generation of the site holds, written last into it: every file with the digest of its
/// bytes, and for every article the cache key it was built from, its slug, its pages and what
/// the index needs. A build reuses what the keys say is unchanged, links files that another
/// generation already has, and writes only the rest.
struct SiteManifest: Sendable {
    static let fileName = ".reportgen-site"

    struct ArticleRecord: Sendable {
        /// Digest of the article's bytes, the options and reportgen's version.
        var key: String
        var slug: String
        /// What the input file looked like when read (`ArticleInput.stamp`), and its bytes' digest.
        var stamp: String
        var content: String
        /// Output path → digest of the templates that page was rendered with.
        var pages: [String: String]
        var summary: ReportSummary
    }

    var generator: String
    /// Digest of everything the site-wide pages (index, 404, feeds) are made from: when it has
    /// not changed, they are not rendered again.
    var siteKey: String = ""
    /// Output path (relative to the site) → digest of its bytes.
    var files: [String: String]
    /// Source path → record.
    var articles: [String: ArticleRecord]
    /// The order to write files and articles in, when the build knows it (input order, which is
    /// deterministic): sorting 70,000 paths was a fifth of a one-article rebuild.
    var fileOrder: [String] = []
    var articleOrder: [String] = []

    init(files: [String: String] = [:], articles: [String: ArticleRecord] = [:]) {
        self.generator = "reportgen \(ReportKitVersion.string)"
        self.files = files
        self.articles = articles
    }
}

/// A 64-bit digest of bytes, stable across runs and machines (Swift's Hasher is seeded). Eight
/// bytes per step: every output file of every build is digested, a byte at a time was visible.
enum ContentDigest {
    static func of(_ bytes: [UInt8]) -> String {
        var value: UInt64 = 0xcbf29ce484222325 ^ UInt64(bytes.count)
        bytes.withUnsafeBytes { absorb($0, into: &value) }
        value ^= value >> 29
        value = value &* 0xBF58_476D_1CE4_E5B9
        value ^= value >> 32
        return hex60(value)
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

    /// 60 bits as 15 hex digits: a string of at most 15 bytes is stored inline by Swift, so the
    /// hundreds of thousands of digests a large build handles allocate nothing.
    static func hex60(_ value: UInt64) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 15) { buffer in
            for index in 0..<15 { buffer[index] = digits[Int((value >> UInt64(4 * (14 - index))) & 15)] }
            return 15
        }
    }

    static func of(_ parts: [String]) -> String {
        var hasher = FNV1a()
        for part in parts { hasher.combine(part) }
        return hasher.hexDigest
    }
}
