import Testing
@testable import ReportKit

@Suite("Reading article bytes")
struct SourceTextTests {
    @Test("a UTF-8 byte-order mark and CRLF line endings are normalised")
    func bomAndLineEndings() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Titre\r\nUn paragraphe.\rDeux.\r\n".utf8)
        let source = try SourceText(bytes: bytes, path: "a.txt")
        #expect(source.text == "Titre\nUn paragraphe.\nDeux.\n")
    }

    @Test("UTF-16 with a byte-order mark is decoded, with a warning")
    func utf16() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "Été 2025\nTexte.".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let source = try SourceText(bytes: bytes, path: "a.txt")
        #expect(source.text == "Été 2025\nTexte.")
        #expect(source.warnings.map(\.code) == [.decodedLegacyEncoding])
    }

    struct BadInput: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var code: Diagnostic.Code
        var location: Place?
        var testDescription: String { name }
    }

    static let badInputs: [BadInput] = [
        BadInput(name: "empty", bytes: [], code: .emptyArticle, location: nil),
        BadInput(name: "whitespace only", bytes: Array(" \n\t\n".utf8), code: .emptyArticle, location: nil),
        BadInput(name: "NUL byte", bytes: Array("Titre\nab".utf8) + [0x00, 0x01], code: .binaryData, location: Place(line: 2, column: 3)),
        BadInput(name: "Latin-1 byte", bytes: Array("Titre\nCaf".utf8) + [0xE9] + Array(" noir.".utf8), code: .invalidEncoding, location: Place(line: 2, column: 4)),
        BadInput(name: "overlong encoding", bytes: [0xC0, 0x80], code: .invalidEncoding, location: Place(line: 1, column: 1)),
        BadInput(name: "truncated sequence at the end", bytes: Array("Titre\nfin ".utf8) + [0xE2, 0x82], code: .invalidEncoding,
                 location: Place(line: 2, column: 5)),
        // Counted in characters, not bytes: two-byte "é"s one over the limit, after CRLF endings.
        BadInput(name: "line too long", bytes: Array("Titre\r\n".utf8) + Array(String(repeating: "é", count: SourceText.maximumLineScalars + 1).utf8),
                 code: .lineTooLong, location: Place(line: 2, column: 1)),
    ]

    @Test("a line at the limit, counted in characters, is read", arguments: ["\r\n", "\n"])
    func lineAtLimit(ending: String) throws {
        // Twice as many bytes as the limit: only the count in characters may decide.
        let line = String(repeating: "é", count: SourceText.maximumLineScalars)
        let source = try SourceText(bytes: Array("Titre\(ending)\(line)\nFin.".utf8), path: "a.txt")
        #expect(source.text.unicodeScalars.count == SourceText.maximumLineScalars + 11)
    }

    @Test("a line one character over the limit is refused, whatever the line endings", arguments: ["\r\n", "\n", "\r"])
    func lineOverLimit(ending: String) {
        let line = String(repeating: "é", count: SourceText.maximumLineScalars + 1)
        let error = expectDiagnostic { () throws(Diagnostic) in _ = try SourceText(bytes: Array("Titre\(ending)Court.\(ending)\(line)".utf8), path: "a.txt") }
        #expect(error?.code == .lineTooLong)
        #expect(error?.location == Place(line: 3, column: 1))
    }

    @Test("bad input is refused with a typed diagnostic and its place", arguments: badInputs)
    func refused(_ input: BadInput) {
        if let error = expectDiagnostic({ () throws(Diagnostic) in _ = try SourceText(bytes: input.bytes, path: "bad.txt") }) {
            #expect(error.code == input.code)
            #expect(error.location == input.location)
            #expect(error.description.hasPrefix("bad.txt"))
            #expect(error.hint != nil)
        }
    }

    @Test("a file over the size limit is refused")
    func tooLarge() {
        let bytes = [UInt8](repeating: 65, count: SourceText.maximumBytes + 1)
        #expect(throws: Diagnostic.self) { try SourceText(bytes: bytes, path: "big.txt") }
    }
}
