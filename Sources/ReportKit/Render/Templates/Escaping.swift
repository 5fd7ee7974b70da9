/// How a template makes inserted text inert: Markdown templates escape for Markdown (what libcmark
/// then sees), HTML templates for HTML. Text is appended as UTF-8 to the render buffer.
enum Escaping: Sendable {
    case markdown, html

    func append(_ text: String, to out: inout some ByteSink) {
        switch self {
        case .markdown: MarkdownEscaping.append(text, to: &out)
        case .html: HTMLEscaping.append(text, to: &out)
        }
    }
}

/// The walk over inserted text that Markdown and article HTML share: whitespace and control
/// characters fold to one space (runs of spaces would make indented code blocks, line breaks
/// would start new blocks), invisible formatting is dropped, other non-ASCII scalars are copied,
/// and each remaining ASCII byte is handed to `ascii`, which writes it escaped as it needs.
enum InsertedText {
    /// `plain` has a bit for each printable ASCII byte the escaper copies as it is (bytes 0-63
    /// in the first word, 64-127 in the second): two integers, where a table was an array to
    /// retain at every call. Runs of them (with single spaces between words) are copied at once.
    @inline(__always)
    static func append<Sink: ByteSink>(_ text: String, to out: inout Sink, plain: ASCIIBits, ascii: (UInt8, inout Sink) -> Void) {
        var text = text
        text.withUTF8 { append(utf8: $0, to: &out, plain: plain, ascii: ascii) }
    }

    /// The bits of ASCII bytes 0-63 and 64-127.
    typealias ASCIIBits = (low: UInt64, high: UInt64)

    /// Whether `byte` (below 128) has its bit in `bits`, without a branch on which half it is in.
    @inline(__always)
    static func has(_ byte: UInt8, in bits: ASCIIBits) -> Bool {
        let word = byte < 64 ? bits.low : bits.high
        return (word >> UInt64(byte & 63)) & 1 != 0
    }

    /// The bits of `bytes`.
    static func bits(of bytes: some Sequence<UInt8>) -> ASCIIBits {
        var bits: ASCIIBits = (0, 0)
        for byte in bytes where byte < 128 {
            if byte < 64 { bits.low |= 1 << UInt64(byte) } else { bits.high |= 1 << UInt64(byte - 64) }
        }
        return bits
    }

    /// `plain` for an escaper: printable ASCII (33 to 126) except `escaped`.
    static func plainBits(escaping escaped: String) -> ASCIIBits {
        let escaped = Set(escaped.utf8)
        return bits(of: (33...126).filter { !escaped.contains($0) })
    }

