/// A streaming JSON encoder for the model's `Codable` conformances: it writes UTF-8 as values
/// are encoded, in declaration order, without building the intermediate tree Foundation's
/// `JSONEncoder` makes (which was a tenth of the build time). Output is pretty-printed with two
/// spaces, slashes unescaped, and is read back by `JSONDecoder`.
public enum JSONWriter {
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let state = JSONWriterState()
        try state.encodeValue(value)
        return state.finished()
    }

    /// A value that writes itself, not through `Encoder`.
    static func encode(written value: some JSONFastWritable) -> [UInt8] {
        let state = JSONWriterState()
        value.writeJSON(to: state)
        return state.finished()
    }

    /// report.json: written by hand (`Report.writeJSON`), not through `Encoder`.
    public static func encode(_ report: Report) throws -> [UInt8] {
        let state = JSONWriterState()
        try report.writeJSON(to: state)
        return state.finished()
    }
}

struct JSONWriterError: Error, CustomStringConvertible {
    let description: String
}

final class JSONWriterState {
    // One writer per document, used by one thread: the per-access exclusivity checks Swift
    // adds to class properties cost more than the appends themselves.
    @exclusivity(unchecked) var out = ByteBuffer(capacity: 64 * 1024)
    /// How many containers are open; the innermost one's kind and member count are kept apart
    /// from those around it, which wait on a stack (a separator, written before every member,
    /// updated an array element in place).
    @exclusivity(unchecked) private(set) var depth = 0
    @exclusivity(unchecked) private var innermostIsObject = false
    @exclusivity(unchecked) private var innermostCount = 0
    @exclusivity(unchecked) private var enclosing: [(isObject: Bool, count: Int)] = []
    /// A line break and up to 63 levels of indent, as one static string: an indent is a slice
    /// of it, with no array to retain.
    private static let lineAndIndent: StaticString = "\n                                                                                                                              "

    init() {}

    deinit { out.free() }

    /// Strings, numbers and flags arrive through the containers' typed overloads; no dynamic
    /// cast here (casting each nested value was as slow as Foundation's tree).
    func encodeValue<T: Encodable>(_ value: T) throws {
        let mark = depth
        try value.encode(to: JSONStreamEncoder(state: self, depth: mark))
        if depth == mark && !wroteScalar { out.append(contentsOf: "{}".utf8) }
        wroteScalar = false
        closeContainers(downTo: mark)
    }

    func flag(_ value: Bool) { out.append(contentsOf: (value ? "true" : "false").utf8) }

    /// Set by a single-value container, so that a value that wrote a scalar is not also `{}`.
    var wroteScalar = false

    func begin(object: Bool, at depth: Int) {
        guard self.depth == depth else { return }   // asked twice by one value: same container
        out.append(object ? UInt8(ascii: "{") : UInt8(ascii: "["))
        if depth > 0 { enclosing.append((innermostIsObject, innermostCount)) }
        innermostIsObject = object
        innermostCount = 0
        self.depth += 1
    }

    func closeContainers(downTo depth: Int) {
        while self.depth > depth {
            self.depth -= 1
            if innermostCount > 0 { newline(indent: self.depth) }
            out.append(innermostIsObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
            if self.depth > 0 { (innermostIsObject, innermostCount) = enclosing.removeLast() }
        }
    }

    func key(_ name: String) {
        separator()
        string(name)
        out.append(contentsOf: " : ".utf8)
    }

    func element() { separator() }

    /// A key known at compile time: its bytes are copied as they are (no escaping needed).
    /// The separator, line break and indent before it are written after one capacity check.
    func key(staticName name: StaticString) {
        let nameCount = name.utf8CodeUnitCount, nameStart = name.utf8Start
        let line = Self.lineAndIndent
        let lineCount = 1 + 2 * depth
        guard lineCount <= line.utf8CodeUnitCount else {
            separator()
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(start: nameStart, count: nameCount))
            out.append(contentsOf: "\" : ".utf8)
            return
        }
        let comma = innermostCount > 0
        innermostCount += 1
        out.write(upTo: 1 + lineCount + 1 + nameCount + 4) { bytes in
            var count = 0
            if comma { bytes[0] = UInt8(ascii: ","); count = 1 }
            ByteCopy.copy(bytes + count, from: line.utf8Start, count: lineCount)
            count += lineCount
            bytes[count] = UInt8(ascii: "\"")
            ByteCopy.copy(bytes + count + 1, from: nameStart, count: nameCount)
            count += 1 + nameCount
            bytes[count] = UInt8(ascii: "\""); bytes[count + 1] = 32; bytes[count + 2] = UInt8(ascii: ":"); bytes[count + 3] = 32
            return count + 4
        }
    }

