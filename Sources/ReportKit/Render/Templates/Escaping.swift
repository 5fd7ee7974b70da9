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

/// Escapes text inserted into Markdown so that it stays text: every ASCII punctuation mark that
/// could start Markdown structure is backslash-escaped (CommonMark allows that for any
/// punctuation), and line breaks are folded so that inserted text can never start a new block
/// (a heading, a list, a table, a code block).
public enum MarkdownEscaping {
    /// ASCII byte → 0 copy, 1 backslash first, 2 a space or control character (folded).
    private static let classes: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 128)
        for byte in 0..<32 { table[byte] = 2 }
        table[32] = 2
        table[127] = 2
        for scalar in "\\`*_{}[]()#+-.!|<>&~^\"':=$%@".utf8 { table[Int(scalar)] = 1 }
        return table
    }()

    public static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        append(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func append(_ text: String, to out: inout [UInt8]) {
        var previousSpace = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 128 {
                switch classes[Int(value)] {
                case 0:
                    out.append(UInt8(value))
                    previousSpace = false
                case 1:
                    out.append(UInt8(ascii: "\\"))
                    out.append(UInt8(value))
                    previousSpace = false
                default:
                    // Runs of spaces would make indented code blocks; line breaks would start new blocks.
                    if !previousSpace { out.append(32) }
                    previousSpace = true
                }
                continue
            }
            if value < 160 || scalar.properties.isWhitespace {
                if !previousSpace { out.append(32) }
                previousSpace = true
                continue
            }
            if BlockReader.isInvisibleFormatting(scalar) { continue }
            previousSpace = false
            UTF8.encode(scalar) { out.append($0) }
        }
    }
}

/// Inserted text as libcmark renders Markdown-escaped text: whitespace and control characters
/// folded to single spaces, invisible formatting dropped (as `MarkdownEscaping` does), then
/// `&`, `<`, `>` and `"` escaped as libcmark escapes them.
enum HTMLTextEscaping {
    static func append(_ text: String, to out: inout [UInt8]) {
        var previousSpace = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 128 {
                switch value {
                case 0...32, 127:
                    if !previousSpace { out.append(32) }
                    previousSpace = true
                    continue
                case 38: out.append(contentsOf: "&amp;".utf8)
                case 60: out.append(contentsOf: "&lt;".utf8)
                case 62: out.append(contentsOf: "&gt;".utf8)
                case 34: out.append(contentsOf: "&quot;".utf8)
                default: out.append(UInt8(value))
                }
                previousSpace = false
                continue
            }
            if value < 160 || scalar.properties.isWhitespace {
                if !previousSpace { out.append(32) }
                previousSpace = true
                continue
            }
            if BlockReader.isInvisibleFormatting(scalar) { continue }
            previousSpace = false
            UTF8.encode(scalar) { out.append($0) }
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
