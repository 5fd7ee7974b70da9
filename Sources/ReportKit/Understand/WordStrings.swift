/// The `String`s of short words already made on this thread, found again by their bytes. An
/// article's words come back again and again ("de", "la", "the", the names it is about), and
/// making a `String` of each occurrence (validating and copying its bytes) was a sixth of the
/// tokenizer's work. A word of at most 15 bytes is stored inline in its `String`, so handing out
/// the one already made copies 16 bytes and counts no reference.
///
/// One table per thread, made on first use, with one word per slot: a new word takes the slot
/// of the one before it, which is only made again if it comes back.
final class WordStrings {
    private static let slotCount = 4096
    /// Each slot's word: its bytes packed into two integers, and its length (0 for none).
    private let packed: UnsafeMutablePointer<UInt64>
    private let lengths: UnsafeMutablePointer<UInt8>
    private let strings: UnsafeMutablePointer<String>

    private init() {
        packed = .allocate(capacity: 2 * Self.slotCount)
        packed.initialize(repeating: 0, count: 2 * Self.slotCount)
        lengths = .allocate(capacity: Self.slotCount)
        lengths.initialize(repeating: 0, count: Self.slotCount)
        strings = .allocate(capacity: Self.slotCount)
        strings.initialize(repeating: "", count: Self.slotCount)
    }

    deinit {
        strings.deinitialize(count: Self.slotCount)
        strings.deallocate()
        lengths.deallocate()
        packed.deallocate()
    }

    private static let perThread = PerThread { WordStrings() }

    /// The table of the calling thread.
    static var current: WordStrings { perThread.current }

    /// The string of `bytes`, which must be valid UTF-8.
    func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let count = bytes.count
        guard count > 0, count <= 15 else { return String(decoding: bytes, as: UTF8.self) }
        var low: UInt64 = 0, high: UInt64 = 0
        for index in 0..<min(count, 8) { low |= UInt64(bytes[index]) << UInt64(8 * index) }
        if count > 8 { for index in 8..<count { high |= UInt64(bytes[index]) << UInt64(8 * (index - 8)) } }
        return string(low: low, high: high, count: count)
    }

    /// The string of a word of 1 to 15 bytes of valid UTF-8 given packed, its first byte lowest
    /// in `low`: the tokenizer packs each word as it reads it, and the bytes are not read again.
    @inline(__always)
    func string(low: UInt64, high: UInt64, count: Int) -> String {
        let mixed = (low &* 0x9E37_79B9_7F4A_7C15) ^ (high &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(count)
        let slot = Int(truncatingIfNeeded: (mixed ^ (mixed >> 29)) & UInt64(Self.slotCount - 1))
        if lengths[slot] == UInt8(count) && packed[2 * slot] == low && packed[2 * slot + 1] == high {
            return strings[slot]
        }
        let made = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { bytes in
            let raw = UnsafeMutableRawPointer(bytes.baseAddress!)
            raw.storeBytes(of: low.littleEndian, toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: high.littleEndian, toByteOffset: 8, as: UInt64.self)
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<count]), as: UTF8.self)
        }
        lengths[slot] = UInt8(count)
        packed[2 * slot] = low
        packed[2 * slot + 1] = high
        strings[slot] = made
        return made
    }
}
