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

    init(files: [String: String] = [:], articles: [String: ArticleRecord] = [:]) {
        self.generator = "reportgen \(ReportKitVersion.string)"
        self.files = files
        self.articles = articles
    }
}

/// 64-bit FNV-1a over bytes: stable across runs and machines (Swift's Hasher is seeded).
enum ContentDigest {
    static func of(_ bytes: [UInt8]) -> String {
        var value: UInt64 = 0xcbf29ce484222325
        for byte in bytes { value = (value ^ UInt64(byte)) &* 0x100000001b3 }
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    static func of(_ parts: [String]) -> String {
        var hasher = FNV1a()
        for part in parts { hasher.combine(part) }
        return hasher.hexDigest
    }
}
