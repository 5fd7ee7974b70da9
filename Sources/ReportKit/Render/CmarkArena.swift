import CCmark
import CmarkArena

/// libcmark's allocations come from a bump arena per thread (C target `CmarkArena`). A page is
/// parsed, rendered and copied out, then everything libcmark allocated for it is dropped at
/// once: with the C allocator, a third of libcmark's time went to malloc and free of small
/// nodes and buffers, and freeing the tree walked it once more.
enum CmarkArena {
    /// The `cmark_mem` to hand to libcmark: it allocates from the calling thread's arena.
    nonisolated(unsafe) static let allocator: UnsafeMutablePointer<cmark_mem> = {
        let memory = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        memory.initialize(to: cmark_mem(calloc: reportgen_arena_calloc, realloc: reportgen_arena_realloc, free: reportgen_arena_free))
        return memory
    }()

    /// Drops everything libcmark allocated on this thread since the last reset.
    static func reset() { reportgen_arena_reset() }
}
