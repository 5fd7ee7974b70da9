#ifndef REPORTGEN_CMARK_ARENA_H
#define REPORTGEN_CMARK_ARENA_H

#include <stddef.h>

/// A bump allocator for libcmark, one per thread, in C because the calling thread's arena is a
/// thread-local variable here: Swift has none, and finding it through pthread_getspecific and a
/// closure at each of the ~2,000 allocations of an article's pages cost more than allocating.
///
/// The three functions have the signatures of libcmark's `cmark_mem` members. Every block is
/// dropped at once by `reportgen_arena_reset` (`free` does nothing), once a page is rendered.
void *reportgen_arena_calloc(size_t count, size_t size);
void *reportgen_arena_realloc(void *pointer, size_t size);
void reportgen_arena_free(void *pointer);

/// Drops every block of the calling thread's arena: the chunks stay for the next page, blocks
/// too large for a chunk are freed.
void reportgen_arena_reset(void);

#endif
