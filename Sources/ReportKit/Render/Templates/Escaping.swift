/// How a template makes inserted text inert: Markdown templates escape for Markdown (what libcmark
/// then sees), HTML templates for HTML. Text is appended as UTF-8 to the render buffer.
enum Escaping: Sendable {
    case markdown, html

    func append(_ text: String, to out: inout [UInt8]) {
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
    @inline(__always)
    static func append(_ text: String, to out: inout [UInt8], ascii: (UInt8, inout [UInt8]) -> Void) {
        var previousSpace = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value <= 32 || value == 127 || (value >= 128 && (value < 160 || scalar.properties.isWhitespace)) {
                if !previousSpace { out.append(32) }
                previousSpace = true
                continue
            }
            if value < 128 {
                ascii(UInt8(value), &out)
            } else {
                if BlockReader.isInvisibleFormatting(scalar) { continue }
                UTF8.encode(scalar) { out.append($0) }
            }
            previousSpace = false
        }
    }
}

/// Escapes text inserted into Markdown so that it stays text: every ASCII punctuation mark that
/// could start Markdown structure is backslash-escaped (CommonMark allows that for any
/// punctuation), and line breaks are folded so that inserted text can never start a new block
/// (a heading, a list, a table, a code block).
public enum MarkdownEscaping {
    /// ASCII bytes that get a backslash first.
    private static let escaped: [Bool] = {
        var table = [Bool](repeating: false, count: 128)
        for scalar in "\\`*_{}[]()#+-.!|<>&~^\"':=$%@".utf8 { table[Int(scalar)] = true }
        return table
    }()

    public static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        append(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func append(_ text: String, to out: inout [UInt8]) {
        let escaped = Self.escaped
        InsertedText.append(text, to: &out) { byte, out in
            if escaped[Int(byte)] { out.append(UInt8(ascii: "\\")) }
            out.append(byte)
        }
    }
}

/// Inserted text as libcmark renders Markdown-escaped text: folded as `MarkdownEscaping` folds
/// it, then `&`, `<`, `>` and `"` escaped as libcmark escapes them.
enum HTMLTextEscaping {
    static func append(_ text: String, to out: inout [UInt8]) {
        InsertedText.append(text, to: &out) { byte, out in
            switch byte {
            case 38: out.append(contentsOf: "&amp;".utf8)
            case 60: out.append(contentsOf: "&lt;".utf8)
            case 62: out.append(contentsOf: "&gt;".utf8)
            case 34: out.append(contentsOf: "&quot;".utf8)
            default: out.append(byte)
            }
        }
    }
}

enum HTMLEscaping {
    static func append(_ text: String, to out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
    }
}
