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
        ByteCopy.copy(storage + count, from: base, count: bytes.count)
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
        ByteCopy.copy(out.baseAddress! + count, from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func copy(_ literal: StaticString) {
        copy(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }
}

/// Copies between buffers that do not overlap, short ones without a call: most copies a page or
/// a JSON file makes are a few bytes (a key, a tag, a word), and each went through libc's
/// `memcpy` by way of the dynamic linker's table, several times the cost of the copy itself
/// (about 7,500 calls an article).
enum ByteCopy {
    @inline(__always)
    static func copy(_ destination: UnsafeMutablePointer<UInt8>, from source: UnsafePointer<UInt8>, count: Int) {
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(destination)
        if count > 16 {
            destination.initialize(from: source, count: count)
        } else if count >= 8 {
            // Two loads that overlap in the middle when the count is below 16.
            let head = from.loadUnaligned(as: UInt64.self), tail = from.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
        } else if count >= 4 {
            let head = from.loadUnaligned(as: UInt32.self), tail = from.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: count - 4, as: UInt32.self)
        } else {
            for index in 0..<count { destination[index] = source[index] }
        }
    }
}