    /// Walks UTF-8 rather than scalars: most inserted text is ASCII, and a scalar view costs
    /// several times more per character. The bytes are valid UTF-8 (they come from a `String`).
    /// Runs of bytes copied as they are (plain ASCII, single spaces between them, and scalars
    /// beyond ASCII that are neither whitespace nor invisible) are appended at once: French text
    /// has an accent every few words, and each one ended a run.
    @inline(__always)
    static func append<Sink: ByteSink>(utf8 bytes: UnsafeBufferPointer<UInt8>, to out: inout Sink, plain: ASCIIBits,
                       ascii: (UInt8, inout Sink) -> Void) {
        var previousSpace = false
        var index = 0
        let end = bytes.count
        /// The length of the plain character at `position`, or 0 when it needs folding or escaping.
        @inline(__always) func plainLength(at position: Int) -> Int {
            let byte = bytes[position]
            if byte < 128 { return has(byte, in: plain) ? 1 : 0 }
            let (value, length) = UTF8Scalar.decode(bytes, at: position)
            return isCopied(value) ? length : 0
        }
        while index < end {
            let lead = bytes[index]
            let first = plainLength(at: index)
            if first > 0 {
                var stop = index + first
                while stop < end {
                    let length = plainLength(at: stop)
                    if length > 0 { stop += length; continue }
                    // One space followed by a plain character stays one space: part of the run.
                    if bytes[stop] == 32 && stop + 1 < end {
                        let after = plainLength(at: stop + 1)
                        if after > 0 { stop += 1 + after; continue }
                    }
                    break
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<stop]))
                index = stop
                previousSpace = false
                continue
            }
            if lead < 128 {
                index += 1
                if lead <= 32 || lead == 127 {
                    if !previousSpace { out.append(32) }
                    previousSpace = true
                } else {
                    ascii(lead, &out)
                    previousSpace = false
                }
                continue
            }
            // Beyond ASCII and not copied: whitespace and C1 controls fold, invisible formatting goes.
            let (value, length) = UTF8Scalar.decode(bytes, at: index)
            if value < 160 || isUnicodeWhitespace(value) {
                if !previousSpace { out.append(32) }
                previousSpace = true
            }
            index += length
        }
    }

    /// A scalar beyond ASCII that inserted text keeps as it is: not a C1 control, not
    /// whitespace, not invisible formatting.
    @inline(__always)
    static func isCopied(_ value: UInt32) -> Bool {
        value >= 160 && !isUnicodeWhitespace(value) && !BlockReader.isInvisibleFormatting(Unicode.Scalar(value)!)
    }

    /// Unicode's White_Space scalars above U+009F (U+00A0, U+1680, U+2000–U+200A, U+2028,
    /// U+2029, U+202F, U+205F, U+3000): a fixed list, so no property lookup per character.
    @inline(__always)
    static func isUnicodeWhitespace(_ value: UInt32) -> Bool {
        switch value {
        case 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}

/// Escapes text inserted into Markdown so that it stays text, and line breaks are folded so that
/// inserted text can never start a new line.
///
/// Markdown gives a character meaning in two places only. Inside a line, the characters that
/// open inline structure (code, emphasis, links and images, autolinks and HTML, entities, and
/// the marks a heading line ends with or a link destination or title closes on) are always
/// backslash-escaped. At the start of a block, where a line (or a list item, or a quote) begins,
/// any punctuation can open structure (`-`, `+`, `=`, `~`, `>`, `#`, and `1.` after digits):
/// the first character of the text is escaped there whatever it is, and a `.` after leading
/// digits too. The text cannot make a new line, so nothing else in it stands at a block start.
/// (Every punctuation mark escaped everywhere gave the same HTML, with several times the work
/// for libcmark: each escape is a node of its own until the document is finished.)
public enum MarkdownEscaping {
    /// ASCII bytes that always get a backslash first.
    private static let alwaysEscaped = "\\`*_[]()<>&!#|\""
    private static let escaped = InsertedText.bits(of: alwaysEscaped.utf8)

    public static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        append(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static let plain = InsertedText.plainBits(escaping: alwaysEscaped)

    static func append(_ text: String, to out: inout some ByteSink) {
        let escaped = Self.escaped
        let start = out.count
        InsertedText.append(text, to: &out, plain: plain) { byte, out in
            if InsertedText.has(byte, in: escaped) { out.append(UInt8(ascii: "\\")) }
            out.append(byte)
        }
        escapeBlockStart(in: &out, from: start)
    }

    /// The first character of the text (after the one space leading whitespace folds to), when
    /// it is punctuation not escaped yet, and a `.` after leading digits ("2024. ", "1. ").
    private static func escapeBlockStart(in out: inout some ByteSink, from start: Int) {
        var first = start
        if first < out.count && out[first] == 32 { first += 1 }
        guard first < out.count else { return }
        let byte = out[first]
        if isPunctuation(byte) {
            // A backslash here is an escape the walk wrote (a backslash of the text is escaped too).
            if byte != UInt8(ascii: "\\") { out.insert(UInt8(ascii: "\\"), at: first) }
            return
        }
        var afterDigits = first
        while afterDigits < out.count && out[afterDigits] >= 48 && out[afterDigits] <= 57 { afterDigits += 1 }
        if afterDigits > first, afterDigits < out.count, out[afterDigits] == UInt8(ascii: ".") {
            out.insert(UInt8(ascii: "\\"), at: afterDigits)
        }
    }

    /// ASCII punctuation: what a backslash escapes in Markdown.
    @inline(__always) static func isPunctuation(_ byte: UInt8) -> Bool {
        (byte >= 33 && byte <= 47) || (byte >= 58 && byte <= 64) || (byte >= 91 && byte <= 96) || (byte >= 123 && byte <= 126)
    }
}

/// Inserted text as libcmark renders Markdown-escaped text: folded as `MarkdownEscaping` folds
/// it, then `&`, `<`, `>` and `"` escaped as libcmark escapes them.
enum HTMLTextEscaping {
    private static let plain = InsertedText.plainBits(escaping: "&<>\"")

    static func append(_ text: String, to out: inout some ByteSink) {
        // Only `&`, `<`, `>` and `"` come here (the apostrophe is plain): libcmark's entities for them.
        InsertedText.append(text, to: &out, plain: plain) { byte, out in
            if let entity = HTMLEscaping.entity(for: byte) { out.append(entity) } else { out.append(byte) }
        }
    }
}

enum HTMLEscaping {
    /// The entity for a byte that HTML text and attribute values must not hold as it is, or nil.
    @inline(__always)
    static func entity(for byte: UInt8) -> StaticString? {
        switch byte {
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&#39;"
        default: nil
        }
    }

    static func append(_ text: String, to out: inout some ByteSink) {
        var text = text
        text.withUTF8 { bytes in
            // Runs of bytes that need no entity are copied at once.
            var runStart = 0
            for (index, byte) in bytes.enumerated() {
                guard let entity = entity(for: byte) else { continue }
                if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                out.append(entity)
                runStart = index + 1
            }
            if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
        }
    }
}