    /// A sentence object (`Sentence.writeJSON`) as the calls for its fields would write it: the
    /// bytes around its two strings in three runs, where the fields' calls cost four times the
    /// bytes. False, with nothing written, when the indent is deeper than `lineAndIndent`.
    func sentence(id: String, text: String, range: TextRange, location: SourceLocation) -> Bool {
        let level = depth
        guard indentFits(level + 2) else { return false }
        // (The object opens and closes within this call: the container stack is left as it was.)
        let keyRoom = 1 + 2 * (level + 2) + 16
        run(upTo: 1 + keyRoom) { run in run.put("{"); run.key("id", at: level + 1, first: true) }
        string(id)
        run(upTo: 1 + keyRoom) { run in run.key("text", at: level + 1) }
        string(text)
        run(upTo: 16 * keyRoom + 128) { run in
            run.key("range", at: level + 1); run.put("{")
            run.key("start", at: level + 2, first: true); run.integer(range.start)
            run.key("end", at: level + 2); run.integer(range.end)
            run.newline(level + 1); run.put("}")
            run.key("location", at: level + 1); run.put("{")
            run.key("line", at: level + 2, first: true); run.integer(location.line)
            run.key("column", at: level + 2); run.integer(location.column)
            run.newline(level + 1); run.put("}")
            run.newline(level); run.put("}")
        }
        return true
    }

    /// An object of two integer fields (a range, a place) in one run, as the calls for its
    /// fields would write it; false, with nothing written, when the indent is too deep.
    func pair(_ first: StaticString, _ firstValue: Int, _ second: StaticString, _ secondValue: Int) -> Bool {
        let level = depth
        guard indentFits(level + 1) else { return false }
        let room = 3 * (1 + 2 * (level + 1)) + first.utf8CodeUnitCount + second.utf8CodeUnitCount + 2 * DecimalDigits.maximumCount + 16
        run(upTo: room) { run in
            run.put("{"); run.key(first, at: level + 1, first: true); run.integer(firstValue)
            run.key(second, at: level + 1); run.integer(secondValue)
            run.newline(level); run.put("}")
        }
        return true
    }

    /// An object of two string fields (an entity's mention) as the calls for its fields would
    /// write it, in three runs around the strings; false, with nothing written, when too deep.
    func pair(_ first: StaticString, _ firstValue: String, _ second: StaticString, _ secondValue: String) -> Bool {
        let level = depth
        guard indentFits(level + 1) else { return false }
        let room = 2 + 2 * (level + 1) + max(first.utf8CodeUnitCount, second.utf8CodeUnitCount) + 6
        run(upTo: room) { run in run.put("{"); run.key(first, at: level + 1, first: true) }
        string(firstValue)
        run(upTo: room) { run in run.key(second, at: level + 1) }
        string(secondValue)
        run(upTo: room) { run in run.newline(level); run.put("}") }
        return true
    }

    /// Whether `lineAndIndent` holds a line break and `level` indents.
    private func indentFits(_ level: Int) -> Bool { 1 + 2 * level <= Self.lineAndIndent.utf8CodeUnitCount }

    /// Writes `body`'s run of bytes, in room for at most `maximum`.
    @inline(__always)
    private func run(upTo maximum: Int, _ body: (inout JSONRun) -> Void) {
        let line = Self.lineAndIndent
        out.write(upTo: maximum) { bytes in
            var run = JSONRun(bytes: bytes, line: line)
            body(&run)
            return run.count
        }
    }

    /// Closes what is still open and ends the document with a line break.
    func finished() -> [UInt8] {
        closeContainers(downTo: 0)
        out.append(10)
        return out.bytes
    }

    func separator() {
        if innermostCount > 0 { out.append(UInt8(ascii: ",")) }
        innermostCount += 1
        newline(indent: depth)
    }

    private func newline(indent: Int) {
        let line = Self.lineAndIndent
        if 1 + indent * 2 <= line.utf8CodeUnitCount {
            out.append(contentsOf: UnsafeBufferPointer(start: line.utf8Start, count: 1 + indent * 2))
        } else {
            out.append(10)
            for _ in 0..<indent { out.append(32); out.append(32) }
        }
    }

