extension Array where Element == UInt8 {
    /// `text`'s UTF-8 copied at once from its storage. The generic `append(contentsOf: text.utf8)`
    /// went through the collection protocol on every call (about 170 instructions for a short
    /// tag), and the article page and the figures append tens of thousands of pieces.
    @inline(__always)
    mutating func appendUTF8(_ text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }
}
