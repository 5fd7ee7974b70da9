/// A fixed table of bytes for lookups on hot paths, made once for the life of the process.
/// Its memory is never freed (tables are statics), so that reading it counts no references: a
/// static array was retained and released by the functions that read it, an atomic operation
/// on memory that both build threads share, for every word or value escaped.
struct ByteTable: @unchecked Sendable {
    private let base: UnsafePointer<UInt8>
    let count: Int

    /// Entry `index` is `make(index)`, for indices `0..<count`.
    init(count: Int, _ make: (Int) -> UInt8) {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: count)
        for index in 0..<count { table[index] = make(index) }
        base = UnsafePointer(table)
        self.count = count
    }

    /// The entry at `index`, which must be below `count`.
    @inline(__always) subscript(index: Int) -> UInt8 { base[index] }
}