    func null() { out.append(contentsOf: "null".utf8) }

    func string(_ text: String) {
        out.append(UInt8(ascii: "\""))
        let plain = text.utf8.withContiguousStorageIfAvailable { buffer -> Bool in
            guard !Self.needsEscaping(buffer) else { return false }
            out.write(upTo: buffer.count + 1) { bytes in
                if let base = buffer.baseAddress { ByteCopy.copy(bytes, from: base, count: buffer.count) }
                bytes[buffer.count] = UInt8(ascii: "\"")
                return buffer.count + 1
            }
            return true
        } ?? false
        if plain { return }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 10: out.append(contentsOf: "\\n".utf8)
            case 13: out.append(contentsOf: "\\r".utf8)
            case 9: out.append(contentsOf: "\\t".utf8)
            case 0..<32:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 15)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Whether `bytes` hold a control character, a quote or a backslash: eight bytes a step
    /// (most strings of a report need no escape, and each was scanned a byte at a time).
    private static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let raw = UnsafeRawBufferPointer(bytes)
        var index = 0
        while index + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let found = ByteWords.bytes(word, below: 32) | ByteWords.zeroBytes(word ^ ByteWords.repeating(0x22))
                | ByteWords.zeroBytes(word ^ ByteWords.repeating(0x5C))
            if found != 0 { return true }
            index += 8
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 32 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
            index += 1
        }
        return false
    }

    func double(_ value: Double) throws {
        guard value.isFinite else { throw JSONWriterError(description: "\(value) cannot be written as JSON") }
        if value == value.rounded(), abs(value) < 1e15 {
            out.append(contentsOf: String(Int(value)).utf8)
        } else {
            out.append(contentsOf: "\(value)".utf8)
        }
    }

    func integer<T: BinaryInteger>(_ value: T) {
        guard let small = UInt64(exactly: value) else { out.append(contentsOf: String(value).utf8); return }
        if small < 10 { out.append(UInt8(48 + small)); return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: DecimalDigits.maximumCount) { buffer in
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<DecimalDigits.write(small, into: buffer)]))
        }
    }
}

/// Bytes written into room `ByteBuffer.write(upTo:)` made: literals, line breaks with their
/// indent, and integers as `JSONWriterState.integer` writes them.
struct JSONRun {
    let bytes: UnsafeMutablePointer<UInt8>
    let line: StaticString
    private(set) var count = 0

    init(bytes: UnsafeMutablePointer<UInt8>, line: StaticString) {
        self.bytes = bytes
        self.line = line
    }

    @inline(__always) mutating func put(_ literal: StaticString) {
        ByteCopy.copy(bytes + count, from: literal.utf8Start, count: literal.utf8CodeUnitCount)
        count += literal.utf8CodeUnitCount
    }

    /// A line break and `level` indents (the caller checked `line` is long enough).
    @inline(__always) mutating func newline(_ level: Int) {
        ByteCopy.copy(bytes + count, from: line.utf8Start, count: 1 + 2 * level)
        count += 1 + 2 * level
    }

    /// A member's key at `level`, after the comma that separates it from the one before.
    @inline(__always) mutating func key(_ name: StaticString, at level: Int, first: Bool = false) {
        if !first { put(",") }
        newline(level); put("\""); put(name); put("\" : ")
    }

    mutating func integer(_ value: Int) {
        if value < 0 { bytes[count] = UInt8(ascii: "-"); count += 1 }
        count += DecimalDigits.write(UInt64(value.magnitude), into: UnsafeMutableBufferPointer(start: bytes + count, count: DecimalDigits.maximumCount))
    }
}

struct JSONStreamEncoder: Encoder {
    let state: JSONWriterState
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        state.begin(object: true, at: depth)
        return KeyedEncodingContainer(KeyedWriter<Key>(state: state))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        state.begin(object: false, at: depth)
        return UnkeyedWriter(state: state)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueWriter(state: state) }
}

struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let state: JSONWriterState
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { state.key(key.stringValue); state.null() }
    mutating func encode(_ value: Bool, forKey key: Key) throws { state.key(key.stringValue); state.flag(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { state.key(key.stringValue); state.string(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { state.key(key.stringValue); try state.double(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { state.key(key.stringValue); try state.double(Double(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { state.key(key.stringValue); state.integer(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { state.key(key.stringValue); state.integer(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { state.key(key.stringValue); state.integer(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { state.key(key.stringValue); state.integer(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { state.key(key.stringValue); state.integer(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { state.key(key.stringValue); state.integer(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { state.key(key.stringValue); state.integer(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { state.key(key.stringValue); state.integer(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { state.key(key.stringValue); state.integer(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { state.key(key.stringValue); state.integer(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { state.key(key.stringValue); try state.encodeValue(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        state.key(key.stringValue)
        state.begin(object: true, at: state.depth)
        return KeyedEncodingContainer(KeyedWriter<NestedKey>(state: state))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        state.key(key.stringValue)
        state.begin(object: false, at: state.depth)
        return UnkeyedWriter(state: state)
    }

    mutating func superEncoder() -> any Encoder { JSONStreamEncoder(state: state, depth: state.depth) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { state.key(key.stringValue); return JSONStreamEncoder(state: state, depth: state.depth) }
}

struct UnkeyedWriter: UnkeyedEncodingContainer {
    let state: JSONWriterState
    var codingPath: [any CodingKey] { [] }
    private(set) var count = 0

    init(state: JSONWriterState) { self.state = state }

    private mutating func next() { state.element(); count += 1 }

    mutating func encodeNil() throws { next(); state.null() }
    mutating func encode(_ value: Bool) throws { next(); state.flag(value) }
    mutating func encode(_ value: String) throws { next(); state.string(value) }
    mutating func encode(_ value: Double) throws { next(); try state.double(value) }
    mutating func encode(_ value: Float) throws { next(); try state.double(Double(value)) }
    mutating func encode(_ value: Int) throws { next(); state.integer(value) }
    mutating func encode(_ value: Int8) throws { next(); state.integer(value) }
    mutating func encode(_ value: Int16) throws { next(); state.integer(value) }
    mutating func encode(_ value: Int32) throws { next(); state.integer(value) }
    mutating func encode(_ value: Int64) throws { next(); state.integer(value) }
    mutating func encode(_ value: UInt) throws { next(); state.integer(value) }
    mutating func encode(_ value: UInt8) throws { next(); state.integer(value) }
    mutating func encode(_ value: UInt16) throws { next(); state.integer(value) }
    mutating func encode(_ value: UInt32) throws { next(); state.integer(value) }
    mutating func encode(_ value: UInt64) throws { next(); state.integer(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { next(); try state.encodeValue(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        state.element()
        count += 1
        state.begin(object: true, at: state.depth)
        return KeyedEncodingContainer(KeyedWriter<NestedKey>(state: state))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        state.element()
        count += 1
        state.begin(object: false, at: state.depth)
        return UnkeyedWriter(state: state)
    }

    mutating func superEncoder() -> any Encoder { state.element(); count += 1; return JSONStreamEncoder(state: state, depth: state.depth) }
}

struct SingleValueWriter: SingleValueEncodingContainer {
    let state: JSONWriterState
    var codingPath: [any CodingKey] { [] }

    private func scalar(_ write: () throws -> Void) rethrows {
        try write()
        state.wroteScalar = true
    }

    mutating func encodeNil() throws { scalar { state.null() } }
    mutating func encode(_ value: Bool) throws { scalar { state.flag(value) } }
    mutating func encode(_ value: String) throws { scalar { state.string(value) } }
    mutating func encode(_ value: Double) throws { try scalar { try state.double(value) } }
    mutating func encode(_ value: Float) throws { try scalar { try state.double(Double(value)) } }
    mutating func encode(_ value: Int) throws { scalar { state.integer(value) } }
    mutating func encode(_ value: Int8) throws { scalar { state.integer(value) } }
    mutating func encode(_ value: Int16) throws { scalar { state.integer(value) } }
    mutating func encode(_ value: Int32) throws { scalar { state.integer(value) } }
    mutating func encode(_ value: Int64) throws { scalar { state.integer(value) } }
    mutating func encode(_ value: UInt) throws { scalar { state.integer(value) } }
    mutating func encode(_ value: UInt8) throws { scalar { state.integer(value) } }
    mutating func encode(_ value: UInt16) throws { scalar { state.integer(value) } }
    mutating func encode(_ value: UInt32) throws { scalar { state.integer(value) } }
    mutating func encode(_ value: UInt64) throws { scalar { state.integer(value) } }
    mutating func encode<T: Encodable>(_ value: T) throws { try scalar { try state.encodeValue(value) } }
}
