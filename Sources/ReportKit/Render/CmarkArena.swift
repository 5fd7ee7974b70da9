import CCmark
#if canImport(Glibc)
import Glibc
#endif

/// A bump allocator for libcmark, one per thread. A page is parsed, rendered and copied out,
/// then everything libcmark allocated for it is dropped at once: with the C allocator, a third
/// of libcmark's time went to malloc and free of small nodes and buffers, and freeing the tree
/// walked it once more.
///
/// Each block starts with a 16-byte header holding its size, so that `realloc` (libcmark grows
/// its buffers with it) can copy what the block held; `free` does nothing until `reset`.
final class CmarkArena {
    private static let chunkSize = 256 * 1024
    private static let headerSize = 16

    // One arena per thread: the exclusivity checks Swift adds to class properties would cost
    // more than the bump allocation itself.
    @exclusivity(unchecked) private var chunks: [UnsafeMutableRawPointer] = []
    @exclusivity(unchecked) private var chunkIndex = 0
    @exclusivity(unchecked) private var chunk: UnsafeMutableRawPointer
    @exclusivity(unchecked) private var used = 0
    /// Blocks too large for a chunk, freed by `reset`.
    @exclusivity(unchecked) private var large: [UnsafeMutableRawPointer] = []

    private init() {
        chunk = Self.mallocOrTrap(Self.chunkSize)
        chunks.append(chunk)
    }

    deinit {
        for chunk in chunks { Glibc.free(chunk) }
        for block in large { Glibc.free(block) }
    }

    private static let perThread = PerThread { CmarkArena() }

    /// The arena of the calling thread, made on first use.
    static var current: CmarkArena { perThread.current }

    /// The `cmark_mem` to hand to libcmark: it allocates from the calling thread's arena.
    nonisolated(unsafe) static let allocator: UnsafeMutablePointer<cmark_mem> = {
        let memory = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        memory.initialize(to: cmark_mem(
            // Borrowed, not retained: a retain and release of the arena around each allocation
            // cost more than the allocation.
            calloc: { count, size in CmarkArena.perThread.withCurrent { $0.allocate(count * size, zeroed: true) } },
            realloc: { pointer, size in CmarkArena.perThread.withCurrent { $0.reallocate(pointer, size) } },
            free: { _ in }))
        return memory
    }()

    private static func mallocOrTrap(_ size: Int) -> UnsafeMutableRawPointer {
        guard let block = Glibc.malloc(size) else { fatalError("out of memory (\(size) bytes for libcmark)") }
        return block
    }

    func allocate(_ size: Int, zeroed: Bool) -> UnsafeMutableRawPointer {
        let total = (size + Self.headerSize + 15) & ~15
        let block: UnsafeMutableRawPointer
        if total > Self.chunkSize / 4 {
            block = Self.mallocOrTrap(total)
            large.append(block)
        } else {
            if used + total > Self.chunkSize {
                chunkIndex += 1
                if chunkIndex == chunks.count { chunks.append(Self.mallocOrTrap(Self.chunkSize)) }
                chunk = chunks[chunkIndex]
                used = 0
            }
            block = chunk + used
            used += total
        }
        block.storeBytes(of: size, as: Int.self)
        let memory = block + Self.headerSize
        if zeroed { memset(memory, 0, size) }
        return memory
    }

    func reallocate(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer {
        let memory = allocate(size, zeroed: false)
        if let pointer {
            let oldSize = (pointer - Self.headerSize).load(as: Int.self)
            memory.copyMemory(from: pointer, byteCount: min(oldSize, size))
        }
        return memory
    }

    /// Drops every block: the chunks are kept for the next page, large blocks are freed.
    func reset() {
        chunkIndex = 0
        chunk = chunks[0]
        used = 0
        for block in large { Glibc.free(block) }
        large.removeAll(keepingCapacity: true)
    }
}
