import Foundation

/// Turns the bytes of an input file into normalised text, or says precisely why it cannot.
///
/// Normalised means: valid Unicode, no byte-order mark, `\n` line endings, no NUL. UTF-16 with a
/// BOM is decoded (with a warning) because Windows tools still save it; anything else that is
/// not UTF-8 is refused with the line and column of the first bad byte.
public struct SourceText: Sendable {
    public var text: String
    public var warnings: [Diagnostic]

    /// Above this an article is almost certainly not an article (a dump, a log, a binary).
    public static let maximumBytes = 8 * 1024 * 1024
    /// A paragraph longer than this is not prose; refusing keeps every later scan bounded.
    public static let maximumLineScalars = 200_000

    public init(bytes: [UInt8], path: String) throws(Diagnostic) {
        var warnings: [Diagnostic] = []
        guard bytes.count <= Self.maximumBytes else {
            throw .error(.fileTooLarge, file: path,
                "file is \(bytes.count) bytes; the limit for one article is \(Self.maximumBytes) bytes",
                hint: "split the file into one article per file")
        }
        var decoded: String
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            decoded = try Self.decodeUTF16(bytes, path: path)
            warnings.append(.warning(.decodedLegacyEncoding, file: path,
                "decoded as UTF-16 (byte-order mark found)", hint: "save the file as UTF-8"))
            decoded = Self.normalisingLineEndings(decoded)
            try Array(decoded.utf8).withUnsafeBufferPointer { buffer throws(Diagnostic) in try Self.checkShape(buffer, path: path) }
        } else {
            // The standard library validates while it makes the string; one scan of the bytes
            // finds NULs, carriage returns and long lines. `validateUTF8` walks the bytes again
            // only to say where a bad one is (a second validation was 1 % of a build).
            let bomLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            let original = bomLength == 0 ? bytes : Array(bytes[bomLength...])
            let shape = original.withUnsafeBufferPointer { Self.shape(of: $0) }
            // A carriage return is never part of a longer UTF-8 sequence: the endings are made
            // `\n` before validation, and the string is made once.
            let body = shape.hasCarriageReturn ? Self.normalisingLineEndings(original) : original
            guard !shape.hasNUL, let valid = String(validating: body, as: UTF8.self) else {
                // The bad byte's line and column are those of the file as saved.
                try original.withUnsafeBufferPointer { buffer throws(Diagnostic) in _ = try Self.validateUTF8(buffer, path: path) }
                throw .error(.invalidEncoding, file: path, "invalid UTF-8", hint: "re-save the file as UTF-8")
            }
            decoded = valid
            if shape.hasCarriageReturn || shape.longestLineBytes > Self.maximumLineScalars {
                try body.withUnsafeBufferPointer { buffer throws(Diagnostic) in try Self.checkShape(buffer, path: path) }
            }
        }
        if decoded.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            throw .error(.emptyArticle, file: path, "the article is empty",
                hint: "put the headline on the first line and one paragraph per line")
        }
        self.text = decoded
        self.warnings = warnings
    }

    static func normalisingLineEndings(_ text: String) -> String {
        guard text.utf8.contains(13) else { return text }
        var scalars = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                scalars.append("\n")
                previousWasCR = true
                continue
            }
            if scalar == "\n" && previousWasCR { previousWasCR = false; continue }
            previousWasCR = false
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// Bytes with `\r\n` and lone `\r` turned into `\n`.
    static func normalisingLineEndings(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var previousWasCR = false
        for byte in bytes {
            if byte == 13 { out.append(10); previousWasCR = true; continue }
            if byte == 10 && previousWasCR { previousWasCR = false; continue }
            previousWasCR = false
            out.append(byte)
        }
        return out
    }

    /// What the checks need to know about the bytes, found with `memchr` (vectorised): whether
    /// there is a NUL or a carriage return, and the longest line in bytes, which bounds its
    /// length in scalars (so a line is counted scalar by scalar only when it might be too long).
    static func shape(of bytes: UnsafeBufferPointer<UInt8>) -> (hasNUL: Bool, hasCarriageReturn: Bool, longestLineBytes: Int) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return (false, false, 0) }
        let count = bytes.count
        var longest = 0, start = 0
        while start < count {
            let end = memchr(base + start, 10, count - start).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? count
            longest = max(longest, end - start)
            start = end + 1
        }
        return (memchr(base, 0, count) != nil, memchr(base, 13, count) != nil, longest)
    }

    /// Refuses a line longer than `maximumLineScalars` (counted in scalars: UTF-8 lead bytes).
    static func checkShape(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws(Diagnostic) {
        var line = 1, lineLength = 0
        for byte in bytes {
            if byte == 10 { line += 1; lineLength = 0; continue }
            if byte & 0xC0 != 0x80 { lineLength += 1 }
            if lineLength > Self.maximumLineScalars {
                throw .error(.lineTooLong, file: path, location: SourceLocation(line: line, column: 1),
                    "line is longer than \(Self.maximumLineScalars) characters",
                    hint: "break the text into paragraphs, one per line")
            }
        }
    }

    /// Finds the first byte that is not valid UTF-8 (or a NUL, which means binary data), and
    /// says whether there is a carriage return.
    static func validateUTF8(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws(Diagnostic) -> Bool {
        var index = 0, line = 1, column = 1
        var sawCarriageReturn = false
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte >= 32 && byte < 0x80 { column += 1; index += 1; continue }
            var length = 0
            if byte == 0 {
                throw .error(.binaryData, file: path, location: SourceLocation(line: line, column: column),
                    "NUL byte at offset \(index): this looks like binary data, not an article",
                    hint: "give reportgen plain text (.txt) or Markdown (.md) files")
            } else if byte < 0x80 {
                length = 1
                if byte == 13 { sawCarriageReturn = true }
            } else if byte >= 0xC2 && byte <= 0xDF {
                length = 2
            } else if byte >= 0xE0 && byte <= 0xEF {
                length = 3
            } else if byte >= 0xF0 && byte <= 0xF4 {
                length = 4
            }
            var valid = length > 0 && index + length <= count
            if valid && length > 1 {
                for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 { valid = false }
                if valid && length == 3 {
                    let second = bytes[index + 1]
                    if byte == 0xE0 && second < 0xA0 { valid = false }        // overlong
                    if byte == 0xED && second >= 0xA0 { valid = false }       // surrogate
                }
                if valid && length == 4 {
                    let second = bytes[index + 1]
                    if byte == 0xF0 && second < 0x90 { valid = false }
                    if byte == 0xF4 && second >= 0x90 { valid = false }
                }
            }
            guard valid else {
                throw .error(.invalidEncoding, file: path, location: SourceLocation(line: line, column: column),
                    "invalid UTF-8 at byte offset \(index) (byte 0x\(String(byte, radix: 16, uppercase: true)))",
                    hint: "re-save the file as UTF-8 (for example `iconv -f WINDOWS-1252 -t UTF-8`)")
            }
            if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
            index += length
        }
        return sawCarriageReturn
    }

    static func decodeUTF16(_ bytes: [UInt8], path: String) throws(Diagnostic) -> String {
        let littleEndian = bytes[0] == 0xFF
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index + 1 < bytes.count {
            let low = UInt16(bytes[littleEndian ? index : index + 1])
            let high = UInt16(bytes[littleEndian ? index + 1 : index])
            units.append(high << 8 | low)
            index += 2
        }
        var result = String.UnicodeScalarView()
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\0" {
                    throw .error(.binaryData, file: path, "NUL character in UTF-16 text: this looks like binary data")
                }
                result.append(scalar)
            case .emptyInput: break loop
            case .error:
                throw .error(.invalidEncoding, file: path, "invalid UTF-16 (unpaired surrogate)",
                    hint: "re-save the file as UTF-8")
            }
        }
        return String(result)
    }
}
