/// Output written in many small pieces (a JSON document's keys and indents, a figure's tags and
/// numbers): an append is a capacity check and a copy. `[UInt8]`'s generic
/// `append(contentsOf:)` cost about a hundred instructions for every key, indent and short value,
/// which was most of the cost of writing report.json. The memory is the owner's to free, once:
/// `JSONWriterState`, `SVGWriter` and `TemplateRenderer` free theirs when they end (the last two
/// cannot be copied), and the article page's writers with `defer`.
struct ByteBuffer {
    private var storage: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        storage = .allocate(capacity: self.capacity)
    }

    /// Called once, by the writer that owns the buffer.
    func free() { storage.deallocate() }

    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: storage, count: count)) }

    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        var newCapacity = capacity * 2
        while newCapacity < count + extra { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.initialize(from: storage, count: count)
        storage.deallocate()
        storage = grown
        capacity = newCapacity
    }

    /// Room for `maximum` bytes, written by `body`, which returns how many it wrote: a key, its
    /// separator and indent are one capacity check and a few stores, not four copies.
    @inline(__always) mutating func write(upTo maximum: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        if count + maximum > capacity { reserve(maximum) }
        count += body(storage + count)
    }

    @inline(__always) mutating func append(_ byte: UInt8) {
        if count == capacity { reserve(1) }
        storage[count] = byte
        count += 1
    }

    @inline(__always) mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        if count + bytes.count > capacity { reserve(bytes.count) }
        (storage + count).initialize(from: base, count: bytes.count)
        count += bytes.count
    }

    mutating func append(contentsOf bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append(contentsOf: $0) }
    }

    mutating func append(contentsOf bytes: Slice<UnsafeMutableRawBufferPointer>) {
        append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes).assumingMemoryBound(to: UInt8.self))
    }
}

extension ByteBuffer {
    subscript(position: Int) -> UInt8 { storage[position] }

    /// The bytes from `position` on, read in place: valid until the buffer next grows or is freed.
    func bytes(from position: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: storage + position, count: count - position)
    }

    /// Drops the bytes from `position` on.
    mutating func removeSubrange(from position: Int) { count = Swift.min(count, position) }

    mutating func insert(_ byte: UInt8, at position: Int) {
        if count == capacity { reserve(1) }
        (storage + position + 1).moveInitialize(from: storage + position, count: count - position)
        storage[position] = byte
        count += 1
    }
}

/// Where escaped text is appended: a `ByteBuffer` while a page is rendered, a `[UInt8]`
/// elsewhere. The escapers are generic over it, so each is specialised for both.
protocol ByteSink {
    var count: Int { get }
    subscript(position: Int) -> UInt8 { get }
    mutating func append(_ byte: UInt8)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>)
    mutating func insert(_ byte: UInt8, at position: Int)
}

extension ByteSink {
    /// Markup, entities and punctuation reportgen writes itself.
    @inline(__always) mutating func append(_ literal: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// A string's UTF-8 copied at once from its storage: `[UInt8]`'s generic
    /// `append(contentsOf:)` went through the collection protocol on every call (about 170
    /// instructions for a short tag), and pages and figures append tens of thousands of pieces.
    mutating func append(contentsOf text: String.UTF8View) {
        var text = String(text)
        text.withUTF8 { append(contentsOf: $0) }
    }
}

extension ByteBuffer: ByteSink {}
extension Array: ByteSink where Element == UInt8 {}

/// Output written in place, from pieces, into a buffer sized for its worst case: the passes that
/// rewrite libcmark's HTML (anchors, link marks) copy long runs and short tags, and
/// `[UInt8].append(contentsOf:)` cost about a hundred instructions a piece.
struct SizedWriter {
    private let out: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    private init(out: UnsafeMutableBufferPointer<UInt8>) { self.out = out }

    /// The bytes `body` writes, at most `capacity` of them, or nil when `body` returns false.
    static func bytes(capacity: Int, _ body: (inout SizedWriter) -> Bool) -> [UInt8]? {
        var finished = false
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, written in
            var writer = SizedWriter(out: buffer)
            finished = body(&writer)
            written = finished ? writer.count : 0
        }
        return finished ? bytes : nil
    }

    /// The bytes `body` writes, at most `capacity` of them.
    static func bytes(capacity: Int, _ body: (inout SizedWriter) -> Void) -> [UInt8] {
        bytes(capacity: capacity) { (writer: inout SizedWriter) -> Bool in body(&writer); return true } ?? []
    }

    mutating func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        precondition(count + bytes.count <= out.count, "output outgrew the room made for it")
        (out.baseAddress! + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func copy(_ literal: StaticString) {
        copy(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }
}
